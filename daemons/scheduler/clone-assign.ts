/**
 * Clone assignment (pcmk__clone_allocate): instance ordering, pre-assignment of active
 * instances to their current nodes, per-node limits, then promotion (promotable clones).
 */
import { addThisWith, addWithThis, hasInfluence } from "./colocation.js";
import { addColocatedNodeScores } from "./merge.js";
import { INFINITY, addScores, compareNatural } from "./score.js";
import { isAvailable, type ResourceState, type Working } from "./working.js";
import { assignResource, printScores, sortedAllowedNodes, unassign } from "./assign.js";
import { addPromotionScores, setInstanceRoles } from "./promotable.js";

function instanceNumber(state: ResourceState): number {
  const match = /:(\d+)$/.exec(state.id);
  return match === null ? 0 : Number(match[1]);
}

function currentNode(state: ResourceState): string | undefined {
  return state.runningOn[0];
}

function compareInstances(
  working: Working,
  clone: ResourceState,
  counts: ReadonlyMap<string, number>,
) {
  return (a: ResourceState, b: ResourceState): number => {
    const activeA = a.runningOn.length;
    const activeB = b.runningOn.length;
    if (activeA > 0 && activeB > 0 && activeA !== activeB) return activeA - activeB;
    const allowedA = nodeAllowed(a);
    const allowedB = nodeAllowed(b);
    if (allowedA !== allowedB) return allowedA ? -1 : 1;
    const priorityA = instancePriority(a);
    const priorityB = instancePriority(b);
    if (priorityA !== priorityB) return priorityB - priorityA;
    const nodeA = currentNode(a);
    const nodeB = currentNode(b);
    if (nodeA === undefined && nodeB === undefined) return instanceNumber(a) - instanceNumber(b);
    if (nodeA === undefined) return 1;
    if (nodeB === undefined) return -1;
    const canA = isAvailable(working.model.nodeByName.get(nodeA));
    const canB = isAvailable(working.model.nodeByName.get(nodeB));
    if (canA !== canB) return canA ? -1 : 1;
    const topA = clone.allowed.has(nodeA);
    const topB = clone.allowed.has(nodeB);
    if (topA !== topB) return topA ? -1 : 1;
    const countDifference = (counts.get(nodeA) ?? 0) - (counts.get(nodeB) ?? 0);
    if (countDifference !== 0) return countDifference;
    if (a.failed !== b.failed) return a.failed ? 1 : -1;
    const scoreA = clone.allowed.get(nodeA) ?? 0;
    const scoreB = clone.allowed.get(nodeB) ?? 0;
    if (scoreA !== scoreB) return scoreB - scoreA;
    return instanceNumber(a) - instanceNumber(b);
  };
}

/** Configured priority, raised to the promotion score for promotable instances. */
function instancePriority(state: ResourceState): number {
  return state.parent?.resource.kind === "clone" && state.parent.resource.promotable
    ? Math.max(state.priority, state.promotionPriority)
    : state.priority;
}

function nodeAllowed(state: ResourceState): boolean {
  const node = currentNode(state);
  if (node === undefined) return true;
  const score = state.allowed.get(node);
  return score !== undefined && score >= 0;
}

function setScoreTree(state: ResourceState, node: string, score: number): void {
  for (const child of state.children) setScoreTree(child, node, score);
  const current = state.allowed.get(node);
  if (current !== undefined) state.allowed.set(node, addScores(current, score));
}

function limitInstance(
  working: Working,
  clone: ResourceState,
  instance: ResourceState,
  counts: Map<string, number>,
  limit: number,
): void {
  for (const node of [...instance.allowed.keys()]) {
    const top = clone.allowed.get(node);
    if (!isAvailable(working.model.nodeByName.get(node)) || instance.orphan || top === undefined) {
      setScoreTree(instance, node, -INFINITY);
    } else if (top < 0) {
      setScoreTree(instance, node, top);
    } else if ((counts.get(node) ?? 0) >= limit) {
      setScoreTree(instance, node, -INFINITY);
    }
  }
}

function appendParentColocations(
  clone: ResourceState,
  instance: ResourceState,
  all: boolean,
): void {
  for (const colocation of clone.thisWith) {
    if (all || colocation.score < 0 || colocation.score === INFINITY)
      addThisWith(instance, colocation);
  }
  for (const colocation of clone.withThis) {
    if (!hasInfluence(colocation, instance)) continue;
    if (all || colocation.score < 0) addWithThis(instance, colocation);
  }
}

interface Distribution {
  readonly counts: Map<string, number>;
  readonly all: boolean;
  readonly limit: number;
}

function assignInstance(
  working: Working,
  clone: ResourceState,
  instance: ResourceState,
  prefer: string | undefined,
  distribution: Distribution,
): string | undefined {
  if (!instance.provisional) return instance.assignedTo ?? instance.children[0]?.assignedTo;
  if (instance.allocating) return undefined;
  appendParentColocations(clone, instance, distribution.all);
  if (prefer !== undefined) {
    const score = instance.allowed.get(prefer);
    if (score === undefined || score < 0) return undefined;
  }
  limitInstance(working, clone, instance, distribution.counts, distribution.limit);
  const backup = new Map(instance.allowed);
  let chosen = assignResource(working, instance, prefer);
  if (chosen !== undefined && prefer !== undefined && chosen !== prefer) {
    instance.allowed = backup;
    unassign(working, instance);
    markProvisional(instance);
    chosen = undefined;
  }
  if (chosen !== undefined)
    distribution.counts.set(chosen, (distribution.counts.get(chosen) ?? 0) + 1);
  return chosen;
}

function markProvisional(state: ResourceState): void {
  state.provisional = true;
  state.nextRole = "Unknown";
  for (const child of state.children) markProvisional(child);
}

function distribute(working: Working, clone: ResourceState, max: number, perNode: number): void {
  const counts = new Map<string, number>();
  const available = [...clone.allowed.keys()].filter((node) =>
    isAvailable(working.model.nodeByName.get(node)),
  ).length;
  const distribution: Distribution = { counts, all: max < available, limit: perNode };
  const optimal = Math.max(1, available > 0 ? Math.floor(max / available) : 1);
  let allocated = 0;
  for (const instance of clone.children) {
    if (allocated >= max) break;
    const node = currentNode(instance);
    if (node === undefined || !instance.provisional || instance.failed) continue;
    const score = clone.allowed.get(node);
    if (!isAvailable(working.model.nodeByName.get(node)) || (score !== undefined && score < 0))
      continue;
    if (score !== undefined && (counts.get(node) ?? 0) >= optimal) continue;
    if (assignInstance(working, clone, instance, node, distribution) !== undefined) allocated++;
  }
  for (const instance of clone.children) {
    if (!instance.provisional) continue;
    if (allocated >= max) {
      for (const node of working.nodes) setScoreTree(instance, node.name, -INFINITY);
      banInstance(working, instance);
      continue;
    }
    if (assignInstance(working, clone, instance, undefined, distribution) !== undefined)
      allocated++;
  }
}

function banInstance(working: Working, instance: ResourceState): void {
  for (const node of working.nodes) instance.allowed.set(node.name, -INFINITY);
  for (const child of instance.children) banInstance(working, child);
}

export function assignClone(
  working: Working,
  clone: ResourceState,
  prefer: string | undefined,
): string | undefined {
  void prefer;
  if (!clone.provisional || clone.allocating) return undefined;
  if (clone.resource.kind !== "clone") return undefined;
  if (clone.resource.promotable) addPromotionScores(working, clone);
  clone.allocating = true;
  for (const colocation of clone.thisWith) assignResource(working, colocation.primary);
  for (const colocation of [...clone.withThis]) {
    if (!hasInfluence(colocation)) continue;
    const merged = addColocatedNodeScores(working, colocation.dependent, clone.allowed, {
      attribute: colocation.nodeAttribute,
      factor: colocation.score / INFINITY,
      flags: { thisWith: false, active: true, nonnegative: true },
    });
    if (merged !== undefined) clone.allowed = merged;
  }
  printScores(working, "pcmk__clone_allocate", clone, true);
  const counts = new Map<string, number>();
  clone.children.sort(compareInstances(working, clone, counts));
  distribute(working, clone, clone.resource.cloneMax, clone.resource.cloneNodeMax);
  if (clone.resource.promotable) setInstanceRoles(working, clone);
  clone.allocating = false;
  clone.provisional = false;
  return undefined;
}

export function sortedCloneNodes(working: Working, clone: ResourceState): string[] {
  return sortedAllowedNodes(working, clone).sort(compareNatural);
}
