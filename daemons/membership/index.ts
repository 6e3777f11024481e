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
