import { fail, ok, type Result } from "../../backend/base/index.js";
import type { XmlElement, XmlNode } from "../../backend/cib/index.js";

export type DraftIssueCode = "bad_path" | "path_not_found";

interface Step {
  readonly name: string;
  readonly id: string | undefined;
}

const stepPattern = /\/([A-Za-z_][\w.-]*)(?:\[@id='([^']*)'\])?/y;

/** The steps of a patch path (`/cib/configuration/resources/primitive[@id='d1']`). */
function pathSteps(path: string): Result<Step[], DraftIssueCode> {
  const steps: Step[] = [];
  let offset = 0;
  while (offset < path.length) {
    stepPattern.lastIndex = offset;
    const match = stepPattern.exec(path);
    if (match === null || match[1] === undefined) {
      return fail([{ code: "bad_path", message: `Cannot read patch path "${path}" at ${offset}` }]);
    }
    steps.push({ name: match[1], id: match[2] });
    offset = stepPattern.lastIndex;
  }
  if (steps.length === 0) return fail([{ code: "bad_path", message: "Empty patch path" }]);
  return ok(steps);
}

function matches(node: XmlNode, step: Step): node is XmlElement {
  return node.kind === "element" && node.name === step.name && node.attributes["id"] === step.id;
}

/** A copy of one element that shares its children (and their subtrees) with the original. */
function shallowCopy(node: XmlElement): XmlElement {
  return {
    kind: "element",
    name: node.name,
    attributes: { ...node.attributes },
    children: [...node.children],
  };
}

/**
 * The next version of a CIB being made from a base that must stay unchanged (a held CIB),
 * copy-on-write: an element is copied only when a change reaches it or a descendant, so the
 * result shares every untouched subtree with the base and a change costs the length of its
 * paths (and the sibling lists along them), not the size of the CIB.
 */
export class CibDraft {
  readonly root: XmlElement;
  readonly #owned = new Set<XmlElement>();

  constructor(base: XmlElement) {
    this.root = shallowCopy(base);
    this.#owned.add(this.root);
  }

  /**
   * The element a path names, made this draft's own along with its ancestors (so it and its
   * child list may be changed).
   */
  own(path: string): Result<XmlElement, DraftIssueCode> {
    const steps = pathSteps(path);
    if (!steps.ok) return steps;
    const [first, ...rest] = steps.value;
    if (first === undefined || !matches(this.root, first)) {
      return fail([
        { code: "path_not_found", message: `Patch path "${path}" does not start at /cib` },
      ]);
    }
    let current = this.root;
    for (const step of rest) {
      const index = current.children.findIndex((child) => matches(child, step));
      const child = current.children[index];
      if (child?.kind !== "element") {
        return fail([{ code: "path_not_found", message: `No element at patch path "${path}"` }]);
      }
      current = this.#ownChild(current, index, child);
    }
    return ok(current);
  }

  #ownChild(parent: XmlElement, index: number, child: XmlElement): XmlElement {
    if (this.#owned.has(child)) return child;
    const copy = shallowCopy(child);
    parent.children[index] = copy;
    this.#owned.add(copy);
    return copy;
  }
}
