import { assert } from "../../backend/base/index.js";
import { ringIdEquals, ringIdText, type NodeId, type RingId } from "../kernel/index.js";
import { enterGather } from "./core-gather.js";
import { installGroups } from "./core-groups.js";
import { deliverOrdered, flushPending } from "./core-order.js";
import type { Context } from "./core-state.js";
import { sendToAll } from "./core-state.js";
import type {
  CommitAckMessage,
  CommitMessage,
  InstallMessage,
  OrderedMessage,
  RecoverySet,
} from "./messages.js";

/** Coordinator: a new ring id above every sequence seen, persisted before it is sent. */
export function startCommit(context: Context, members: readonly NodeId[], seqMax: number): void {
  const { state, config } = context;
  const ringId: RingId = { representative: config.nodeId, seq: seqMax + 4 };
  state.acceptedCommit = undefined;
  state.ringSeqMax = ringId.seq;
  context.outbox.push({ kind: "persist", ringSeq: ringId.seq });
  state.phase = "commit";
  state.gather = undefined;
  state.commit = {
    ringId,
    members,
    coordinator: config.nodeId,
    deadline: state.now + context.timings.commitTicks,
    lastSentTick: state.now,
    acks: new Map([[config.nodeId, commitAck(context, ringId)]]),
  };
  sendToAll(context, members, { kind: "commit", ringId, members });
  finishCommitWhenAcked(context);
}

/** This node's old-ring state, reported to the coordinator for recovery. */
function commitAck(context: Context, ringId: RingId): CommitAckMessage {
  const ring = context.state.ring;
  return {
    kind: "commit_ack",
    ringId,
    ...(ring === undefined ? {} : { oldRingId: ring.ringId }),
    deliveredThrough: ring?.deliveredThrough ?? 0,
    messages: ring === undefined ? [] : [...ring.received.values()].sort(bySeq),
    groups: [...context.state.localGroups].sort(),
  };
}

function bySeq(left: OrderedMessage, right: OrderedMessage): number {
  return left.seq - right.seq;
}

/** Member: accept the coordinator's ring when it is newer than the installed one. */
export function onCommit(context: Context, from: NodeId, commit: CommitMessage): void {
  const { state, config } = context;
  if (state.phase === "commit" && ringIdEquals(state.commit?.ringId, commit.ringId)) {
    context.outbox.push({ kind: "send", to: from, message: commitAck(context, commit.ringId) });
    return;
  }
  if (state.phase !== "gather" || state.gather?.failedSet.has(from) === true) return;
  const lowest = Math.min(...commit.members);
  if (from !== lowest || commit.ringId.representative !== from) return;
  if (!commit.members.includes(config.nodeId)) return;
  // A ring with a node the transport proved gone could never finish: as if the commit were lost.
  if (commit.members.some((nodeId) => state.unreachable.has(nodeId))) return;
  // Ring sequences only grow, across restarts too: the persisted maximum bounds them, except
  // for the very commit this node answered before it timed out back into GATHER.
  const answered = ringIdEquals(state.acceptedCommit?.ringId, commit.ringId);
  if (!answered && commit.ringId.seq <= state.ringSeqMax) return;
  if (commit.ringId.seq <= (state.ring?.ringId.seq ?? 0)) return;
  if (commit.ringId.seq > state.ringSeqMax) {
    state.ringSeqMax = commit.ringId.seq;
    context.outbox.push({ kind: "persist", ringSeq: commit.ringId.seq });
  }
  state.phase = "commit";
  state.gather = undefined;
  state.acceptedCommit = { ringId: commit.ringId, coordinator: from };
  state.commit = {
    ringId: commit.ringId,
    members: commit.members,
    coordinator: from,
    deadline: state.now + context.timings.commitTicks,
    lastSentTick: state.now,
    acks: new Map(),
  };
  context.outbox.push({ kind: "send", to: from, message: commitAck(context, commit.ringId) });
}

export function onCommitAck(context: Context, from: NodeId, ack: CommitAckMessage): void {
  const { state, config } = context;
  const commit = state.commit;
  if (state.phase === "operational" && ringIdEquals(state.lastInstall?.ringId, ack.ringId)) {
    const install = state.lastInstall;
    if (install !== undefined && install.members.includes(from)) {
      context.outbox.push({ kind: "send", to: from, message: install });
    }
    return;
  }
  if (state.phase !== "commit" || commit === undefined) return;
  if (commit.coordinator !== config.nodeId || !ringIdEquals(commit.ringId, ack.ringId)) return;
  if (!commit.members.includes(from)) return;
  commit.acks.set(from, ack);
  finishCommitWhenAcked(context);
}

function finishCommitWhenAcked(context: Context): void {
  const commit = context.state.commit;
  assert(commit !== undefined, "a commit is in progress");
  if (!commit.members.every((nodeId) => commit.acks.has(nodeId))) return;
  const acks = commit.members.map((nodeId) => ({ nodeId, ack: commit.acks.get(nodeId) }));
  const install: InstallMessage = {
    kind: "install",
    ringId: commit.ringId,
    members: commit.members,
    recovery: recoverySets(acks.map((entry) => entry.ack).filter(isDefined)),
    groups: acks.map((entry) => ({ nodeId: entry.nodeId, groups: entry.ack?.groups ?? [] })),
  };
  context.state.lastInstall = install;
  sendToAll(context, commit.members, install);
  applyInstall(context, install);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

/**
 * Per old ring: the survivors together hold every message up to `finalSeq` (the union's
 * contiguous prefix above the lowest delivered seq); each delivers up to there and no further.
 */
export function recoverySets(acks: readonly CommitAckMessage[]): RecoverySet[] {
  const byRing = new Map<string, CommitAckMessage[]>();
  for (const ack of acks) {
    if (ack.oldRingId === undefined) continue;
    const key = ringIdText(ack.oldRingId);
    byRing.set(key, [...(byRing.get(key) ?? []), ack]);
  }
  const sets: RecoverySet[] = [];
  for (const [, group] of [...byRing].sort(([left], [right]) => left.localeCompare(right))) {
    const first = group[0];
    assert(first?.oldRingId !== undefined, "a recovery group has an old ring");
    const lowest = Math.min(...group.map((ack) => ack.deliveredThrough));
    const union = new Map<number, OrderedMessage>();
    for (const ack of group) for (const message of ack.messages) union.set(message.seq, message);
    let finalSeq = lowest;
    while (union.has(finalSeq + 1)) finalSeq += 1;
    const messages = [...union.values()]
      .filter((message) => message.seq > lowest && message.seq <= finalSeq)
      .sort(bySeq);
    sets.push({ oldRingId: first.oldRingId, finalSeq, messages });
  }
  return sets;
}

/**
 * Member: install the ring it answered. A member that timed out back into GATHER still takes
 * it (its old-ring state is frozen since its answer), as long as it answered no other commit.
 */
export function onInstall(context: Context, from: NodeId, install: InstallMessage): void {
  const { state } = context;
  const accepted = state.acceptedCommit;
  if (state.phase !== "commit" && state.phase !== "gather") return;
  if (accepted === undefined || accepted.coordinator !== from) return;
  if (!ringIdEquals(accepted.ringId, install.ringId)) return;
  applyInstall(context, install);
}

/** RECOVERY then OPERATIONAL: deliver the old ring's agreed remainder, then the new view. */
function applyInstall(context: Context, install: InstallMessage): void {
  const { state, config } = context;
  const previous = state.ring;
  if (previous !== undefined) {
    const recovery = install.recovery.find((set) => ringIdEquals(set.oldRingId, previous.ringId));
    assert(recovery !== undefined, `recovery of ring ${ringIdText(previous.ringId)} is present`);
    for (const message of recovery.messages) previous.received.set(message.seq, message);
    while (previous.deliveredThrough < recovery.finalSeq) {
      const message = previous.received.get(previous.deliveredThrough + 1);
      assert(message !== undefined, `recovered message ${previous.deliveredThrough + 1} exists`);
      deliverOrdered(context, previous.ringId, message);
    }
  }
  state.ring = {
    ringId: install.ringId,
    members: install.members,
    received: new Map(),
    deliveredThrough: 0,
    stableSeq: 0,
  };
  state.sequencer =
    install.ringId.representative === config.nodeId
      ? { highSeq: 0, orderedLocalSeq: new Map(), receivedThrough: new Map(), early: new Map() }
      : undefined;
  state.phase = "operational";
  state.gather = undefined;
  state.commit = undefined;
  state.acceptedCommit = undefined;
  state.lastHeardInRing.clear();
  for (const nodeId of install.members) state.lastHeardInRing.set(nodeId, state.now);
  const before = previous?.members ?? [];
  context.outbox.push({
    kind: "view_installed",
    ringId: install.ringId,
    members: install.members,
    joined: install.members.filter((nodeId) => !before.includes(nodeId)),
    left: before.filter((nodeId) => !install.members.includes(nodeId)),
    ...(previous === undefined
      ? {}
      : { previous: { ringId: previous.ringId, deliveredThrough: previous.deliveredThrough } }),
  });
  installGroups(context, install, before);
  state.nextLocalSeq = 1;
  for (const pending of state.pending) {
    pending.localSeq = state.nextLocalSeq++;
    pending.lastSentTick = -Infinity;
  }
  flushPending(context, Infinity);
}

export function commitOnTick(context: Context): void {
  const { state, config, timings } = context;
  const commit = state.commit;
  if (commit === undefined) return;
  if (state.now >= commit.deadline) {
    const silent = commit.members.filter((nodeId) => !commit.acks.has(nodeId));
    enterGather(context, commit.coordinator === config.nodeId ? silent : []);
    return;
  }
  if (state.now - commit.lastSentTick < timings.joinTicks) return;
  commit.lastSentTick = state.now;
  if (commit.coordinator === config.nodeId) {
    const message = { kind: "commit", ringId: commit.ringId, members: commit.members } as const;
    sendToAll(
      context,
      commit.members.filter((nodeId) => !commit.acks.has(nodeId)),
      message,
    );
  } else {
    const ack = commitAck(context, commit.ringId);
    context.outbox.push({ kind: "send", to: commit.coordinator, message: ack });
  }
}
