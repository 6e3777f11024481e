/**
 * votequorum: `quorumThreshold` and the tie-breaker rules as pure functions, and `Quorum`,
 * a small state machine. Host contract: feed each membership `view_installed`, `tick`s on the
 * membership's clock, and `announced` for each message delivered in the votequorum process
 * group; perform `announce` by broadcasting the expected votes in that group. `quorumStatus`
 * gives the figures `corosync-quorumtool -s` prints (backend/corosync formats them).
 */
export type { QuorumConfig, QuorumSection, TieBreaker } from "./config.js";
export { quorumConfig } from "./config.js";
export type { QuorumEffect, QuorumInput, QuorumState } from "./core.js";
export { Quorum } from "./core.js";
export type { QuorumFlag, QuorumStatus } from "./tool-status.js";
export { quorumStatus } from "./tool-status.js";
export type { QuorumInputs, TieBreakerInputs, TieBreakerSplit } from "./votes.js";
export { holdsTieBreaker, isTieBreakerSplit, quorumThreshold, tieBreakerNode } from "./votes.js";
