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

export interface QuorumToolOptions {
  /** Node names by nodeid (corosync.conf's `name`); the nodeid is printed when absent. */
  readonly nodeNames: ReadonlyMap<NodeId, string>;
  /** The `Date:` line's text (ctime style); the caller reads the clock. */
  readonly date: string;
}

/** `corosync-quorumtool -s` output, line by line. */
export function quorumToolLines(status: QuorumStatus, options: QuorumToolOptions): string[] {
  const padded = (text: string): string => `${text.padStart(10)} `;
  const lines = [
    "Quorum information",
    "------------------",
    `Date:             ${options.date}`,
    "Quorum provider:  corosync_votequorum",
    `Nodes:            ${status.nodeCount}`,
    `Node ID:          ${status.nodeId}`,
    `Ring ID:          ${status.ringId ?? "0.0"}`,
    `Quorate:          ${status.quorate ? "Yes" : "No"}`,
    "",
    "Votequorum information",
    "----------------------",
    `Expected votes:   ${status.expectedVotes}`,
    `Highest expected: ${status.highestExpected}`,
    `Total votes:      ${status.totalVotes}`,
    `Quorum:           ${status.quorum} ${status.quorate ? " " : "Activity blocked"}`,
    `Flags:            ${status.flags.map((flag) => `${flag} `).join("")}`,
    "",
    "Membership information",
    "----------------------",
    `${padded("Nodeid")}${padded("Votes")}Name`,
  ];
  for (const member of status.members) {
    const name = options.nodeNames.get(member.nodeId) ?? String(member.nodeId);
    const local = member.nodeId === status.nodeId ? " (local)" : "";
    lines.push(`${padded(String(member.nodeId))}${padded(String(member.votes))}${name}${local}`);
  }
  return lines;
}
