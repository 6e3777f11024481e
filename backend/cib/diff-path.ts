import { fail, ok, type Result } from "../base/index.js";
import type { XmlElement } from "./xml-node.js";

/**
 * Element paths as Pacemaker writes them in v2 patchsets: `/cib/configuration/resources/
 * primitive[@id='d1']`; an element without an id is named by its tag alone.
 */
export function pathSegment(node: XmlElement): string {
  const id = node.attributes["id"];
  return id === undefined ? node.name : `${node.name}[@id='${id}']`;
}

export type PathIssueCode = "bad_path" | "path_not_found";

interface Segment {
  readonly name: string;
  readonly id: string | undefined;
}

function parseSegments(path: string): Result<Segment[], PathIssueCode> {
  const segments: Segment[] = [];
  const pattern = /\/([A-Za-z_][\w.-]*)(?:\[@id='([^']*)'\])?/y;
  let offset = 0;
  while (offset < path.length) {
    pattern.lastIndex = offset;
    const match = pattern.exec(path);
    if (match === null || match[1] === undefined) {
      return fail([{ code: "bad_path", message: `Cannot read patch path "${path}" at ${offset}` }]);
    }
    segments.push({ name: match[1], id: match[2] });
    offset = pattern.lastIndex;
  }
  if (segments.length === 0) return fail([{ code: "bad_path", message: "Empty patch path" }]);
  return ok(segments);
}

function matchesSegment(node: XmlElement, segment: Segment): boolean {
  return node.name === segment.name && node.attributes["id"] === segment.id;
}

/** Finds the element a path names in `root` (the `<cib>`), or says which step failed. */
export function resolvePath(root: XmlElement, path: string): Result<XmlElement, PathIssueCode> {
  const parsed = parseSegments(path);
  if (!parsed.ok) return parsed;
  const [first, ...rest] = parsed.value;
  if (first === undefined || !matchesSegment(root, first)) {
    return fail([
      { code: "path_not_found", message: `Patch path "${path}" does not start at /cib` },
    ]);
  }
  let current = root;
  for (const segment of rest) {
    const next = current.children.find(
      (child): child is XmlElement => child.kind === "element" && matchesSegment(child, segment),
    );
    if (next === undefined) {
      return fail([{ code: "path_not_found", message: `No element at patch path "${path}"` }]);
    }
    current = next;
  }
  return ok(current);
}
