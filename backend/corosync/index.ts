export type {
  CorosyncConfig,
  CryptoCipher,
  CryptoHash,
  DebugLevel,
  InterfaceConfig,
  LinkAddress,
  LinkMode,
  LoggingConfig,
  NodeConfig,
  QuorumConfig,
  TieBreakerNode,
  TotemConfig,
} from "./config.js";
export { defaultPort } from "./config.js";
export type { ConfEntry, ConfSection } from "./syntax.js";
export { parseConfSyntax } from "./syntax.js";
export type { CorosyncIssue } from "./read-config.js";
export { readCorosyncConfig } from "./read-config.js";
export { parseLinkAddress } from "./read-sections.js";
export type { TotemTiming } from "./timing.js";
export {
  configuredExpectedVotes,
  defaultTokenMs,
  effectiveWaitForAll,
  totemTiming,
} from "./timing.js";
export type { GeneratedConfig, GeneratedNode } from "./write-config.js";
export { writeCorosyncConfig } from "./write-config.js";
export { ctime, formatQuorumStatus, formatRingId } from "./quorumtool.js";
export { formatLinkStatus } from "./cfgtool.js";
