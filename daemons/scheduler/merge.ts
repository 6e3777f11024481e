/**
 * Attenuated node-score merging along colocation chains (pcmk__add_colocated_node_scores):
 * how dependents' preferences flow into a primary's scores, scaled by score/INFINITY.
 */
import { anyNodeAvailable, hasInfluence, nodeAttribute, unusableScore } from "./colocation.js";
import { INFINITY, addScores } from "./score.js";
import { isAvailable, type ResourceState, type Working } from "./working.js";
import { lastMember } from "./tree.js";

export interface MergeFlags {
  readonly thisWith: boolean;
  readonly active: boolean;
  readonly nonnegative: boolean;
}

function bestMatchingScore(
  working: Working,
  state: ResourceState,
  attribute: string,
  value: string | undefined,
): number {
  let best = -INFINITY;
  for (const [name, score] of state.allowed) {
    if (
      score > best &&
      isAvailable(working.model.nodeByName.get(name)) &&
      nodeAttribute(working, name, attribute) === value
    ) {
      best = score;
    }
  }
  return best;
}

function roundScore(value: number): number {
  return Math.trunc(value < 0 ? value - 0.5 : value + 0.5);
}

function addMatchingScores(
  working: Working,
  table: Map<string, number>,
  state: ResourceState,
  spec: { attribute: string; factor: number; onlyPositive: boolean },
): void {
  for (const [name, current] of table) {
    const score = bestMatchingScore(
      working,
      state,
      spec.attribute,
      nodeAttribute(working, name, spec.attribute),
    );
    if (spec.factor < 0 && score < 0) continue;
    if (current === unusableScore) continue;
    let weight = roundScore(spec.factor * score);
    if (weight === 0 && score !== 0) weight = spec.factor > 0 ? 1 : spec.factor < 0 ? -1 : 0;
    const updated = addScores(weight, current);
    if (spec.onlyPositive && updated < 0 && current > 0) {
      table.set(name, unusableScore);
      continue;
    }
    if (spec.onlyPositive && updated < 0 && current === 0) continue;
    table.set(name, updated);
  }
}

/** Returns the merged table, or undefined to keep `table` unchanged. */
export function addColocatedNodeScores(
  working: Working,
  state: ResourceState,
  table: Map<string, number> | undefined,
  spec: { attribute: string; factor: number; flags: MergeFlags },
): Map<string, number> | undefined {
  if (state.merging) return undefined;
  state.merging = true;
  try {
    return mergeInto(working, state, table, spec);
  } finally {
    state.merging = false;
  }
}

function initialWork(
  working: Working,
  state: ResourceState,
  table: Map<string, number> | undefined,
  spec: { attribute: string; factor: number; flags: MergeFlags },
): Map<string, number> | undefined {
  if (state.resource.kind === "group") {
    const member = table === undefined ? lastMember(state) : state.children[0];
    if (member === undefined) return undefined;
    const copy = table === undefined ? undefined : new Map(table);
    return addColocatedNodeScores(working, member, copy, spec) ?? copy;
  }
  if (table === undefined) return new Map(state.allowed);
  const work = new Map(table);
  addMatchingScores(working, work, state, {
    attribute: spec.attribute,
    factor: spec.factor,
    onlyPositive: spec.flags.nonnegative,
  });
  return work;
}

function mergeInto(
  working: Working,
  state: ResourceState,
  table: Map<string, number> | undefined,
  spec: { attribute: string; factor: number; flags: MergeFlags },
): Map<string, number> | undefined {
  let work = initialWork(working, state, table, spec);
  if (work === undefined) return undefined;
  if (anyNodeAvailable(working, work)) {
    const multiplier = spec.factor < 0 ? -1 : 1;
    const list = spec.flags.thisWith
      ? state.thisWith
      : state.resource.kind === "group"
        ? (lastMember(state)?.withThis ?? [])
        : state.withThis;
    for (const colocation of [...list]) {
      let other: ResourceState;
      if (spec.flags.thisWith) other = colocation.primary;
      else if (!hasInfluence(colocation)) continue;
      else other = colocation.dependent;
      const factor = (multiplier * colocation.score) / INFINITY;
      const merged = addColocatedNodeScores(working, other, work, {
        attribute: colocation.nodeAttribute,
        factor,
        flags: { ...spec.flags, active: true },
      });
      if (merged !== undefined) work = merged;
    }
  } else if (spec.flags.active) {
    return undefined;
  }
  if (spec.flags.nonnegative) {
    for (const [name, score] of work) if (score === unusableScore) work.set(name, 1);
  }
  return work;
}
