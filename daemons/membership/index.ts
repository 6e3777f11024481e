/**
 * Membership (Totem SRP + EVS, simplified) and process groups (CPG) as one pure core.
 *
 * Host contract: feed `tick` every `config.tickMs`, `received` for every decoded peer message
 * (decodeMessage/decodeMessageText never throw); perform effects in order: `persist` (store
 * the ring sequence, restore it as `ringSeqRestored` at start) before the `send`s after it;
 * `view_installed`, `delivered` and `group_changed` go to the local daemons. Broadcasts are
 * `broadcast_requested {group, payload, to?}`; local daemons join groups with
 * `group_join_requested`. `leave_requested` on orderly shutdown. `peer_unreachable {nodeId}`
 * when the transport proved a peer's process gone (every link down, every reconnect refused):
 * it fails at once instead of after the token. `status()` for tools.
 */
export { Membership } from "./core.js";
export type { MembershipConfig, MembershipTimings, TotemTiming } from "./config.js";
export { effectiveTokenMs, membershipConfig, membershipTimings, totemDefaults } from "./config.js";
export type {
  CommitAckMessage,
  CommitMessage,
  GroupControl,
  HeartbeatMessage,
  InstallMessage,
  JoinMessage,
  LeaveMessage,
  Message,
  MessageKind,
  OrderedEnvelope,
  OrderedMessage,
  RecoverySet,
  SubmitMessage,
} from "./messages.js";
export type {
  Effect,
  EffectKind,
  GroupChangeReason,
  GroupMemberChange,
  Input,
  InputKind,
  MembershipPhase,
  MembershipStatus,
} from "./types.js";
export type { WireIssueCode } from "./wire.js";
export { decodeMessage, decodeMessageText, encodeMessage, wireLimits } from "./wire.js";
