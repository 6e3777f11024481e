import { fail, ok, type Issue, type Result } from "../../backend/base/index.js";
import { cloneNode, type XmlElement } from "../../backend/cib/index.js";
import { cibDigest } from "./digest.js";
import type { PatchChange, Patchset } from "./patchset.js";
import { cibVersion, compareVersions, versionText } from "./versions.js";
import { resolvePath } from "./xpath.js";

export type ApplyIssueCode =
  "version_conflict" | "bad_path" | "path_not_found" | "bad_position" | "digest_mismatch";

type ApplyIssue = Issue<ApplyIssueCode>;

/**
 * Applies a v2 patchset to a copy of `cib` (the input is never changed). The patchset applies
 * only when the CIB's version equals its source; the result must carry the target version
 * and, when the patchset has a digest, hash to it (Pacemaker's check that every replica ends
 * in the same document).
 */
export function applyPatchset(
  cib: XmlElement,
  patchset: Patchset,
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
  const result = cloneNode(cib);
  for (const change of patchset.changes) {
    const issue = applyChange(result, change);
    if (issue !== undefined) return fail([issue]);
  }
  const reached = cibVersion(result);
  if (compareVersions(reached, patchset.target) !== 0) {
    return fail([
      {
        code: "version_conflict",
        message: `Patch for ${versionText(patchset.target)} produced CIB ${versionText(reached)}`,
      },
    ]);
  }
  if (patchset.digest !== undefined && cibDigest(result) !== patchset.digest) {
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

function applyChange(cib: XmlElement, change: PatchChange): ApplyIssue | undefined {
  switch (change.kind) {
    case "create": {
      const parent = resolvePath(cib, change.path);
      if (!parent.ok) return parent.issues[0];
      if (change.position > parent.value.children.length)
        return badPosition(change.path, change.position);
      parent.value.children.splice(change.position, 0, cloneNode(change.body));
      return undefined;
    }
    case "delete":
      return applyDelete(cib, change.path, change.position);
    case "modify":
      return applyModify(cib, change);
    case "move":
      return applyMove(cib, change.path, change.position);
  }
}

function parentPathOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/"));
}

function applyDelete(
  cib: XmlElement,
  path: string,
  position: number | undefined,
): ApplyIssue | undefined {
  const anonymous = path.endsWith("/comment()")
    ? "comment"
    : path.endsWith("/text()")
      ? "text"
      : undefined;
  if (anonymous !== undefined) {
    const parent = resolvePath(cib, parentPathOf(path));
    if (!parent.ok) return parent.issues[0];
    const node = position === undefined ? undefined : parent.value.children[position];
    if (node?.kind !== anonymous || position === undefined) return badPosition(path, position);
    parent.value.children.splice(position, 1);
    return undefined;
  }
  const target = resolvePath(cib, path);
  if (!target.ok) return target.issues[0];
  if (target.value === cib) return badPosition(path, position);
  const parent = resolvePath(cib, parentPathOf(path));
  if (!parent.ok) return parent.issues[0];
  parent.value.children.splice(parent.value.children.indexOf(target.value), 1);
  return undefined;
}

function applyModify(
  cib: XmlElement,
  change: Extract<PatchChange, { kind: "modify" }>,
): ApplyIssue | undefined {
  const target = resolvePath(cib, change.path);
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

function applyMove(cib: XmlElement, path: string, position: number): ApplyIssue | undefined {
  const target = resolvePath(cib, path);
  if (!target.ok) return target.issues[0];
  const parent = resolvePath(cib, parentPathOf(path));
  if (!parent.ok || target.value === cib) return badPosition(path, position);
  const siblings = parent.value.children;
  siblings.splice(siblings.indexOf(target.value), 1);
  if (position > siblings.length) return badPosition(path, position);
  siblings.splice(position, 0, target.value);
  return undefined;
}
