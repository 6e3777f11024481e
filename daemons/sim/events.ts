import type { NodeId, RingId } from "../kernel/index.js";
import type { GroupMemberChange } from "../membership/index.js";

/** What the simulation saw happen, in order; checkers and transcripts read these. */
export type SimEvent = { readonly tick: number; readonly nodeId: NodeId } & (
  | {
      readonly kind: "view_installed";
      readonly ringId: RingId;
      readonly members: readonly NodeId[];
      readonly previous?: { readonly ringId: RingId; readonly deliveredThrough: number };
    }
  | {
      readonly kind: "delivered";
      readonly ringId: RingId;
      readonly sender: NodeId;
      readonly group: string;
      readonly payload: string;
      readonly seq: number;
    }
  | {
      readonly kind: "group_changed";
      readonly group: string;
      readonly ringId: RingId;
      readonly members: readonly NodeId[];
      readonly joined: readonly GroupMemberChange[];
      readonly left: readonly GroupMemberChange[];
    }
  | { readonly kind: "broadcast_requested"; readonly group: string; readonly payload: string }
  | { readonly kind: "quorum_changed"; readonly quorate: boolean }
  | { readonly kind: "crashed" }
  | { readonly kind: "restarted"; readonly ringSeqRestored: number }
);

export type SimEventKind = SimEvent["kind"];
