import type { CorosyncConfig } from "./config.js";

/** Effective totem and knet timings, as corosync 3.1 computes them (runtime.config.totem.*). */
export interface TotemTiming {
  readonly tokenMs: number;
  readonly consensusMs: number;
  readonly tokenRetransmitMs: number;
  readonly holdMs: number;
  readonly joinMs: number;
  readonly mergeMs: number;
  readonly knetPingIntervalMs: number;
  readonly knetPingTimeoutMs: number;
  readonly maxMessages: number;
}

/** corosync 3.1's default `token` (raised from 1000 in 3.1.0). */
export const defaultTokenMs = 3000;
/** The kernel tick length corosync subtracts from hold (1000 / HZ with HZ = 100). */
const kernelTickMs = 10;

/**
 * token + (nodes − 2) · token_coefficient when the nodelist has 3 or more nodes; consensus =
 * 1.2 · token unless set; token_retransmit = token / (retransmits + 0.2); hold =
 * token_retransmit · 0.8 − 1000/HZ; knet ping timeout = token / pong_count, interval half that.
 */
export function totemTiming(config: CorosyncConfig): TotemTiming {
  const totem = config.totem;
  const configured = totem.tokenMs ?? defaultTokenMs;
  const nodes = config.nodes.length;
  const tokenMs = nodes >= 3 ? configured + (nodes - 2) * totem.tokenCoefficientMs : configured;
  const consensusMs = totem.consensusMs ?? Math.trunc(1.2 * tokenMs);
  const tokenRetransmitMs = Math.trunc(tokenMs / (totem.tokenRetransmitsBeforeLossConst + 0.2));
  return {
    tokenMs,
    consensusMs,
    tokenRetransmitMs,
    holdMs: Math.trunc(tokenRetransmitMs * 0.8 - kernelTickMs),
    joinMs: totem.joinMs,
    mergeMs: totem.mergeMs,
    knetPingIntervalMs: Math.trunc(tokenMs / (totem.knetPongCount * 2)),
    knetPingTimeoutMs: Math.trunc(tokenMs / totem.knetPongCount),
    maxMessages: totem.maxMessages,
  };
}

/** votequorum's effective wait_for_all: on with two_node unless set explicitly. */
export function effectiveWaitForAll(config: CorosyncConfig): boolean {
  return config.quorum.waitForAll ?? config.quorum.twoNode;
}

/** expected_votes from quorum {} or the sum of the nodelist's votes. */
export function configuredExpectedVotes(config: CorosyncConfig): number {
  return (
    config.quorum.expectedVotes ?? config.nodes.reduce((sum, node) => sum + node.quorumVotes, 0)
  );
}
