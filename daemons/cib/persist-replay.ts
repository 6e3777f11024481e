import {
  readXml,
  patchsetFromXml,
  cibVersion,
  compareVersions,
  type XmlElement,
  type Patchset,
} from "../../backend/cib/index.js";
import { applyPatchset } from "./apply.js";
import type { JournalRecord } from "./persist.js";

/** What a node restarts with: its CIB (undefined: none on disk) and the writes still pending. */
export interface ReplayedCib {
  readonly cib: XmlElement | undefined;
  readonly pending: readonly string[];
}

function readPatchset(text: string): Patchset | undefined {
  const read = readXml(text);
  const patchset = read.ok ? patchsetFromXml(read.value) : undefined;
  return patchset?.ok === true ? patchset.value : undefined;
}

/**
 * Replays the journal on the snapshot: every committed write that extends the CIB (its source
 * is the current version) is applied, in version order. The
 * accepted writes not committed here stay pending, to be completed by a sync round (a peer may
 * have committed them). Pure and deterministic.
 */
export function replayJournal(
  snapshot: XmlElement | undefined,
  records: readonly JournalRecord[],
): ReplayedCib {
  const committed = new Set(
    records.filter((record) => record.kind === "committed").map((record) => record.key),
  );
  const accepted = new Map<string, string>();
  for (const record of records) {
    if (record.kind === "accepted") accepted.set(record.key, record.patchsetXml);
  }
  const pending = [...accepted].filter(([key]) => !committed.has(key));
  if (snapshot === undefined) return { cib: undefined, pending: [...accepted.values()] };
  const chain = [...accepted]
    .filter(([key]) => committed.has(key))
    .flatMap(([, text]) => readPatchset(text) ?? []);
  let cib = snapshot;
  for (let progress = true; progress;) {
    progress = false;
    for (const patchset of chain) {
      if (compareVersions(patchset.source, cibVersion(cib)) !== 0) continue;
      const applied = applyPatchset(cib, patchset);
      if (!applied.ok) continue;
      cib = applied.value;
      progress = true;
    }
  }
  return { cib, pending: pending.map(([, text]) => text) };
}
