import type { XmlElement } from "./xml-node.js";

/** A CIB's generation: (admin_epoch, epoch, num_updates), compared in that order. */
export interface CibVersion {
  readonly adminEpoch: number;
  readonly epoch: number;
  readonly numUpdates: number;
}

function counter(cib: XmlElement, name: string): number {
  const text = cib.attributes[name];
  if (text === undefined || !/^\d+$/.test(text)) return 0;
  return Number(text);
}

/** Reads the version from the `<cib>` element; a missing or malformed counter counts as 0. */
export function cibVersion(cib: XmlElement): CibVersion {
  return {
    adminEpoch: counter(cib, "admin_epoch"),
    epoch: counter(cib, "epoch"),
    numUpdates: counter(cib, "num_updates"),
  };
}

/** Writes the version onto the `<cib>` element, keeping existing attribute order. */
export function setCibVersion(cib: XmlElement, version: CibVersion): void {
  cib.attributes["admin_epoch"] = String(version.adminEpoch);
  cib.attributes["epoch"] = String(version.epoch);
  cib.attributes["num_updates"] = String(version.numUpdates);
}

/** Negative when `a` is older, positive when newer, 0 when equal. */
export function compareVersions(a: CibVersion, b: CibVersion): number {
  return a.adminEpoch - b.adminEpoch || a.epoch - b.epoch || a.numUpdates - b.numUpdates;
}

export function versionText(version: CibVersion): string {
  return `${version.adminEpoch}.${version.epoch}.${version.numUpdates}`;
}

/** The next version as Pacemaker moves it: a configuration change bumps epoch and resets
 * num_updates; a status-only change bumps num_updates. */
export function nextVersion(version: CibVersion, configurationChanged: boolean): CibVersion {
  return configurationChanged
    ? { adminEpoch: version.adminEpoch, epoch: version.epoch + 1, numUpdates: 0 }
    : { ...version, numUpdates: version.numUpdates + 1 };
}
