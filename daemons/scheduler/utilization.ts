/** placement-strategy: node capacity checks and consumption (pcmk_sched_utilization.c). */
import { INFINITY } from "./score.js";
import type { ResourceState, Working } from "./working.js";

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

/** Bans nodes that cannot hold the resource; returns undefined (no preferred node). */
export function banInsufficientCapacity(
  working: Working,
  state: ResourceState,
): string | undefined {
  if (working.model.options.placementStrategy === "default") return undefined;
  const required = requiredUtilization(state);
  if (required.size === 0) return undefined;
  for (const name of state.allowed.keys()) {
    if (!hasCapacity(working, name, required)) state.allowed.set(name, -INFINITY);
  }
  return undefined;
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
