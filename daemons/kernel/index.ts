export { Prng } from "./prng.js";
export type { Tick } from "./ticks.js";
export { ticksFromMs, msFromTicks } from "./ticks.js";
export type { NodeId, RingId } from "./ids.js";
export {
  isNodeId,
  ringIdText,
  ringIdEquals,
  compareRingIds,
  sortedNodeIds,
  sameNodeIds,
} from "./ids.js";
export type { SteppedCore } from "./effects.js";
export { CoreFeeder, Outbox } from "./effects.js";
