import {
  ringIdText,
  sameNodeIds,
  sortedNodeIds,
  type NodeId,
  type RingId,
} from "../kernel/index.js";
import type { Context } from "./core-state.js";
import { sendToAll } from "./core-state.js";
import { startCommit } from "./core-commit.js";
import type { JoinMessage } from "./messages.js";

function ringKey(ringId: RingId | undefined): string {
  return ringId === undefined ? "none" : ringIdText(ringId);
}

/**
 * Heard from once, then silent for longer than the token timeout; or reported unreachable by
 * the transport and not heard from since.
 */
export function isSilent(context: Context, nodeId: NodeId): boolean {
  if (nodeId === context.config.nodeId) return false;
  if (context.state.unreachable.has(nodeId)) return true;
  const heard = context.state.lastHeard.get(nodeId);
  return heard !== undefined && context.state.now - heard > context.timings.tokenTicks;
}

/** Nodes heard from within the token timeout and not reported unreachable, this node included. */
export function reachableNodes(context: Context): NodeId[] {
  const { state, timings, config } = context;
  return config.nodeIds.filter((nodeId) => {
    if (nodeId === config.nodeId) return true;
    if (state.unreachable.has(nodeId)) return false;
    const heard = state.lastHeard.get(nodeId);
    return heard !== undefined && state.now - heard <= timings.tokenTicks;
  });
}

/**
 * OPERATIONAL or COMMIT → GATHER (or more failures while gathering). The installed ring's
 * messages are frozen from here on: nothing more is accepted for it until the next install.
 */
export function enterGather(context: Context, failed: readonly NodeId[]): void {
  const { state, config } = context;
  if (state.phase === "left") return;
  if (state.phase === "gather" && state.gather !== undefined) {
    let changed = false;
    for (const nodeId of failed) changed = markFailed(context, nodeId) || changed;
    if (changed) sendJoin(context);
    return;
  }
  state.phase = "gather";
  state.commit = undefined;
  state.sequencer = undefined;
  state.gather = {
    startedTick: state.now,
    consensusDeadline: state.now + context.timings.consensusTicks,
    lastJoinSentTick: state.now,
    procSet: new Set(reachableNodes(context)),
    failedSet: new Set(),
    failedRing: new Map(),
    joins: new Map(),
  };
  for (const nodeId of failed) if (nodeId !== config.nodeId) markFailed(context, nodeId);
  sendJoin(context);
}

function markFailed(context: Context, nodeId: NodeId): boolean {
  const gather = context.state.gather;
  if (gather === undefined || nodeId === context.config.nodeId) return false;
  if (gather.failedSet.has(nodeId)) return false;
  const join = gather.joins.get(nodeId);
  gather.failedRing.set(nodeId, join === undefined ? "?" : ringKey(join.ringId));
  gather.failedSet.add(nodeId);
  gather.procSet.delete(nodeId);
  gather.joins.delete(nodeId);
  return true;
}

export function joinMessage(context: Context): JoinMessage {
  const { state } = context;
  const gather = state.gather;
  state.joinCounter += 1;
  return {
    kind: "join",
    ...(state.ring === undefined ? {} : { ringId: state.ring.ringId }),
    counter: state.joinCounter,
    procSet: sortedNodeIds(gather?.procSet ?? [context.config.nodeId]),
    failedSet: sortedNodeIds(gather?.failedSet ?? []),
    ringSeqMax: state.ringSeqMax,
  };
}

function sendJoin(context: Context): void {
  const gather = context.state.gather;
  if (gather === undefined) return;
  gather.lastJoinSentTick = context.state.now;
  sendToAll(context, context.config.nodeIds, joinMessage(context));
}

/**
 * A join from `from` while gathering: its proposal is merged into ours, filtered by our own
 * failure decisions. Failure decisions stay local to this gather (they are not merged), so a
 * failed set from an earlier round can never poison a later one; disagreement is settled by
 * the consensus timeout, after which each node drops the nodes that did not agree.
 */
export function gatherOnJoin(context: Context, from: NodeId, join: JoinMessage): void {
  const gather = context.state.gather;
  if (gather === undefined) return;
  let changed = false;
  if (gather.failedSet.has(from)) {
    // Failed while it proposed from another ring: it has installed a ring since, so the
    // decision is stale (after a heal every node would otherwise wait out old failures).
    if (gather.failedRing.get(from) === ringKey(join.ringId)) return;
    // A new round has begun: this gather's other failure decisions about live nodes are as
    // stale, and keeping them would leave the nodes out of step (singletons forever).
    forgiveLiveNodes(context);
    changed = true;
  }
  gather.joins.set(from, join);
  for (const nodeId of [from, ...join.procSet]) {
    if (gather.procSet.has(nodeId) || gather.failedSet.has(nodeId)) continue;
    if (!context.config.nodeIds.includes(nodeId)) continue;
    if (isSilent(context, nodeId)) changed = markFailed(context, nodeId) || changed;
    else {
      gather.procSet.add(nodeId);
      changed = true;
    }
  }
  if (changed) sendJoin(context);
  checkConsensus(context);
}

/** Takes back every failure decision about a node still heard, and restarts the consensus wait. */
function forgiveLiveNodes(context: Context): void {
  const { state, timings } = context;
  const gather = state.gather;
  if (gather === undefined) return;
  for (const nodeId of [...gather.failedSet]) {
    if (isSilent(context, nodeId) || !state.lastHeard.has(nodeId)) continue;
    gather.failedSet.delete(nodeId);
    gather.failedRing.delete(nodeId);
    gather.procSet.add(nodeId);
  }
  gather.consensusDeadline = state.now + timings.consensusTicks;
}

/** Any message from a node not yet in the proposal while gathering brings it in (merge). */
export function gatherOnHeard(context: Context, from: NodeId): void {
  const gather = context.state.gather;
  if (gather === undefined || gather.procSet.has(from) || gather.failedSet.has(from)) return;
  gather.procSet.add(from);
  sendJoin(context);
}

export function gatherOnTick(context: Context): void {
  const { state, timings } = context;
  const gather = state.gather;
  if (gather === undefined) return;
  let changed = false;
  for (const nodeId of [...gather.procSet]) {
    if (isSilent(context, nodeId)) changed = markFailed(context, nodeId) || changed;
  }
  if (state.now >= gather.consensusDeadline) {
    for (const nodeId of [...gather.procSet]) {
      if (nodeId !== context.config.nodeId && !agrees(context, nodeId)) {
        changed = markFailed(context, nodeId) || changed;
      }
    }
    gather.consensusDeadline = state.now + timings.consensusTicks;
  }
  if (changed || state.now - gather.lastJoinSentTick >= timings.joinTicks) sendJoin(context);
  checkConsensus(context);
}

/** The newest join of `nodeId` proposes exactly our member set. */
function agrees(context: Context, nodeId: NodeId): boolean {
  const gather = context.state.gather;
  const join = gather?.joins.get(nodeId);
  if (gather === undefined || join === undefined) return false;
  return sameNodeIds(join.procSet, sortedNodeIds(gather.procSet));
}

/** When every proposed member agrees, the lowest nodeid creates the commit. */
export function checkConsensus(context: Context): void {
  const { state, config } = context;
  const gather = state.gather;
  if (state.phase !== "gather" || gather === undefined) return;
  if (state.now - gather.startedTick < context.timings.joinTicks) return;
  const members = sortedNodeIds(gather.procSet);
  if (members[0] !== config.nodeId) return;
  if (!members.every((nodeId) => nodeId === config.nodeId || agrees(context, nodeId))) return;
  const ringSeqs = members.map((nodeId) => gather.joins.get(nodeId)?.ringSeqMax ?? 0);
  startCommit(context, members, Math.max(state.ringSeqMax, ...ringSeqs));
}
