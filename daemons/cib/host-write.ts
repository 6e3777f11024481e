import { fail, ok, type Result } from "../../backend/base/index.js";
import {
  childElements,
  element,
  emptyCib,
  nodesEqual,
  diffCib,
  cibVersion,
  compareVersions,
  nextVersion,
  setCibVersion,
  versionText,
  type XmlElement,
  type AttributeChange,
  type PatchChange,
  type Patchset,
} from "../../backend/cib/index.js";

export type CibWriteIssueCode = "version_conflict" | "invalid_cib";

/** True when anything but the status section differs (Pacemaker then bumps the epoch). */
export function configurationChanged(before: XmlElement, after: XmlElement): boolean {
  const outside = (cib: XmlElement): XmlElement[] =>
    childElements(cib).filter((child) => child.name !== "status");
  const left = outside(before);
  const right = outside(after);
  if (left.length !== right.length) return true;
  if (left.some((child, index) => !nodesEqual(child, right[index] ?? child))) return true;
  const attributes = (cib: XmlElement): string =>
    JSON.stringify(
      Object.entries(cib.attributes).filter(
        ([name]) => !["admin_epoch", "epoch", "num_updates"].includes(name),
      ),
    );
  return attributes(before) !== attributes(after);
}

/**
 * The patchset that takes `before` to `after`, with the version moved as Pacemaker moves it:
 * when `after` carries the same version as `before`, a configuration change bumps the epoch
 * and a status-only change num_updates; a newer version the writer set itself is kept (an
 * admin_epoch override, an erase); an older one is refused. Undefined when nothing changed.
 * The patchset carries no digest.
 * `after` is the writer's own copy and gets its final version written in.
 */
export function writePatchset(
  before: XmlElement,
  after: XmlElement,
): Result<Patchset | undefined, CibWriteIssueCode> {
  if (after.name !== "cib") {
    return fail([
      { code: "invalid_cib", message: `The CIB's root must be <cib>, not <${after.name}>` },
    ]);
  }
  const current = cibVersion(before);
  const proposed = cibVersion(after);
  const order = compareVersions(proposed, current);
  if (order < 0) {
    return fail([
      {
        code: "version_conflict",
        message: `The new CIB's version ${versionText(proposed)} is older than the cluster's ${versionText(current)}`,
      },
    ]);
  }
  // No digest: the node that broadcasts the write adds one when it samples (as Pacemaker, at
  // most once a minute), so an edit costs no serialization and hash of the whole CIB.
  if (order !== 0) return ok(diffCib(before, after, { digest: false }));
  // One diff, made as if the configuration changed; what it changes then says which it was.
  setCibVersion(after, nextVersion(current, true));
  const patchset = diffCib(before, after, { digest: false });
  if (patchset.changes.every(isVersionChange)) {
    setCibVersion(after, current);
    return ok(undefined);
  }
  if (patchset.changes.some(changesConfiguration)) return ok(patchset);
  const target = nextVersion(current, false);
  setCibVersion(after, target);
  const changes = patchset.changes.flatMap((change) =>
    change.kind === "modify" && change.path === "/cib"
      ? (rootModify(before, after) ?? [])
      : [change],
  );
  return ok({ ...patchset, target, changes });
}

const versionAttributes = new Set(["admin_epoch", "epoch", "num_updates"]);

/** A change of nothing but the `<cib>` element's version counters. */
function isVersionChange(change: PatchChange): boolean {
  return (
    change.kind === "modify" &&
    change.path === "/cib" &&
    change.attributes.every((attribute) => versionAttributes.has(attribute.name))
  );
}

/** Whether a change touches more than the status section (configurationChanged's verdict). */
function changesConfiguration(change: PatchChange): boolean {
  if (change.path === "/cib/status" || change.path.startsWith("/cib/status/")) return false;
  if (change.path !== "/cib") {
    // Text and comments beside the sections are not part of the configuration.
    return !(change.path === "/cib/comment()" || change.path === "/cib/text()");
  }
  switch (change.kind) {
    case "modify":
      return change.attributes.some((attribute) => !versionAttributes.has(attribute.name));
    case "create":
      return change.body.kind === "element" && change.body.name !== "status";
    case "delete":
    case "move":
      return true;
  }
}

/** The `<cib>` element's own modify, from its attributes before and after (none: unchanged). */
function rootModify(before: XmlElement, after: XmlElement): PatchChange | undefined {
  const attributes: AttributeChange[] = [];
  for (const [name, value] of Object.entries(after.attributes)) {
    if (before.attributes[name] !== value) attributes.push({ name, operation: "set", value });
  }
  for (const name of Object.keys(before.attributes)) {
    if (!(name in after.attributes)) attributes.push({ name, operation: "unset" });
  }
  const sameOrder =
    Object.keys(before.attributes).join("\u0000") === Object.keys(after.attributes).join("\u0000");
  if (attributes.length === 0 && sameOrder) return undefined;
  return {
    kind: "modify",
    path: "/cib",
    attributes,
    result: element("cib", { ...after.attributes }),
  };
}

/**
 * What `cibadmin --erase` leaves: empty sections under the old `<cib>` attributes, with
 * admin_epoch one higher (Pacemaker's erase), so the empty CIB outranks every older copy.
 */
export function erasedCib(before: XmlElement): XmlElement {
  const erased = emptyCib();
  erased.attributes = { ...before.attributes };
  const version = cibVersion(before);
  setCibVersion(erased, { ...version, adminEpoch: version.adminEpoch + 1 });
  return erased;
}
