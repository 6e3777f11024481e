export type {
  CibRequest,
  CibServerMessage,
  CibVersionWire,
  ClientRequest,
  LinkStatus,
  MemberStatus,
  QuorumFlag,
  QuorumStatus,
  RingId,
  ServerMessage,
  TransportCounterName,
  TransportCounters,
  TransportStatus,
  WireErrorCode,
} from "./messages.js";
export {
  clientCompressionBytesMin,
  clientFrameBytesMax,
  clientTokenHeader,
  quorumFlags,
  transportCounterNames,
  wireErrorCodes,
} from "./messages.js";
export type { WireIssue } from "./decode.js";
export { decodeClientRequest, decodeServerMessage, encodeMessage } from "./decode.js";
export type {
  AttributeRequest,
  AttributeSection,
  AttributeServerMessage,
  NodeAttribute,
} from "./attribute-messages.js";
export { attributeSections } from "./attribute-messages.js";
export type {
  FenceAction,
  FenceEvent,
  FenceRequest,
  FenceServerMessage,
  FenceState,
} from "./fencing-messages.js";
export { fenceActions, fenceStates } from "./fencing-messages.js";
