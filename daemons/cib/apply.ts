import { fail, ok, type Issue, type Result } from "../../backend/base/index.js";
import {
  cloneNode,
  cibVersion,
  compareVersions,
  versionText,
  pathSegment,
  type XmlElement,
  type PatchChange,
  type Patchset,
} from "../../backend/cib/index.js";
import { CibDraft } from "./apply-draft.js";
import { heldCibDigest, type TextHash } from "./serialized.js";

export type ApplyIssueCode =
  "version_conflict" | "bad_path" | "path_not_found" | "bad_position" | "digest_mismatch";

type ApplyIssue = Issue<ApplyIssueCode>;

/**
 * Applies a v2 patchset to `cib`, which is never changed: the result is a new tree that
 * shares every subtree the patchset does not touch with `cib` (so neither may be mutated
 * afterwards; held CIBs never are). The patchset applies only when the CIB's version equals
 * its source; the result must carry the target version and, when the patchset has a digest,
 * hash to it (Pacemaker's check that every replica ends in the same document; `hash` is the
 * MD5 used for that, pure by default).
 */
export function applyPatchset(
  cib: XmlElement,
  patchset: Patchset,
  options: { readonly hash?: TextHash } = {},
): Result<XmlElement, ApplyIssueCode> {
  const current = cibVersion(cib);
  if (compareVersions(current, patchset.source) !== 0) {
    return fail([
      {
        code: "version_conflict",
        message: `Cannot apply patch for ${versionText(patchset.source)} to CIB ${versionText(current)}`,
      },
    ]);
  }
  const draft = new CibDraft(cib);
  for (const change of patchset.changes) {
    const issue = applyChange(draft, change);
    if (issue !== undefined) return fail([issue]);
  }
  const result = draft.root;
  const reached = cibVersion(result);
  if (compareVersions(reached, patchset.target) !== 0) {
    return fail([
      {
        code: "version_conflict",
        message: `Patch for ${versionText(patchset.target)} produced CIB ${versionText(reached)}`,
      },
    ]);
  }
  if (patchset.digest !== undefined && heldCibDigest(result, options.hash) !== patchset.digest) {
    return fail([
      {
        code: "digest_mismatch",
        message: `Patched CIB ${versionText(reached)} does not match digest "${patchset.digest}"`,
      },
    ]);
  }
  return ok(result);
}

function badPosition(path: string, position: number | undefined): ApplyIssue {
  return { code: "bad_position", message: `No position ${position ?? "?"} under "${path}"` };
}

function applyChange(draft: CibDraft, change: PatchChange): ApplyIssue | undefined {
  switch (change.kind) {
    case "create": {
      const parent = draft.own(change.path);
      if (!parent.ok) return parent.issues[0];
      if (change.position > parent.value.children.length)
        return badPosition(change.path, change.position);
      parent.value.children.splice(change.position, 0, cloneNode(change.body));
      return undefined;
    }
    case "delete":
      return applyDelete(draft, change.path, change.position);
    case "modify":
      return applyModify(draft, change);
    case "move":
      return applyMove(draft, change.path, change.position);
  }
}

function parentPathOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/"));
}

/** The position of the element `path` names among its (owned) parent's children, or -1. */
function positionOf(parent: XmlElement, path: string): number {
  const segment = path.slice(path.lastIndexOf("/") + 1);
  return parent.children.findIndex(
    (child) => child.kind === "element" && pathSegment(child) === segment,
  );
}

function applyDelete(
  draft: CibDraft,
  path: string,
  position: number | undefined,
): ApplyIssue | undefined {
  const anonymous = path.endsWith("/comment()")
    ? "comment"
    : path.endsWith("/text()")
      ? "text"
      : undefined;
  if (parentPathOf(path) === "") return badPosition(path, position);
  const parent = draft.own(parentPathOf(path));
  if (!parent.ok) return parent.issues[0];
  const siblings = parent.value.children;
  if (anonymous !== undefined) {
    const node = position === undefined ? undefined : siblings[position];
    if (node?.kind !== anonymous || position === undefined) return badPosition(path, position);
    siblings.splice(position, 1);
    return undefined;
  }
  const index = positionOf(parent.value, path);
  if (index < 0) {
    return { code: "path_not_found", message: `No element at patch path "${path}"` };
  }
  siblings.splice(index, 1);
  return undefined;
}

function applyModify(
  draft: CibDraft,
  change: Extract<PatchChange, { kind: "modify" }>,
): ApplyIssue | undefined {
  const target = draft.own(change.path);
  if (!target.ok) return target.issues[0];
  const attributes = target.value.attributes;
  for (const attribute of change.attributes) {
    if (attribute.operation === "unset") delete attributes[attribute.name];
    else attributes[attribute.name] = attribute.value ?? "";
  }
  // The result element gives the attribute order (Pacemaker's change-result).
  const order = Object.keys(change.result.attributes);
  if (
    order.length === Object.keys(attributes).length &&
    order.every((name) => name in attributes)
  ) {
    target.value.attributes = Object.fromEntries(
      order.map((name) => [name, attributes[name] ?? ""]),
    );
  }
  return undefined;
}

function applyMove(draft: CibDraft, path: string, position: number): ApplyIssue | undefined {
  if (parentPathOf(path) === "") return badPosition(path, position);
  const parent = draft.own(parentPathOf(path));
  if (!parent.ok) return parent.issues[0];
  const siblings = parent.value.children;
  const index = positionOf(parent.value, path);
  const target = siblings[index];
  if (target === undefined) {
    return { code: "path_not_found", message: `No element at patch path "${path}"` };
  }
  siblings.splice(index, 1);
  if (position > siblings.length) return badPosition(path, position);
  siblings.splice(position, 0, target);
  return undefined;
}
