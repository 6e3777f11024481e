import { assert } from "../../backend/base/index.js";
import { ticksFromMs, type NodeId } from "../kernel/index.js";

/** `auto_tie_breaker_node`: lowest (default), highest, or an ordered list of nodeids. */
export type TieBreaker =
  | { readonly kind: "lowest" }
  | { readonly kind: "highest" }
  | { readonly kind: "list"; readonly nodeIds: readonly NodeId[] };

/** corosync.conf's `quorum {}` section for corosync_votequorum, plus the nodelist's votes. */
export interface QuorumConfig {
  readonly nodeId: NodeId;
  /** Every nodelist entry with its `quorum_votes` (default 1). */
  readonly nodes: readonly { readonly nodeId: NodeId; readonly votes: number }[];
  /** `expected_votes`; unset: the sum of the nodelist's votes. */
  readonly expectedVotes: number;
  readonly twoNode: boolean;
  /** `wait_for_all`; unset in corosync.conf it follows `two_node`. */
  readonly waitForAll: boolean;
  readonly lastManStanding: boolean;
  readonly lastManStandingWindowTicks: number;
  /** Absent: `auto_tie_breaker: 0`. */
  readonly autoTieBreaker?: TieBreaker;
}

export interface QuorumSection {
  readonly expectedVotes?: number;
  readonly twoNode?: boolean;
  readonly waitForAll?: boolean;
  readonly lastManStanding?: boolean;
  readonly lastManStandingWindowMs?: number;
  readonly autoTieBreaker?: boolean;
  readonly autoTieBreakerNode?: TieBreaker;
}

/**
 * The effective votequorum settings, with corosync's defaults and overrides: `two_node` turns
 * on `wait_for_all` unless it is set, and `two_node` with `auto_tie_breaker` disables two_node.
 */
export function quorumConfig(
  nodeId: NodeId,
  nodes: readonly { readonly nodeId: NodeId; readonly votes?: number }[],
  options: { readonly section?: QuorumSection; readonly tickMs: number },
): QuorumConfig {
  const section = options.section ?? {};
  const withVotes = nodes.map((node) => ({ nodeId: node.nodeId, votes: node.votes ?? 1 }));
  assert(
    withVotes.some((node) => node.nodeId === nodeId),
    `node ${nodeId} is in the quorum nodelist`,
  );
  const autoTieBreaker = section.autoTieBreaker === true;
  const twoNode = section.twoNode === true && !autoTieBreaker;
  const sum = withVotes.reduce((total, node) => total + node.votes, 0);
  return {
    nodeId,
    nodes: withVotes,
    expectedVotes: section.expectedVotes ?? sum,
    twoNode,
    waitForAll: section.waitForAll ?? twoNode,
    lastManStanding: section.lastManStanding === true,
    lastManStandingWindowTicks: ticksFromMs(
      section.lastManStandingWindowMs ?? 10_000,
      options.tickMs,
    ),
    ...(autoTieBreaker
      ? { autoTieBreaker: section.autoTieBreakerNode ?? { kind: "lowest" as const } }
      : {}),
  };
}
