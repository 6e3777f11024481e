import { assert } from "../../backend/base/index.js";
import { ringIdEquals, type NodeId, type RingId } from "../kernel/index.js";
import { applyGroupControl } from "./core-groups.js";
import type { Context, PendingBroadcast } from "./core-state.js";
import { sendToAll } from "./core-state.js";
import type {
  GroupControl,
  HeartbeatMessage,
  OrderedEnvelope,
  OrderedMessage,
  SubmitMessage,
} from "./messages.js";

export interface BroadcastRequest {
  readonly group: string;
  readonly payload: string;
  readonly to?: NodeId;
  readonly control?: GroupControl;
}

/** Queues a broadcast; it is submitted to the representative whenever a ring is installed. */
export function requestBroadcast(context: Context, request: BroadcastRequest): void {
  const { state, config } = context;
  // Group joins and leaves are never refused: the local group table already changed.
  if (request.control === undefined && state.pending.length >= config.pendingBroadcastsMax) {
    context.outbox.push({ kind: "broadcast_refused", group: request.group, reason: "queue_full" });
    return;
  }
  const pending = { ...request, localSeq: state.nextLocalSeq++, lastSentTick: -Infinity };
  state.pending.push(pending);
  if (state.phase === "operational") submitPending(context, pending);
}

/** (Re)submits pending broadcasts not sent for a heartbeat interval, at most `limit`. */
export function flushPending(context: Context, limit: number): void {
  const { state, timings } = context;
  if (state.phase !== "operational" || state.ring === undefined) return;
  const due = state.pending
    .filter((pending) => state.now - pending.lastSentTick >= timings.heartbeatTicks)
    .slice(0, Math.min(limit, context.config.timing.maxMessages));
  for (const pending of due) submitPending(context, pending);
}

function submitPending(context: Context, pending: PendingBroadcast): void {
  const { state, config } = context;
  const ring = state.ring;
  if (ring === undefined) return;
  pending.lastSentTick = state.now;
  const submit: SubmitMessage = {
    kind: "submit",
    ringId: ring.ringId,
    localSeq: pending.localSeq,
    group: pending.group,
    payload: pending.payload,
    ...(pending.to === undefined ? {} : { to: pending.to }),
    ...(pending.control === undefined ? {} : { control: pending.control }),
  };
  if (ring.ringId.representative === config.nodeId) onSubmit(context, config.nodeId, submit);
  else context.outbox.push({ kind: "send", to: ring.ringId.representative, message: submit });
}

/** Representative: number the next broadcast of `from` (FIFO per sender) and send it round. */
export function onSubmit(context: Context, from: NodeId, submit: SubmitMessage): void {
  const { state } = context;
  const ring = state.ring;
  const sequencer = state.sequencer;
  if (state.phase !== "operational" || ring === undefined || sequencer === undefined) return;
  if (!ringIdEquals(ring.ringId, submit.ringId) || !ring.members.includes(from)) return;
  const next = (sequencer.orderedLocalSeq.get(from) ?? 0) + 1;
  if (submit.localSeq < next) return;
  if (submit.localSeq > next) {
    const early = sequencer.early.get(from) ?? new Map<number, SubmitMessage>();
    if (early.size < context.config.pendingBroadcastsMax) early.set(submit.localSeq, submit);
    sequencer.early.set(from, early);
    return;
  }
  orderSubmit(context, from, submit);
  const early = sequencer.early.get(from);
  for (
    let waiting = early?.get(next + 1);
    waiting !== undefined;
    waiting = early?.get(waiting.localSeq + 1)
  ) {
    early?.delete(waiting.localSeq);
    orderSubmit(context, from, waiting);
  }
}

function orderSubmit(context: Context, from: NodeId, submit: SubmitMessage): void {
  const ring = context.state.ring;
  const sequencer = context.state.sequencer;
  assert(ring !== undefined && sequencer !== undefined, "the representative orders");
  sequencer.orderedLocalSeq.set(from, submit.localSeq);
  sequencer.highSeq += 1;
  const message: OrderedMessage = {
    seq: sequencer.highSeq,
    sender: from,
    localSeq: submit.localSeq,
    group: submit.group,
    payload: submit.payload,
    ...(submit.to === undefined ? {} : { to: submit.to }),
    ...(submit.control === undefined ? {} : { control: submit.control }),
  };
  sendToAll(context, ring.members, { kind: "ordered", ringId: ring.ringId, message });
  acceptOrdered(context, message);
}

export function onOrdered(context: Context, from: NodeId, envelope: OrderedEnvelope): void {
  const { state, timings } = context;
  const ring = state.ring;
  if (state.phase !== "operational" || ring === undefined) return;
  if (!ringIdEquals(ring.ringId, envelope.ringId) || from !== ring.ringId.representative) return;
  acceptOrdered(context, envelope.message);
  const gap = ring.received.size > 0 && !ring.received.has(ring.deliveredThrough + 1);
  if (gap && state.now - state.lastGapRequestTick >= timings.joinTicks) {
    state.lastGapRequestTick = state.now;
    context.outbox.push({ kind: "send", to: from, message: heartbeat(context) });
  }
}

function acceptOrdered(context: Context, message: OrderedMessage): void {
  const ring = context.state.ring;
  assert(ring !== undefined, "a ring is installed");
  if (message.seq <= ring.deliveredThrough) return;
  ring.received.set(message.seq, message);
  for (;;) {
    const next = ring.received.get(ring.deliveredThrough + 1);
    if (next === undefined) break;
    deliverOrdered(context, ring.ringId, next);
  }
}

/** Delivers one message of ring `ringId` at its place in the agreed order. */
export function deliverOrdered(context: Context, ringId: RingId, message: OrderedMessage): void {
  const { state, config } = context;
  const ring = state.ring;
  assert(ring !== undefined && ringIdEquals(ring.ringId, ringId), "delivery in the ring");
  assert(message.seq === ring.deliveredThrough + 1, "delivery in seq order");
  ring.deliveredThrough = message.seq;
  if (message.sender === config.nodeId) {
    const done = state.pending.findIndex((pending) => pending.localSeq > message.localSeq);
    state.pending.splice(0, done === -1 ? state.pending.length : done);
  }
  if (message.control !== undefined) {
    applyGroupControl(context, ringId, message);
    return;
  }
  const members = state.groups.get(message.group);
  if (members?.has(config.nodeId) !== true) return;
  if (message.to !== undefined && message.to !== config.nodeId) return;
  context.outbox.push({
    kind: "delivered",
    ringId,
    sender: message.sender,
    group: message.group,
    payload: message.payload,
    seq: message.seq,
    ...(message.to === undefined ? {} : { to: message.to }),
  });
}

export function heartbeat(context: Context): HeartbeatMessage {
  const { state } = context;
  const ring = state.ring;
  return {
    kind: "heartbeat",
    ...(ring === undefined ? {} : { ringId: ring.ringId }),
    operational: state.phase === "operational",
    receivedThrough: ring?.deliveredThrough ?? 0,
    stableSeq: ring?.stableSeq ?? 0,
  };
}

/** A heartbeat from a member of the installed ring: acknowledgements and retransmission. */
export function orderOnHeartbeat(context: Context, from: NodeId, beat: HeartbeatMessage): void {
  const { state, config } = context;
  const ring = state.ring;
  if (ring === undefined || !ringIdEquals(ring.ringId, beat.ringId)) return;
  const sequencer = state.sequencer;
  if (sequencer !== undefined && beat.operational) {
    const through = Math.max(beat.receivedThrough, sequencer.receivedThrough.get(from) ?? 0);
    sequencer.receivedThrough.set(from, through);
    const first = Math.max(through, ring.stableSeq) + 1;
    const last = Math.min(sequencer.highSeq, through + config.timing.maxMessages);
    for (let seq = first; seq <= last; seq += 1) {
      const message = ring.received.get(seq);
      assert(message !== undefined, `ordered message ${seq} is kept until stable`);
      const envelope = { kind: "ordered", ringId: ring.ringId, message } as const;
      context.outbox.push({ kind: "send", to: from, message: envelope });
    }
    updateStable(context);
  } else if (from === ring.ringId.representative) {
    forgetStable(context, beat.stableSeq);
  }
}

function updateStable(context: Context): void {
  const { state, config } = context;
  const ring = state.ring;
  const sequencer = state.sequencer;
  if (ring === undefined || sequencer === undefined) return;
  const through = ring.members.map((nodeId) =>
    nodeId === config.nodeId ? ring.deliveredThrough : (sequencer.receivedThrough.get(nodeId) ?? 0),
  );
  forgetStable(context, Math.min(...through));
}

/** Every member holds everything up to `stableSeq`: older copies are no longer needed. */
function forgetStable(context: Context, stableSeq: number): void {
  const ring = context.state.ring;
  if (ring === undefined || stableSeq <= ring.stableSeq) return;
  const bound = Math.min(stableSeq, ring.deliveredThrough);
  for (let seq = ring.stableSeq + 1; seq <= bound; seq += 1) ring.received.delete(seq);
  ring.stableSeq = bound;
}
