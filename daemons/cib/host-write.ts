import { fail, ok, type Result } from "../../backend/base/index.js";
import { childElements, emptyCib, nodesEqual, type XmlElement } from "../../backend/cib/index.js";
import { diffCib } from "./diff.js";
import type { Patchset } from "./patchset.js";
import {
  cibVersion,
  compareVersions,
  nextVersion,
  setCibVersion,
  versionText,
} from "./versions.js";

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
  if (order === 0) {
    if (nodesEqual(before, after)) return ok(undefined);
    setCibVersion(after, nextVersion(current, configurationChanged(before, after)));
  }
  return ok(diffCib(before, after));
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
