import { assert } from "../../backend/base/index.js";
import { ticksFromMs, type NodeId } from "../kernel/index.js";

/** corosync.conf's totem timing keys (milliseconds), as the user wrote them or as defaulted. */
export interface TotemTiming {
  readonly tokenMs: number;
  readonly tokenCoefficientMs: number;
  /** Unset: 1.2 × effective token, as corosync derives it. */
  readonly consensusMs?: number;
  readonly joinMs: number;
  readonly maxMessages: number;
}

/** corosync 3.1 defaults (exec/totemconfig.c). */
export const totemDefaults: TotemTiming = {
  tokenMs: 3000,
  tokenCoefficientMs: 650,
  joinMs: 50,
  maxMessages: 17,
};

export interface MembershipConfig {
  /** This node's nodeid. */
  readonly nodeId: NodeId;
  /** Every node of the nodelist, this one included. */
  readonly nodeIds: readonly NodeId[];
  /** Milliseconds per tick input. */
  readonly tickMs: number;
  readonly timing: TotemTiming;
  /** The highest ring sequence persisted by an earlier run (0 on first start). */
  readonly ringSeqRestored: number;
  /** Bound on broadcasts waiting to be ordered; more are refused. */
  readonly pendingBroadcastsMax: number;
}

/** The timeouts the core runs on, in ticks. */
export interface MembershipTimings {
  readonly effectiveTokenMs: number;
  readonly consensusMs: number;
  /** A member silent for longer than this is considered failed. */
  readonly tokenTicks: number;
  readonly consensusTicks: number;
  readonly joinTicks: number;
  /** Interval of heartbeats (liveness, acknowledgements, retransmission requests): an eighth
   * of the token, at most 200 ms, so a silent node is noticed within the token timeout. */
  readonly heartbeatTicks: number;
  /** Waiting time for the commit step before gathering again. */
  readonly commitTicks: number;
}

/** corosync's effective token: `token + (nodes - 2) * token_coefficient` with ≥ 3 nodes. */
export function effectiveTokenMs(timing: TotemTiming, nodeCount: number): number {
  if (nodeCount < 3) return timing.tokenMs;
  return timing.tokenMs + (nodeCount - 2) * timing.tokenCoefficientMs;
}

export function membershipTimings(config: MembershipConfig): MembershipTimings {
  const { timing, tickMs } = config;
  const tokenMs = effectiveTokenMs(timing, config.nodeIds.length);
  const consensusMs = timing.consensusMs ?? Math.round(1.2 * tokenMs);
  const tokenTicks = ticksFromMs(tokenMs, tickMs);
  const joinTicks = ticksFromMs(timing.joinMs, tickMs);
  return {
    effectiveTokenMs: tokenMs,
    consensusMs,
    tokenTicks,
    consensusTicks: ticksFromMs(consensusMs, tickMs),
    joinTicks,
    heartbeatTicks: Math.max(1, Math.min(Math.floor(tokenTicks / 8), ticksFromMs(200, tickMs))),
    commitTicks: Math.max(4 * joinTicks, ticksFromMs(consensusMs, tickMs)),
  };
}

export function membershipConfig(
  nodeId: NodeId,
  nodeIds: readonly NodeId[],
  options: Partial<Omit<MembershipConfig, "nodeId" | "nodeIds">> = {},
): MembershipConfig {
  const config: MembershipConfig = {
    nodeId,
    nodeIds: [...new Set(nodeIds)].sort((left, right) => left - right),
    tickMs: options.tickMs ?? 10,
    timing: options.timing ?? totemDefaults,
    ringSeqRestored: options.ringSeqRestored ?? 0,
    pendingBroadcastsMax: options.pendingBroadcastsMax ?? 10_000,
  };
  assert(config.nodeIds.includes(nodeId), `node ${nodeId} is in its own nodelist`);
  assert(config.tickMs > 0, "tickMs is positive");
  assert(config.timing.tokenMs > 0 && config.timing.joinMs > 0, "token and join are positive");
  return config;
}
