import { fail, ok, type Issue, type Result } from "../base/index.js";
import {
  childElements,
  cloneNode,
  element,
  firstChild,
  type XmlElement,
  type XmlNode,
} from "./xml-node.js";
import type { CibVersion } from "./diff-versions.js";

/** One attribute change of a `modify`: `<change-attr name operation value/>`. */
export interface AttributeChange {
  readonly name: string;
  readonly operation: "set" | "unset";
  readonly value?: string;
}

/**
 * A change of a Pacemaker v2 patchset. `create`: path is the parent, position the child index,
 * body the new node. `delete`: path of the element (a comment: parent path + `/comment()` and
 * its position). `modify`: attribute changes plus the resulting element without children.
 * `move`: the element goes to `position` among its siblings.
 */
export type PatchChange =
  | {
      readonly kind: "create";
      readonly path: string;
      readonly position: number;
      readonly body: XmlNode;
    }
  | { readonly kind: "delete"; readonly path: string; readonly position?: number }
  | {
      readonly kind: "modify";
      readonly path: string;
      readonly attributes: readonly AttributeChange[];
      readonly result: XmlElement;
    }
  | { readonly kind: "move"; readonly path: string; readonly position: number };

/** `<diff format="2">`: version source and target, an optional digest of the result. */
export interface Patchset {
  readonly source: CibVersion;
  readonly target: CibVersion;
  readonly digest?: string;
  readonly changes: readonly PatchChange[];
}

export type PatchsetIssueCode = "bad_patchset";

function versionElement(name: string, version: CibVersion): XmlElement {
  return element(name, {
    admin_epoch: String(version.adminEpoch),
    epoch: String(version.epoch),
    num_updates: String(version.numUpdates),
  });
}

function changeElement(change: PatchChange): XmlElement {
  switch (change.kind) {
    case "create":
      return element(
        "change",
        {
          operation: "create",
          path: change.path,
          position: String(change.position),
        },
        [cloneNode(change.body)],
      );
    case "delete":
      return element("change", {
        operation: "delete",
        path: change.path,
        ...(change.position === undefined ? {} : { position: String(change.position) }),
      });
    case "modify": {
      const list = change.attributes.map((attribute) =>
        element("change-attr", {
          name: attribute.name,
          operation: attribute.operation,
          ...(attribute.value === undefined ? {} : { value: attribute.value }),
        }),
      );
      return element("change", { operation: "modify", path: change.path }, [
        element("change-list", {}, list),
        element("change-result", {}, [cloneNode(change.result)]),
      ]);
    }
    case "move":
      return element("change", {
        operation: "move",
        path: change.path,
        position: String(change.position),
      });
  }
}

/** The patchset as the XML Pacemaker exchanges (`crm_diff`, notifications, CPG). */
export function patchsetToXml(patchset: Patchset): XmlElement {
  const version = element("version", {}, [
    versionElement("source", patchset.source),
    versionElement("target", patchset.target),
  ]);
  const attributes: Record<string, string> = { format: "2" };
  if (patchset.digest !== undefined) attributes["digest"] = patchset.digest;
  return element("diff", attributes, [version, ...patchset.changes.map(changeElement)]);
}

type Issues = Issue<PatchsetIssueCode>[];

function bad(issues: Issues, message: string): void {
  issues.push({ code: "bad_patchset", message });
}

function readCount(node: XmlElement | undefined, name: string, issues: Issues): number {
  const text = node?.attributes[name];
  if (text !== undefined && /^\d{1,15}$/.test(text)) return Number(text);
  bad(issues, `Patchset ${node?.name ?? "version"} needs a numeric "${name}"`);
  return 0;
}

function readVersion(node: XmlElement | undefined, issues: Issues): CibVersion {
  return {
    adminEpoch: readCount(node, "admin_epoch", issues),
    epoch: readCount(node, "epoch", issues),
    numUpdates: readCount(node, "num_updates", issues),
  };
}

function readAttributeChanges(change: XmlElement, issues: Issues): AttributeChange[] {
  const list = firstChild(change, "change-list");
  return childElements(list ?? element("change-list"), "change-attr").map((entry) => {
    const name = entry.attributes["name"];
    const operation = entry.attributes["operation"];
    const value = entry.attributes["value"];
    if (name === undefined || (operation !== "set" && operation !== "unset")) {
      bad(issues, "A change-attr needs a name and operation set or unset");
    } else if (operation === "set" && value === undefined) {
      bad(issues, `change-attr "${name}" sets no value`);
    }
    return {
      name: name ?? "",
      operation: operation === "unset" ? "unset" : "set",
      ...(value === undefined ? {} : { value }),
    };
  });
}

function readChange(change: XmlElement, issues: Issues): PatchChange | undefined {
  const path = change.attributes["path"];
  const operation = change.attributes["operation"];
  const positionText = change.attributes["position"];
  const position = positionText === undefined ? undefined : Number(positionText);
  if (path === undefined || (position !== undefined && !Number.isSafeInteger(position))) {
    bad(issues, `Patchset change "${operation ?? "?"}" needs a path and a numeric position`);
    return undefined;
  }
  switch (operation) {
    case "create": {
      const body = change.children.find((child) => child.kind !== "text");
      if (body === undefined || position === undefined) break;
      return { kind: "create", path, position, body: cloneNode(body) };
    }
    case "delete":
      return { kind: "delete", path, ...(position === undefined ? {} : { position }) };
    case "modify": {
      const result = childElements(firstChild(change, "change-result") ?? element("x"))[0];
      const attributes = readAttributeChanges(change, issues);
      return { kind: "modify", path, attributes, result: result ?? element("unknown") };
    }
    case "move":
      if (position === undefined) break;
      return { kind: "move", path, position };
  }
  bad(issues, `Patchset change "${operation ?? "?"}" at "${path}" is incomplete or unknown`);
  return undefined;
}

/** Reads a `<diff format="2">`; anything else is an issue, never a throw. */
export function patchsetFromXml(diff: XmlElement): Result<Patchset, PatchsetIssueCode> {
  const issues: Issues = [];
  if (diff.name !== "diff" || diff.attributes["format"] !== "2") {
    return fail([{ code: "bad_patchset", message: 'Expected <diff format="2">' }]);
  }
  const version = firstChild(diff, "version");
  const source = readVersion(firstChild(version ?? diff, "source"), issues);
  const target = readVersion(firstChild(version ?? diff, "target"), issues);
  const changes: PatchChange[] = [];
  for (const change of childElements(diff, "change")) {
    const read = readChange(change, issues);
    if (read !== undefined) changes.push(read);
  }
  if (issues.length > 0) return fail(issues);
  const digest = diff.attributes["digest"];
  return ok({ source, target, ...(digest === undefined ? {} : { digest }), changes });
}
