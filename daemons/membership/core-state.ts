import type { NodeId, Outbox, RingId, Tick } from "../kernel/index.js";
import type { MembershipConfig, MembershipTimings } from "./config.js";
import type {
  CommitAckMessage,
  GroupControl,
  InstallMessage,
  JoinMessage,
  Message,
  OrderedMessage,
  SubmitMessage,
} from "./messages.js";
import type { Effect, MembershipPhase } from "./types.js";

/** The installed ring: its members and the agreed-order stream received in it. */
export interface RingState {
  readonly ringId: RingId;
  readonly members: readonly NodeId[];
  /** Received messages not yet known stable, by seq. */
  readonly received: Map<number, OrderedMessage>;
  deliveredThrough: number;
  stableSeq: number;
}

/** Held by the representative only: it numbers the ring's broadcasts. */
export interface SequencerState {
  highSeq: number;
  readonly orderedLocalSeq: Map<NodeId, number>;
  readonly receivedThrough: Map<NodeId, number>;
  /** Submits that arrived ahead of their sender's next one (network reordering), by sender. */
  readonly early: Map<NodeId, Map<number, SubmitMessage>>;
}

export interface PendingBroadcast {
  localSeq: number;
  readonly group: string;
  readonly payload: string;
  readonly to?: NodeId;
  readonly control?: GroupControl;
  lastSentTick: Tick;
}

export interface GatherState {
  readonly startedTick: Tick;
  consensusDeadline: Tick;
  lastJoinSentTick: Tick;
  readonly procSet: Set<NodeId>;
  readonly failedSet: Set<NodeId>;
  /** Per failed node, the ring its last join named when it was failed ("?" if none came). */
  readonly failedRing: Map<NodeId, string>;
  readonly joins: Map<NodeId, JoinMessage>;
}

export interface CommitState {
  readonly ringId: RingId;
  readonly members: readonly NodeId[];
  readonly coordinator: NodeId;
  readonly deadline: Tick;
  lastSentTick: Tick;
  /** Coordinator only: the members' answers. */
  readonly acks: Map<NodeId, CommitAckMessage>;
}

export interface MembershipState {
  now: Tick;
  phase: MembershipPhase;
  ring: RingState | undefined;
  sequencer: SequencerState | undefined;
  gather: GatherState | undefined;
  commit: CommitState | undefined;
  /** Member: the last commit it answered; its install is still taken after a timeout. */
  acceptedCommit: { readonly ringId: RingId; readonly coordinator: NodeId } | undefined;
  /** Coordinator: the install it sent, for members that missed it. */
  lastInstall: InstallMessage | undefined;
  readonly pending: PendingBroadcast[];
  nextLocalSeq: number;
  joinCounter: number;
  ringSeqMax: number;
  /** Any message from a node, whatever its ring (network liveness). */
  readonly lastHeard: Map<NodeId, Tick>;
  /** Messages carrying the installed ring id, per member (ring liveness). */
  readonly lastHeardInRing: Map<NodeId, Tick>;
  /** Nodes the transport reported unreachable and not heard from since: failed at once. */
  readonly unreachable: Set<NodeId>;
  /** Process groups of the installed ring: group → members. */
  readonly groups: Map<string, Set<NodeId>>;
  /** The groups this node's processes joined. */
  readonly localGroups: Set<string>;
  lastHeartbeatTick: Tick;
  /** Last early retransmission request sent to the representative. */
  lastGapRequestTick: Tick;
}

export interface Context {
  readonly config: MembershipConfig;
  readonly timings: MembershipTimings;
  readonly state: MembershipState;
  readonly outbox: Outbox<Effect>;
}

export function initialState(config: MembershipConfig): MembershipState {
  return {
    now: 0,
    phase: "gather",
    ring: undefined,
    sequencer: undefined,
    gather: undefined,
    commit: undefined,
    acceptedCommit: undefined,
    lastInstall: undefined,
    pending: [],
    nextLocalSeq: 1,
    joinCounter: 0,
    ringSeqMax: config.ringSeqRestored,
    lastHeard: new Map(),
    lastHeardInRing: new Map(),
    unreachable: new Set(),
    groups: new Map(),
    localGroups: new Set(),
    lastHeartbeatTick: -Infinity,
    lastGapRequestTick: -Infinity,
  };
}

export function isConfiguredNode(context: Context, nodeId: NodeId): boolean {
  return context.config.nodeIds.includes(nodeId);
}

/** Sends one message to each node in `to` except this node. */
export function sendToAll(context: Context, to: Iterable<NodeId>, message: Message): void {
  for (const nodeId of to) {
    if (nodeId !== context.config.nodeId)
      context.outbox.push({ kind: "send", to: nodeId, message });
  }
}
