import { unreachable } from "../../backend/base/index.js";
import { Outbox, ringIdEquals, type NodeId } from "../kernel/index.js";
import { membershipTimings, type MembershipConfig, type MembershipTimings } from "./config.js";
import { commitOnTick, onCommit, onCommitAck, onInstall } from "./core-commit.js";
import { enterGather, gatherOnHeard, gatherOnJoin, gatherOnTick, isSilent } from "./core-gather.js";
import {
  flushPending,
  heartbeat,
  onOrdered,
  onSubmit,
  orderOnHeartbeat,
  requestBroadcast,
} from "./core-order.js";
import { initialState, sendToAll, type Context, type MembershipState } from "./core-state.js";
import { onPeerUnreachable } from "./core-unreachable.js";
import type { HeartbeatMessage, JoinMessage, Message } from "./messages.js";
import type { Effect, Input, MembershipStatus } from "./types.js";

/**
 * Totem-style membership with agreed total order and extended virtual synchrony, as a pure
 * state machine: heartbeats bound failure detection by the effective token, GATHER agrees on
 * the member set, the lowest nodeid commits the ring and recovers the old ring's messages.
 */
export class Membership {
  readonly timings: MembershipTimings;
  readonly #state: MembershipState;
  readonly #outbox = new Outbox<Effect>();
  readonly #context: Context;

  constructor(readonly config: MembershipConfig) {
    this.timings = membershipTimings(config);
    this.#state = initialState(config);
    this.#context = { config, timings: this.timings, state: this.#state, outbox: this.#outbox };
    enterGather(this.#context, []);
  }

  /** Advances by one input. Never performs I/O, never reads a clock. */
  step(input: Input): void {
    if (this.#state.phase === "left") return;
    switch (input.kind) {
      case "tick":
        return this.#onTick();
      case "received":
        return this.#onReceived(input.from, input.message);
      case "broadcast_requested":
        return requestBroadcast(this.#context, {
          group: input.group,
          payload: input.payload,
          ...(input.to === undefined ? {} : { to: input.to }),
        });
      case "group_join_requested":
        if (this.#state.localGroups.has(input.group)) return;
        this.#state.localGroups.add(input.group);
        return requestBroadcast(this.#context, {
          group: input.group,
          payload: "",
          control: "group_join",
        });
      case "group_leave_requested":
        if (!this.#state.localGroups.delete(input.group)) return;
        return requestBroadcast(this.#context, {
          group: input.group,
          payload: "",
          control: "group_leave",
        });
      case "leave_requested":
        return this.#onLeaveRequested();
      case "peer_unreachable":
        return onPeerUnreachable(this.#context, input.nodeId);
      default:
        return unreachable(input);
    }
  }

  /** Returns and clears pending effects, in the order they must be performed. */
  drain(): readonly Effect[] {
    return this.#outbox.drain();
  }

  status(): MembershipStatus {
    const state = this.#state;
    const groups = new Map<string, readonly NodeId[]>();
    for (const [group, members] of [...state.groups].sort(([left], [right]) =>
      left.localeCompare(right),
    )) {
      groups.set(
        group,
        [...members].sort((left, right) => left - right),
      );
    }
    return {
      nodeId: this.config.nodeId,
      phase: state.phase,
      ...(state.ring === undefined ? {} : { ringId: state.ring.ringId }),
      members: state.ring?.members ?? [],
      deliveredThrough: state.ring?.deliveredThrough ?? 0,
      ringSeqMax: state.ringSeqMax,
      groups,
    };
  }

  #onTick(): void {
    const context = this.#context;
    const state = this.#state;
    state.now += 1;
    if (state.phase === "operational") this.#detectFailures();
    if (state.phase === "gather") gatherOnTick(context);
    else if (state.phase === "commit") commitOnTick(context);
    if (state.now - state.lastHeartbeatTick >= this.timings.heartbeatTicks) {
      state.lastHeartbeatTick = state.now;
      sendToAll(context, this.config.nodeIds, heartbeat(context));
    }
    if (state.phase === "operational") flushPending(context, this.config.timing.maxMessages);
  }

  #detectFailures(): void {
    const state = this.#state;
    const members = state.ring?.members ?? [];
    const silent = members.filter((nodeId) => {
      if (nodeId === this.config.nodeId) return false;
      if (state.unreachable.has(nodeId)) return true;
      return state.now - (state.lastHeardInRing.get(nodeId) ?? -Infinity) > this.timings.tokenTicks;
    });
    // Silent in the ring but heard on the network (it missed an install): gather with it.
    const failed = silent.filter((nodeId) => isSilent(this.#context, nodeId));
    if (silent.length > 0) enterGather(this.#context, failed);
  }

  #onReceived(from: NodeId, message: Message): void {
    if (from === this.config.nodeId || !this.config.nodeIds.includes(from)) return;
    const context = this.#context;
    this.#state.lastHeard.set(from, this.#state.now);
    this.#state.unreachable.delete(from);
    if ("ringId" in message && ringIdEquals(message.ringId, this.#state.ring?.ringId)) {
      if (message.kind !== "join" && message.kind !== "leave" && message.kind !== "commit_ack") {
        this.#state.lastHeardInRing.set(from, this.#state.now);
      }
    }
    if (this.#state.phase === "gather" && message.kind !== "leave") gatherOnHeard(context, from);
    switch (message.kind) {
      case "heartbeat":
        return this.#onHeartbeat(from, message);
      case "join":
        return this.#onJoin(from, message);
      case "commit":
        return onCommit(context, from, message);
      case "commit_ack":
        return onCommitAck(context, from, message);
      case "install":
        return onInstall(context, from, message);
      case "submit":
        return onSubmit(context, from, message);
      case "ordered":
        return onOrdered(context, from, message);
      case "leave":
        this.#state.lastHeard.delete(from);
        if (this.#state.phase === "commit") return;
        if (this.#state.ring?.members.includes(from) === true || this.#state.phase === "gather") {
          enterGather(context, [from]);
        }
        return;
      default:
        return unreachable(message);
    }
  }

  #onHeartbeat(from: NodeId, beat: HeartbeatMessage): void {
    const state = this.#state;
    const ring = state.ring;
    if (state.phase !== "operational" || ring === undefined) return;
    if (!ring.members.includes(from)) return enterGather(this.#context, []);
    if (ringIdEquals(beat.ringId, ring.ringId)) return orderOnHeartbeat(this.#context, from, beat);
    if (beat.ringId !== undefined && beat.ringId.seq > ring.ringId.seq)
      enterGather(this.#context, []);
  }

  /** Joins start or feed GATHER; stale joins from before the installed ring are ignored. */
  #onJoin(from: NodeId, join: JoinMessage): void {
    const state = this.#state;
    if (state.phase === "commit") return;
    if (state.phase === "operational") {
      const ring = state.ring;
      const member = ring?.members.includes(from) === true;
      const stale =
        member &&
        join.ringId !== undefined &&
        ring !== undefined &&
        join.ringId.seq < ring.ringId.seq;
      if (stale) return;
      enterGather(this.#context, []);
    }
    gatherOnJoin(this.#context, from, join);
  }

  #onLeaveRequested(): void {
    const state = this.#state;
    const message = {
      kind: "leave",
      ...(state.ring === undefined ? {} : { ringId: state.ring.ringId }),
    } as const;
    sendToAll(this.#context, this.config.nodeIds, message);
    state.phase = "left";
  }
}
