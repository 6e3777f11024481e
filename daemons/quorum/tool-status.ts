import { ringIdText, type NodeId } from "../kernel/index.js";
import type { QuorumConfig } from "./config.js";
import type { QuorumState } from "./core.js";

export type QuorumFlag = "2Node" | "Quorate" | "WaitForAll" | "LastManStanding" | "AutoTieBreaker";

/** The figures `corosync-quorumtool -s` prints, in its order. */
export interface QuorumStatus {
  readonly nodeId: NodeId;
  readonly ringId: string | undefined;
  readonly quorate: boolean;
  readonly nodeCount: number;
  readonly expectedVotes: number;
  readonly highestExpected: number;
  readonly totalVotes: number;
  readonly quorum: number;
  readonly flags: readonly QuorumFlag[];
  readonly members: readonly { readonly nodeId: NodeId; readonly votes: number }[];
}

export function quorumStatus(state: QuorumState, config: QuorumConfig): QuorumStatus {
  const flags: QuorumFlag[] = [];
  if (config.twoNode) flags.push("2Node");
  if (state.quorate) flags.push("Quorate");
  if (config.waitForAll) flags.push("WaitForAll");
  if (config.lastManStanding) flags.push("LastManStanding");
  if (config.autoTieBreaker !== undefined) flags.push("AutoTieBreaker");
  return {
    nodeId: state.nodeId,
    ringId: state.ringId === undefined ? undefined : ringIdText(state.ringId),
    quorate: state.quorate,
    nodeCount: state.members.length,
    expectedVotes: state.expectedVotes,
    highestExpected: state.highestExpected,
    totalVotes: state.totalVotes,
    quorum: state.quorum,
    flags,
    members: state.members.map((nodeId) => ({
      nodeId,
      votes: state.votesByNode.get(nodeId) ?? 1,
    })),
  };
}
