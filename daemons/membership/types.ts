import type { NodeId, RingId } from "../kernel/index.js";
import type { Message } from "./messages.js";

export type Input =
  /** One tick of `tickMs` passed. */
  | { readonly kind: "tick" }
  | { readonly kind: "received"; readonly from: NodeId; readonly message: Message }
  /** Broadcast to a process group in agreed order; with `to`, to that one member only. */
  | {
      readonly kind: "broadcast_requested";
      readonly group: string;
      readonly payload: string;
      readonly to?: NodeId;
    }
  | { readonly kind: "group_join_requested"; readonly group: string }
  | { readonly kind: "group_leave_requested"; readonly group: string }
  /** Orderly shutdown: tell the members, then stay silent. */
  | { readonly kind: "leave_requested" }
  /**
   * The transport proved the node's process gone: every link to it is down and its last
   * reconnect was refused. It fails now instead of after the token; hearing it again clears it.
   */
  | { readonly kind: "peer_unreachable"; readonly nodeId: NodeId };

export type InputKind = Input["kind"];

/** Why a node appears in a process group change (corosync's CPG reasons). */
export type GroupChangeReason = "join" | "leave" | "nodedown" | "nodeup";

export interface GroupMemberChange {
  readonly nodeId: NodeId;
  readonly reason: GroupChangeReason;
}

export type Effect =
  /** Unicast; the host maps it to a link. */
  | { readonly kind: "send"; readonly to: NodeId; readonly message: Message }
  /** Store before anything that depends on it is sent: ring sequences grow across restarts. */
  | { readonly kind: "persist"; readonly ringSeq: number }
  | {
      readonly kind: "view_installed";
      readonly ringId: RingId;
      readonly members: readonly NodeId[];
      readonly joined: readonly NodeId[];
      readonly left: readonly NodeId[];
      /** The ring this node left, and the last seq it delivered there (virtual synchrony). */
      readonly previous?: { readonly ringId: RingId; readonly deliveredThrough: number };
    }
  | {
      readonly kind: "delivered";
      readonly ringId: RingId;
      readonly sender: NodeId;
      readonly group: string;
      readonly payload: string;
      readonly seq: number;
      readonly to?: NodeId;
    }
  /** A process group's member list changed (CPG confchg), for groups this node is in. */
  | {
      readonly kind: "group_changed";
      readonly group: string;
      readonly ringId: RingId;
      readonly members: readonly NodeId[];
      readonly joined: readonly GroupMemberChange[];
      readonly left: readonly GroupMemberChange[];
    }
  | { readonly kind: "broadcast_refused"; readonly group: string; readonly reason: "queue_full" };

export type EffectKind = Effect["kind"];

export type MembershipPhase = "gather" | "commit" | "operational" | "left";

/** What the core tells the host and the checkers about itself. */
export interface MembershipStatus {
  readonly nodeId: NodeId;
  readonly phase: MembershipPhase;
  readonly ringId?: RingId;
  readonly members: readonly NodeId[];
  readonly deliveredThrough: number;
  readonly ringSeqMax: number;
  readonly groups: ReadonlyMap<string, readonly NodeId[]>;
}
