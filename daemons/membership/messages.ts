import type { NodeId, RingId } from "../kernel/index.js";

/** One broadcast with its place in a ring's agreed order. */
export interface OrderedMessage {
  readonly seq: number;
  readonly sender: NodeId;
  /** The sender's own counter of its broadcasts in this ring (FIFO per sender). */
  readonly localSeq: number;
  readonly group: string;
  readonly payload: string;
  /** A message to one member of the group; absent: to every member. */
  readonly to?: NodeId;
  /** Set on the process-group control messages (the payload is then empty). */
  readonly control?: GroupControl;
}

export type GroupControl = "group_join" | "group_leave";

/** Liveness, acknowledgement and retransmission request, sent to every node every interval. */
export interface HeartbeatMessage {
  readonly kind: "heartbeat";
  /** The sender's installed ring, absent before its first one. */
  readonly ringId?: RingId;
  readonly operational: boolean;
  /** Every message of the ring up to this seq was received (and delivered). */
  readonly receivedThrough: number;
  /** From the representative: every member received up to this seq; older copies may go. */
  readonly stableSeq: number;
}

/**
 * GATHER: the member set the sender proposes for the next ring (`procSet`), and the nodes it
 * gave up on in this gather (`failedSet`: its own decisions, shown for diagnosis; receivers
 * merge `procSet` only, so an old round's failures never spread).
 */
export interface JoinMessage {
  readonly kind: "join";
  readonly ringId?: RingId;
  readonly counter: number;
  readonly procSet: readonly NodeId[];
  readonly failedSet: readonly NodeId[];
  readonly ringSeqMax: number;
}

/** COMMIT, from the coordinator (lowest nodeid): the new ring and its members. */
export interface CommitMessage {
  readonly kind: "commit";
  readonly ringId: RingId;
  readonly members: readonly NodeId[];
}

/** A member's old-ring state for recovery, answering a commit. */
export interface CommitAckMessage {
  readonly kind: "commit_ack";
  readonly ringId: RingId;
  readonly oldRingId?: RingId;
  readonly deliveredThrough: number;
  readonly messages: readonly OrderedMessage[];
  readonly groups: readonly string[];
}

/** Old messages one group of survivors must deliver before installing the ring. */
export interface RecoverySet {
  readonly oldRingId: RingId;
  readonly finalSeq: number;
  readonly messages: readonly OrderedMessage[];
}

/** RECOVERY done by the coordinator: deliver these, then install the ring. */
export interface InstallMessage {
  readonly kind: "install";
  readonly ringId: RingId;
  readonly members: readonly NodeId[];
  readonly recovery: readonly RecoverySet[];
  /** Process groups each member belongs to when the ring starts. */
  readonly groups: readonly { readonly nodeId: NodeId; readonly groups: readonly string[] }[];
}

/** A broadcast handed to the representative for ordering. */
export interface SubmitMessage {
  readonly kind: "submit";
  readonly ringId: RingId;
  readonly localSeq: number;
  readonly group: string;
  readonly payload: string;
  readonly to?: NodeId;
  readonly control?: GroupControl;
}

export interface OrderedEnvelope {
  readonly kind: "ordered";
  readonly ringId: RingId;
  readonly message: OrderedMessage;
}

/** Orderly shutdown: the others re-form at once. */
export interface LeaveMessage {
  readonly kind: "leave";
  readonly ringId?: RingId;
}

export type Message =
  | HeartbeatMessage
  | JoinMessage
  | CommitMessage
  | CommitAckMessage
  | InstallMessage
  | SubmitMessage
  | OrderedEnvelope
  | LeaveMessage;

export type MessageKind = Message["kind"];
