/**
 * The fencer (pacemaker-fenced): stonith-class devices from the CIB, fencing topology, one
 * executioner per operation chosen alike by every member, results and history shared by all.
 */
export { Fencer } from "./core.js";
export type { FencerConfig, FencerEffect, FencerInput, HistoryEntry } from "./core-types.js";
export { fencerGroup } from "./core-types.js";
export type { FenceDevice, FenceLevel, FencingConfig } from "./config.js";
export { emptyFencingConfig, fencingConfigOf } from "./config.js";
export type { DeviceRun, FencingPlan } from "./devices.js";
export {
  deviceAction,
  deviceRun,
  fenceExecutorAction,
  fencingDelayMs,
  fencingPlan,
  retryDelayMs,
  retryTimeoutShare,
} from "./devices.js";
export type {
  AgentCapabilities,
  DiscoveryResult,
  Eligibility,
  EligibilityOptions,
  HostCheck,
} from "./discovery.js";
export {
  TargetDiscovery,
  agentCapabilitiesOf,
  hostCheck,
  hostMap,
  inStaticList,
  parseTargetList,
  targetAlias,
  targetListMaxAgeMs,
} from "./discovery.js";
export type { DeviceResult, ExecutionSetup, ExecutionStep } from "./execution.js";
export { Execution } from "./execution.js";
export { FenceHistory, preferredEvent } from "./history.js";
export type { FencerMessage, FencerWireCode } from "./wire.js";
export { decodeFencerMessage, encodeFencerMessage } from "./wire.js";
export type { FenceApi, FencerHostEnv } from "./host.js";
export { FencerHost, startFencer } from "./host.js";
export { delayText, deviceResultOf } from "./device-result.js";
export { addFencingHandlers } from "./handlers.js";
