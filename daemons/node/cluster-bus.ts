import type { NodeId, RingId } from "../kernel/index.js";
import type { Effect, GroupMemberChange, Input } from "../membership/index.js";
import type { Log } from "./log.js";

/** One message of a process group, in the ring's agreed order (corosync CPG). */
export interface GroupMessage {
  readonly ringId: RingId;
  readonly seq: number;
  readonly sender: NodeId;
  readonly payload: string;
  /** Set on a message meant for one member only. */
  readonly to?: NodeId;
}

/** A process group's member list changed (CPG confchg). */
export interface GroupChange {
  readonly ringId: RingId;
  readonly members: readonly NodeId[];
  readonly joined: readonly GroupMemberChange[];
  readonly left: readonly GroupMemberChange[];
}

export interface GroupListener {
  readonly delivered: (message: GroupMessage) => void;
  readonly changed?: (change: GroupChange) => void;
}

export interface ViewChange {
  readonly ringId: RingId;
  readonly members: readonly NodeId[];
  readonly joined: readonly NodeId[];
  readonly left: readonly NodeId[];
}

/**
 * What the daemons above membership use (the CPG role): join process groups, broadcast in
 * agreed order, hear of views. The node host routes every membership effect through perform().
 */
export class ClusterBus {
  readonly #groups = new Map<string, GroupListener>();
  readonly #viewListeners: ((view: ViewChange) => void)[] = [];

  constructor(
    readonly localNodeId: NodeId,
    readonly nodeNames: ReadonlyMap<NodeId, string>,
    private readonly env: { readonly feed: (input: Input) => void; readonly log: Log },
  ) {}

  joinGroup(group: string, listener: GroupListener): void {
    this.#groups.set(group, listener);
    this.env.feed({ kind: "group_join_requested", group });
  }

  leaveGroup(group: string): void {
    if (!this.#groups.delete(group)) return;
    this.env.feed({ kind: "group_leave_requested", group });
  }

  /** To every member of the group, or with `to` to that member only. */
  broadcast(group: string, payload: string, to?: NodeId): void {
    const input = { kind: "broadcast_requested", group, payload } as const;
    this.env.feed(to === undefined ? input : { ...input, to });
  }

  onView(listener: (view: ViewChange) => void): void {
    this.#viewListeners.push(listener);
  }

  perform(effect: Effect): void {
    switch (effect.kind) {
      case "view_installed":
        for (const listener of this.#viewListeners) listener(effect);
        return;
      case "delivered":
        this.#groups.get(effect.group)?.delivered(effect);
        return;
      case "group_changed":
        this.#groups.get(effect.group)?.changed?.(effect);
        return;
      case "broadcast_refused":
        this.env.log.write(
          "warning",
          "CPG",
          `Broadcast to "${effect.group}" refused: ${effect.reason}`,
        );
        return;
      default:
        return;
    }
  }
}
