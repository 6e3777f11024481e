import {
  readXml,
  patchsetFromXml,
  cibVersion,
  compareVersions,
  type XmlElement,
  type Patchset,
  type CibVersion,
} from "../../backend/cib/index.js";
import { sortedNodeIds, type NodeId } from "../kernel/index.js";
import { applyPatchset } from "./apply.js";
import type { TextHash } from "./serialized.js";

/** What one member announced in a sync round: its version and digest, or no valid CIB. */
export interface Announcement {
  readonly version: CibVersion | null;
  readonly digest: string | null;
  /** Writes (patchset XML) the member had pending when the view changed. */
  readonly pending: readonly string[];
}

/**
 * The member whose copy every member takes after a view change: the newest version
 * (admin_epoch, epoch, num_updates); between equal versions with different content, the copy
 * more members hold, then the lowest node id. `undefined` when no member has a valid CIB.
 * Every member computes this from the same announcements, so all choose the same source.
 */
export function chooseSyncSource(
  announcements: ReadonlyMap<NodeId, Announcement>,
): NodeId | undefined {
  const holders = new Map<string, number>();
  for (const entry of announcements.values()) {
    if (entry.digest !== null) holders.set(entry.digest, (holders.get(entry.digest) ?? 0) + 1);
  }
  let best: NodeId | undefined;
  for (const nodeId of sortedNodeIds([...announcements.keys()])) {
    const candidate = announcements.get(nodeId);
    if (candidate?.version === null || candidate?.version === undefined) continue;
    const current = best === undefined ? undefined : announcements.get(best);
    if (current?.version === null || current?.version === undefined) {
      best = nodeId;
      continue;
    }
    const order = compareVersions(candidate.version, current.version);
    const more =
      (holders.get(candidate.digest ?? "") ?? 0) > (holders.get(current.digest ?? "") ?? 0);
    if (order > 0 || (order === 0 && more)) best = nodeId;
  }
  return best;
}

/** True when every member already holds the source's copy (no sync message is needed). */
export function allHold(announcements: ReadonlyMap<NodeId, Announcement>, source: NodeId): boolean {
  const digest = announcements.get(source)?.digest;
  return [...announcements.values()].every((entry) => entry.digest === digest);
}

/**
 * The chosen copy with every uncertain write that extends it applied, in version order (each
 * patchset applies only on its exact source version and digest, so a write of another lineage
 * never applies). All announced lists come from one agreed order, so this is deterministic.
 */
export function completeUncertain(
  cib: XmlElement,
  uncertain: readonly string[],
  options: { readonly hash?: TextHash },
): XmlElement {
  const patchsets: Patchset[] = [];
  for (const text of uncertain) {
    const read = readXml(text);
    const patchset = read.ok ? patchsetFromXml(read.value) : read;
    if (patchset.ok) patchsets.push(patchset.value);
  }
  let current = cib;
  for (let progress = true; progress;) {
    progress = false;
    for (const patchset of patchsets) {
      if (compareVersions(patchset.source, cibVersion(current)) !== 0) continue;
      const applied = applyPatchset(current, patchset, options);
      if (!applied.ok) continue;
      current = applied.value;
      progress = true;
    }
  }
  return current;
}
