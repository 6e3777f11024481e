/**
 * Assignment of resources to nodes: primitives (pcmk__primitive_assign), groups
 * (pcmk__group_assign), dispatch to clones, and the best-node choice.
 */
import {
  addThisWith,
  addWithThis,
  anyNodeAvailable,
  applyColocationScore,
  hasInfluence,
} from "./colocation.js";
import { addColocatedNodeScores } from "./merge.js";
import type { Role } from "./model.js";
import { INFINITY, compareBytes, compareNatural, formatScore } from "./score.js";
import { isAvailable, type Colocation, type ResourceState, type Working } from "./working.js";
import { assignClone } from "./clone-assign.js";
import { banInsufficientCapacity, compareCapacity, consumeCapacity } from "./utilization.js";

const roleRank: Record<Role, number> = {
  Unknown: 0,
  Stopped: 1,
  Started: 2,
  Unpromoted: 3,
  Promoted: 4,
};

const ranks = new WeakMap<Working, Map<string, number>>();

/** Node positions in natural order (model.nodes is sorted), cached per run. */
function nodeRanks(working: Working): Map<string, number> {
  let rank = ranks.get(working);
  if (rank === undefined) {
    rank = new Map(working.nodes.map((node, index) => [node.name, index]));
    ranks.set(working, rank);
  }
  return rank;
}

function isOrphan(state: ResourceState): boolean {
  if (state.children.length === 0) return state.orphan;
  return state.children.every((child) => isOrphan(child));
}

export function printScores(
  working: Working,
  functionName: string,
  state: ResourceState,
  recursive: boolean,
): void {
  if (isOrphan(state)) return;
  const rank = nodeRanks(working);
  const names = [...state.allowed.keys()].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || compareNatural(a, b));
  for (const name of names) {
    working.scores.push(
      `${functionName}: ${state.id} allocation score on ${name}: ${formatScore(state.allowed.get(name) ?? 0)}`,
    );
  }
  if (recursive)
    for (const child of state.children) printScores(working, functionName, child, true);
}

export function assignResource(
  working: Working,
  state: ResourceState,
  prefer?: string,
): string | undefined {
  switch (state.resource.kind) {
    case "primitive":
      return assignPrimitive(working, state, prefer);
    case "group":
      return assignGroup(working, state, prefer);
    case "clone":
      return assignClone(working, state, prefer);
  }
}

function banEverywhere(working: Working, state: ResourceState): void {
  for (const node of working.nodes) state.allowed.set(node.name, -INFINITY);
}

function applyThisWith(working: Working, state: ResourceState, colocation: Colocation): void {
  const archive =
    roleRank[colocation.dependentRole] >= roleRank.Promoted ||
    (colocation.score < 0 && colocation.score > -INFINITY)
      ? new Map(state.allowed)
      : undefined;
  assignResource(working, colocation.primary);
  applyColocationScore(working, state, colocation.primary, colocation);
  if (archive !== undefined && !anyNodeAvailable(working, state.allowed)) state.allowed = archive;
}

function applyWithThis(working: Working, state: ResourceState, colocation: Colocation): void {
  if (!hasInfluence(colocation)) return;
  const merged = addColocatedNodeScores(working, colocation.dependent, state.allowed, {
    attribute: colocation.nodeAttribute,
    factor: colocation.score / INFINITY,
    flags: { thisWith: false, active: true, nonnegative: false },
  });
  if (merged !== undefined) state.allowed = merged;
}

function assignPrimitive(
  working: Working,
  state: ResourceState,
  prefer: string | undefined,
): string | undefined {
  if (state.parent !== undefined && !state.parent.allocating)
    assignResource(working, state.parent, prefer);
  if (!state.provisional) return state.assignedTo;
  if (state.allocating) return undefined;
  state.allocating = true;
  for (const colocation of [...state.thisWith]) applyThisWith(working, state, colocation);
  for (const colocation of [...state.withThis]) applyWithThis(working, state, colocation);
  const options = working.model.options;
  if (state.nextRole === "Stopped") {
    banEverywhere(working, state);
  } else if (
    roleRank[state.nextRole] > roleRank[state.role] &&
    !working.model.haveQuorum &&
    options.noQuorumPolicy === "freeze"
  ) {
    state.nextRole = state.role;
  }
  printScores(working, "pcmk__primitive_assign", state, false);
  if (options.stonithEnabled && !working.model.hasFenceDevice) state.managed = false;
  if (!state.managed) {
    state.nextRole = state.role;
    finalizeAssignment(working, state, state.runningOn[0], true);
  } else if (options.stopAllResources) {
    finalizeAssignment(working, state, undefined, true);
  } else if (state.provisional) {
    assignBestNode(working, state, prefer);
  }
  state.allocating = false;
  return state.assignedTo;
}

export function finalizeAssignment(
  working: Working,
  state: ResourceState,
  chosen: string | undefined,
  force: boolean,
): boolean {
  let node = chosen;
  if (!force && node !== undefined) {
    const weight = state.allowed.get(node) ?? -INFINITY;
    if (weight < 0 || !isAvailable(working.model.nodeByName.get(node))) {
      state.nextRole = "Stopped";
      node = undefined;
    }
  }
  unassign(working, state);
  state.provisional = false;
  if (node === undefined) {
    state.nextRole = "Stopped";
    for (const action of state.actions) {
      if (action.task === "stop") action.optional = false;
      else if (action.task === "start") action.runnable = false;
      else if (action.intervalMs > 0 && action.meta.get("target_rc") !== "7")
        action.runnable = false;
    }
    return false;
  }
  state.assignedTo = node;
  state.assignedWeight = state.allowed.get(node) ?? 0;
  working.assignedCount.set(node, (working.assignedCount.get(node) ?? 0) + 1);
  consumeCapacity(working, node, state);
  return true;
}

export function unassign(working: Working, state: ResourceState): void {
  for (const child of state.children) unassign(working, child);
  const node = state.assignedTo;
  if (node === undefined) return;
  state.assignedTo = undefined;
  working.assignedCount.set(node, (working.assignedCount.get(node) ?? 1) - 1);
  consumeCapacity(working, node, state, -1);
}

export function sortedAllowedNodes(working: Working, state: ResourceState): string[] {
  const current = state.runningOn[0];
  const weight = (name: string): number =>
    isAvailable(working.model.nodeByName.get(name))
      ? (state.allowed.get(name) ?? -INFINITY)
      : -INFINITY;
  const strategy = working.model.options.placementStrategy;
  return [...state.allowed.keys()].sort((a, b) => {
    const difference = weight(b) - weight(a);
    if (difference !== 0) return difference;
    if (strategy !== "minimal") {
      if (strategy === "balanced") {
        const capacity = compareCapacity(working, a, b);
        if (capacity !== 0) return capacity;
      }
      const count = (working.assignedCount.get(a) ?? 0) - (working.assignedCount.get(b) ?? 0);
      if (count !== 0) return count;
      if (current === a) return -1;
      if (current === b) return 1;
    }
    return compareBytes(a, b);
  });
}

function assignBestNode(
  working: Working,
  state: ResourceState,
  preferred: string | undefined,
): boolean {
  const mostFree = banInsufficientCapacity(working, state);
  const prefer = preferred ?? mostFree;
  const nodes = sortedAllowedNodes(working, state);
  const best = nodes[0];
  let chosen: string | undefined;
  const weightOf = (name: string | undefined): number =>
    name === undefined ? -INFINITY : (state.allowed.get(name) ?? -INFINITY);
  if (prefer !== undefined && best !== undefined && state.allowed.has(prefer)) {
    if (weightOf(prefer) >= weightOf(best) && isAvailable(working.model.nodeByName.get(prefer)))
      chosen = prefer;
  }
  if (chosen === undefined && best !== undefined) {
    chosen = best;
    const uniqueInstance =
      state.parent?.resource.kind === "clone" && state.parent.resource.globallyUnique;
    const running = state.runningOn[0];
    if (
      !uniqueInstance &&
      weightOf(best) > 0 &&
      isAvailable(working.model.nodeByName.get(best)) &&
      running !== undefined &&
      isAvailable(working.model.nodeByName.get(running)) &&
      (state.allowed.get(running) ?? -INFINITY) >= 0
    ) {
      for (const name of nodes.slice(1)) {
        if (weightOf(name) !== weightOf(best)) break;
        if (name === running) chosen = name;
      }
    }
  }
  return finalizeAssignment(working, state, chosen, false);
}

function expandGroupColocations(state: ResourceState): void {
  const first = state.children[0];
  const last = state.children[state.children.length - 1];
  if (first === undefined || last === undefined) return;
  for (const colocation of state.thisWith) addThisWith(first, colocation);
  let anyUnmanaged = !first.managed;
  for (const member of state.children.slice(1)) {
    if (anyUnmanaged) {
      for (const colocation of state.thisWith)
        if (colocation.score >= INFINITY) addThisWith(member, colocation);
    } else if (!member.managed) {
      anyUnmanaged = true;
    }
  }
  state.thisWith.length = 0;
  for (const colocation of state.withThis) addWithThis(last, colocation);
  state.withThis.length = 0;
}

function assignGroup(
  working: Working,
  state: ResourceState,
  prefer: string | undefined,
): string | undefined {
  if (!state.provisional) return state.children[0]?.assignedTo;
  if (state.allocating) return undefined;
  const first = state.children[0];
  if (first === undefined) {
    state.provisional = false;
    return undefined;
  }
  state.allocating = true;
  state.role = first.role;
  expandGroupColocations(state);
  printScores(working, "pcmk__group_assign", state, true);
  let firstAssigned: string | undefined;
  for (const member of state.children) {
    const node = assignResource(working, member, prefer);
    firstAssigned ??= node;
  }
  state.nextRole = first.nextRole;
  state.allocating = false;
  state.provisional = false;
  return firstAssigned;
}

export function assignAll(working: Working): void {
  const ordered =
    working.model.options.placementStrategy === "default"
      ? working.topLevel
      : sortForPlacement(working);
  for (const state of ordered) assignResource(working, state);
}

/** Node order for comparing resources (pcmk__sort_nodes without a resource). */
function placementNodeOrder(working: Working): string[] {
  const weight = (name: string): number => {
    const node = working.model.nodeByName.get(name);
    if (node === undefined || !isAvailable(node)) return -INFINITY;
    return node.score;
  };
  const balanced = working.model.options.placementStrategy === "balanced";
  return working.nodes
    .map((node) => node.name)
    .sort((a, b) => weight(b) - weight(a) || (balanced ? compareCapacity(working, a, b) : 0) || compareBytes(a, b));
}

/** Resources for non-default placement strategies (cmp_resources): priority, current node, scores. */
function sortForPlacement(working: Working): ResourceState[] {
  const nodes = placementNodeOrder(working);
  const tables = new Map<ResourceState, Map<string, number>>();
  for (const state of working.topLevel) {
    const merged = addColocatedNodeScores(working, state, undefined, {
      attribute: "#uname", factor: 1, flags: { thisWith: true, active: false, nonnegative: false },
    });
    tables.set(state, merged ?? new Map(state.allowed));
  }
  const weightOn = (state: ResourceState, node: string | undefined): number =>
    node === undefined ? -INFINITY : (tables.get(state)?.get(node) ?? -INFINITY);
  return [...working.topLevel]
    .map((state, index) => ({ state, index }))
    .sort((a, b) => {
      if (a.state.priority !== b.state.priority) return b.state.priority - a.state.priority;
      const current = weightOn(b.state, b.state.runningOn[0]) - weightOn(a.state, a.state.runningOn[0]);
      if (current !== 0) return current;
      for (const node of nodes) {
        const difference = weightOn(b.state, node) - weightOn(a.state, node);
        if (difference !== 0) return difference;
      }
      return a.index - b.index;
    })
    .map((entry) => entry.state);
}
