/**
 * The fencer (pacemaker-fenced): stonith-class devices from the CIB, fencing topology, one
 * executioner per operation chosen alike by every member, results and history shared by all.
 */
export { Fencer } from "./core.js";
export type { FencerConfig, FencerEffect, FencerInput, HistoryEntry } from "./core-types.js";
export { fencerGroup } from "./core-types.js";
export type { FenceDevice, FenceLevel, FencingConfig } from "./config.js";
export { emptyFencingConfig, fencingConfigOf } from "./config.js";
export type { DeviceRun } from "./devices.js";
export {
  canFence,
  deviceRun,
  fenceExecutorAction,
  fencingPlan,
  hostCheck,
  hostMap,
} from "./devices.js";
export type { FencerMessage, FencerWireCode } from "./wire.js";
export { decodeFencerMessage, encodeFencerMessage } from "./wire.js";
export type { FenceApi, FencerHostEnv } from "./host.js";
export { FencerHost, startFencer } from "./host.js";
export { addFencingHandlers } from "./handlers.js";
