/** The controller (pacemaker-controld): DC election, join, the transition engine. */
export { Controller } from "./core.js";
export { recheckAtMs, recheckIntervalMs, recheckIntervalMsDefault } from "./recheck.js";
export type { DcRole } from "./core-dc.js";
export type {
  AgentRef,
  ControllerConfig,
  ControllerEffect,
  ControllerInput,
  ControllerNode,
  ExecRequest,
  ExecResult,
  OpRecord,
  ResourceHistory,
} from "./core-types.js";
export type { StatusChange } from "./status.js";
export { applyStatusChanges, editStatus, transientAttributes } from "./status.js";
export { startController, type ControllerHost } from "./host.js";
export { isActive, isExpected, isFailure, opDigest, opRecord, withRecords } from "./history.js";
export type { ControllerMessage } from "./wire.js";
export { decodeControllerMessage, encodeControllerMessage } from "./wire.js";
export { controllerGroup } from "./group.js";
export { failureAttributes, type AttributeValue } from "./fail-count.js";
export { Transition } from "./transition.js";
export { actionLimits, isExecutorAction, type ActionLimits } from "./action-limits.js";
