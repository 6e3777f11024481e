/** placement-strategy: node capacity checks and consumption (pcmk_sched_utilization.c). */
import { INFINITY } from "./score.js";
import { isAvailable, primitiveStates, type ResourceState, type Working } from "./working.js";
import { colocationAffects } from "./colocation.js";

function requiredUtilization(state: ResourceState): ReadonlyMap<string, number> {
  return state.resource.kind === "primitive" ? state.resource.utilization : new Map();
}

export function consumeCapacity(
  working: Working,
  node: string,
  state: ResourceState,
  sign = 1,
): void {
  if (working.model.options.placementStrategy === "default") return;
  const capacity = working.capacity.get(node);
  if (capacity === undefined) return;
  for (const [name, value] of requiredUtilization(state)) {
    capacity.set(name, (capacity.get(name) ?? 0) - sign * value);
  }
}

function hasCapacity(
  working: Working,
  node: string,
  required: ReadonlyMap<string, number>,
): boolean {
  const capacity = working.capacity.get(node);
  for (const [name, value] of required) {
    if ((capacity?.get(name) ?? 0) < value) return false;
  }
  return true;
}

function colocatedResources(state: ResourceState, origin: ResourceState, into: ResourceState[]): ResourceState[] {
  if (into.includes(state)) return into;
  into.push(state);
  for (const colocation of state.thisWith) {
    if (colocation.primary === origin || colocation.score < INFINITY) continue;
    if (colocationAffects(state, colocation.primary, colocation, true) !== "location") continue;
    colocatedResources(colocation.primary, origin, into);
  }
  for (const colocation of state.withThis) {
    const dependent = colocation.dependent;
    if (dependent === origin || colocation.score < INFINITY) continue;
    if (state.resource.kind === "clone" && dependent.resource.kind !== "clone") continue;
    if (colocationAffects(dependent, state, colocation, true) !== "location") continue;
    colocatedResources(dependent, origin, into);
  }
  return into;
}

function unassignedUtilization(states: readonly ResourceState[]): Map<string, number> {
  const total = new Map<string, number>();
  for (const state of states) {
    for (const primitive of primitiveStates(state)) {
      if (!primitive.provisional) continue;
      for (const [name, value] of requiredUtilization(primitive)) total.set(name, (total.get(name) ?? 0) + value);
    }
  }
  return total;
}

function usable(working: Working, state: ResourceState, node: string): boolean {
  return isAvailable(working.model.nodeByName.get(node)) && (state.allowed.get(node) ?? -INFINITY) >= 0;
}

/** Bans nodes that cannot hold the resource (and its unassigned colocated resources, if some node can). */
export function banInsufficientCapacity(working: Working, state: ResourceState): string | undefined {
  if (working.model.options.placementStrategy === "default") return undefined;
  const colocated = colocatedResources(state, state, []);
  const required = unassignedUtilization(colocated);
  let anyCapable = false;
  let mostCapable: string | undefined;
  for (const node of state.allowed.keys()) {
    if (!usable(working, state, node)) continue;
    if (hasCapacity(working, node, required)) anyCapable = true;
    if (mostCapable === undefined || compareCapacity(working, node, mostCapable) < 0) mostCapable = node;
  }
  const needed = anyCapable ? required : requiredUtilization(state);
  for (const node of [...state.allowed.keys()]) {
    if (usable(working, state, node) && !hasCapacity(working, node, needed)) state.allowed.set(node, -INFINITY);
  }
  return anyCapable ? undefined : mostCapable;
}

/** Negative when node `a` has more free capacity than `b` (balanced strategy). */
export function compareCapacity(working: Working, a: string, b: string): number {
  const first = working.capacity.get(a) ?? new Map<string, number>();
  const second = working.capacity.get(b) ?? new Map<string, number>();
  let result = 0;
  for (const [name, value] of first) {
    const other = second.get(name) ?? 0;
    if (value > other) result--;
    else if (value < other) result++;
  }
  for (const [name, value] of second) {
    if (first.has(name)) continue;
    if (value > 0) result++;
    else if (value < 0) result--;
  }
  return result;
}
