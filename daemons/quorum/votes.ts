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
  readonly members: readonly NodeId[];
  readonly previousMembers: readonly NodeId[];
  /** Lowest / highest member when this node was last quorate (0: never). */
  readonly lowestNodeId: NodeId;
  readonly highestNodeId: NodeId;
}

/** votequorum's `check_auto_tie_breaker`: does this partition hold the tie-breaker node? */
export function holdsTieBreaker(inputs: TieBreakerInputs): boolean {
  const { tieBreaker, members, previousMembers } = inputs;
  switch (tieBreaker.kind) {
    case "lowest":
      return members.includes(inputs.lowestNodeId);
    case "highest":
      return members.includes(inputs.highestNodeId);
    case "list": {
      const index = tieBreaker.nodeIds.findIndex((nodeId) => members.includes(nodeId));
      if (index === -1) return false;
      // An earlier list node seen in the previous partition may be in the other half.
      return !tieBreaker.nodeIds.slice(0, index).some((nodeId) => previousMembers.includes(nodeId));
    }
  }
}

export interface TieBreakerSplit {
  readonly totalVotes: number;
  readonly expectedVotes: number;
  readonly previousMemberCount: number;
  readonly memberCount: number;
  readonly quorum: number;
}

/** ATB applies to a half (or half − 1) split where the other side cannot have quorum. */
export function isTieBreakerSplit(split: TieBreakerSplit): boolean {
  return (
    split.totalVotes === Math.floor(split.expectedVotes / 2) &&
    split.previousMemberCount - split.memberCount < split.quorum
  );
}
