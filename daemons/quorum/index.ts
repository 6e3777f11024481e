export type { QuorumConfig, QuorumSection, TieBreaker } from "./config.js";
export { quorumConfig } from "./config.js";
export type { QuorumEffect, QuorumInput, QuorumState } from "./core.js";
export { Quorum } from "./core.js";
export type { QuorumFlag, QuorumStatus, QuorumToolOptions } from "./tool-status.js";
export { quorumStatus, quorumToolLines } from "./tool-status.js";
export type { QuorumInputs, TieBreakerInputs, TieBreakerSplit } from "./votes.js";
export { holdsTieBreaker, isTieBreakerSplit, quorumThreshold } from "./votes.js";
