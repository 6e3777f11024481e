import type { XmlElement } from "../cib/index.js";

/** `admin_epoch.epoch.num_updates`, as Pacemaker prints a CIB version. */
export function versionText(cib: XmlElement): string {
  const part = (name: string): string => {
    const text = cib.attributes[name];
    return text !== undefined && /^\d+$/.test(text) ? text : "0";
  };
  return `${part("admin_epoch")}.${part("epoch")}.${part("num_updates")}`;
}

/** The version triple of a CIB, for version-checked writes. */
export function versionNumbers(cib: XmlElement): {
  readonly adminEpoch: number;
  readonly epoch: number;
  readonly numUpdates: number;
} {
  const [adminEpoch = 0, epoch = 0, numUpdates = 0] = versionText(cib).split(".").map(Number);
  return { adminEpoch, epoch, numUpdates };
}

/** The message every backend gives for a commit that lost a race. */
export function conflictMessage(source: string, readAt: string, nowAt: string): string {
  return (
    `Cannot commit to ${source}: the CIB changed since it was read; nothing was written ` +
    `(read at version ${readAt}, now at ${nowAt}) and your staged changes are kept`
  );
}

export const conflictSuggestion =
  'run "refresh" to reread the CIB with your staged changes replayed on it, then "commit" again';
