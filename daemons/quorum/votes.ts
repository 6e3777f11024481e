import type { NodeId } from "../kernel/index.js";
import type { TieBreaker } from "./config.js";

export interface QuorumInputs {
  /** The highest expected_votes among the members (or the member count for LMS). */
  readonly highestExpected: number;
  readonly totalVotes: number;
  readonly memberCount: number;
  readonly twoNode: boolean;
  /** The quorum in force; it never goes down unless `allowDecrease`. */
  readonly previousQuorum: number;
  readonly allowDecrease: boolean;
}

/**
 * votequorum's `calculate_quorum`: max((expected + 2) / 2, (total + 2) / 2) with integer
 * division (OpenVMS), never decreasing on its own; 1 in two_node mode with ≤ 2 members.
 */
export function quorumThreshold(inputs: QuorumInputs): number {
  const fromExpected = Math.floor((inputs.highestExpected + 2) / 2);
  const fromTotal = Math.floor((inputs.totalVotes + 2) / 2);
  let quorum = Math.max(fromExpected, fromTotal);
  if (!inputs.allowDecrease) quorum = Math.max(inputs.previousQuorum, quorum);
  if (inputs.twoNode && inputs.memberCount <= 2) quorum = 1;
  return quorum;
}

export interface TieBreakerInputs {
  readonly tieBreaker: TieBreaker;
  /** Every nodeid of the nodelist. */
  readonly configuredNodeIds: readonly NodeId[];
  readonly members: readonly NodeId[];
}

/**
 * The one node whose partition wins a tie, fixed by the configuration: the lowest or highest
 * nodeid of the nodelist, or the first listed node that is in the nodelist.
 *
 * Deliberately stricter than votequorum, which takes the lowest/highest member of the last
 * quorate view as each node last saw it, and falls down an `auto_tie_breaker_node` list to the
 * first node present. Both let two halves be quorate at once after cascading splits (a node
 * isolated earlier still holds an older lowest id; an earlier list node may sit in the other
 * half), which simulation seeds 30423 and 97706 showed. A fixed node can be in one half only.
 */
export function tieBreakerNode(
  tieBreaker: TieBreaker,
  configuredNodeIds: readonly NodeId[],
): NodeId | undefined {
  if (configuredNodeIds.length === 0) return undefined;
  switch (tieBreaker.kind) {
    case "lowest":
      return Math.min(...configuredNodeIds);
    case "highest":
      return Math.max(...configuredNodeIds);
    case "list":
      return tieBreaker.nodeIds.find((nodeId) => configuredNodeIds.includes(nodeId));
  }
}

/** votequorum's `check_auto_tie_breaker`, with a fixed tie-breaker: is it in this partition? */
export function holdsTieBreaker(inputs: TieBreakerInputs): boolean {
  const node = tieBreakerNode(inputs.tieBreaker, inputs.configuredNodeIds);
  return node !== undefined && inputs.members.includes(node);
}

export interface TieBreakerSplit {
  readonly totalVotes: number;
  readonly expectedVotes: number;
  readonly previousMemberCount: number;
  readonly memberCount: number;
  readonly quorum: number;
}

/**
 * ATB applies to an exact half split where the other side cannot have quorum. votequorum also
 * accepts half − 1 of an odd expected count, but the nodes outside the previous view may then
 * join the other side and give it a majority: only an exact half keeps one quorate partition.
 */
export function isTieBreakerSplit(split: TieBreakerSplit): boolean {
  return (
    split.totalVotes * 2 === split.expectedVotes &&
    split.previousMemberCount - split.memberCount < split.quorum
  );
}
