/**
 * The attribute manager (pacemaker-attrd): transient node attributes held by every member,
 * updated in the attrd group's agreed order, written to the status section by one writer.
 */
export { Attrd } from "./core.js";
export type {
  AttrdConfig,
  AttrdEffect,
  AttrdInput,
  AttrdNode,
  AttrdReply,
  AttributeChange,
  AttributeWriteValue,
} from "./core-types.js";
export { attrdConfig, attrdGroup } from "./core-types.js";
export type { AttrdMessage, AttrdWireCode, SyncedValue } from "./wire.js";
export { decodeAttrdMessage, encodeAttrdMessage } from "./wire.js";
export {
  applyPermanentValue,
  applyTransientValues,
  clearTransientValues,
  permanentNvpairId,
  sanitizeId,
  transientNvpairId,
  transientValuesOf,
} from "./cib-attributes.js";
export type { AttrdHostEnv, AttributeManager } from "./host.js";
export { AttrdHost, attrdTickMs, startAttrd } from "./host.js";
export { addAttributeHandlers } from "./handlers.js";
export { expandValue, failureAttributeMatcher } from "./values.js";
