/**
 * Colocation: the per-resource "this with" / "with this" lists, and applying a colocation
 * to the dependent's node scores once the primary is assigned (pcmk_sched_colocation.c).
 */
import type { Role } from "./model.js";
import { booleanOption } from "./nvpairs.js";
import { INFINITY, addScores, compareBytes } from "./score.js";
import { isAvailable, type Colocation, type ResourceState, type Working } from "./working.js";
import { isPromotableClone, lastMember, variantRank } from "./tree.js";
import { applyWithClonePrimary } from "./clone-colocation.js";

/** Sentinel score marking a node unusable during a merge (INFINITY × -100). */
export const unusableScore = INFINITY * -100;

const roleRank: Record<Role, number> = {
  Unknown: 0,
  Stopped: 1,
  Started: 2,
  Unpromoted: 3,
  Promoted: 4,
};

function comparePriority(a: ResourceState, b: ResourceState): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const variant = variantRank(b) - variantRank(a);
  if (variant !== 0) return variant;
  if (a.resource.kind === "clone" && b.resource.kind === "clone") {
    const promotable = Number(isPromotableClone(b)) - Number(isPromotableClone(a));
    if (promotable !== 0) return promotable;
  }
  return compareBytes(a.id, b.id);
}

function insertSorted(
  list: Colocation[],
  item: Colocation,
  compare: (a: Colocation, b: Colocation) => number,
): void {
  let index = list.length;
  while (index > 0) {
    const previous = list[index - 1];
    if (previous === undefined || compare(previous, item) <= 0) break;
    index--;
  }
  list.splice(index, 0, item);
}

export function addThisWith(state: ResourceState, colocation: Colocation): void {
  insertSorted(state.thisWith, colocation, (a, b) => comparePriority(a.primary, b.primary));
}

export function addWithThis(state: ResourceState, colocation: Colocation): void {
  insertSorted(state.withThis, colocation, (a, b) => comparePriority(a.dependent, b.dependent));
}

export function newColocation(
  working: Working,
  spec: {
    id: string;
    dependent: ResourceState;
    primary: ResourceState;
    score: number;
    dependentRole?: Role | undefined;
    primaryRole?: Role | undefined;
    nodeAttribute?: string;
    influence?: boolean | undefined;
  },
): Colocation | undefined {
  if (spec.score === 0) return undefined;
  const normalize = (role: Role | undefined): Role =>
    role === undefined || role === "Started" ? "Unknown" : role;
  const colocation: Colocation = {
    id: spec.id,
    dependent: spec.dependent,
    primary: spec.primary,
    score: spec.score,
    dependentRole: normalize(spec.dependentRole),
    primaryRole: normalize(spec.primaryRole),
    nodeAttribute: spec.nodeAttribute ?? "#uname",
    influence: spec.influence ?? booleanOption(spec.dependent.resource.meta.get("critical"), true),
  };
  addThisWith(spec.dependent, colocation);
  addWithThis(spec.primary, colocation);
  working.colocations.push(colocation);
  return colocation;
}

export function unpackColocations(working: Working): void {
  for (const constraint of working.model.colocations) {
    const dependent = working.states.get(constraint.dependent);
    const primary = working.states.get(constraint.primary);
    if (dependent === undefined || primary === undefined) continue;
    newColocation(working, {
      id: constraint.id,
      dependent,
      primary,
      score: constraint.score,
      dependentRole: constraint.dependentRole,
      primaryRole: constraint.primaryRole,
      nodeAttribute: constraint.nodeAttribute,
      influence: constraint.influence,
    });
  }
}

export function hasInfluence(colocation: Colocation, primary?: ResourceState): boolean {
  const resource = primary ?? colocation.primary;
  return colocation.influence || resource.runningOn.length === 0;
}

export type ColocationEffect = "nothing" | "location" | "role";

export function colocationAffects(
  dependent: ResourceState,
  primary: ResourceState,
  colocation: Colocation,
  preview: boolean,
): ColocationEffect {
  if (!preview && primary.provisional) return "nothing";
  if (
    roleRank[colocation.dependentRole] >= roleRank.Unpromoted &&
    isPromotableClone(dependent.parent) &&
    !dependent.provisional
  ) {
    return "role";
  }
  if (!preview && !dependent.provisional) return "nothing";
  if (
    colocation.score > 0 &&
    colocation.dependentRole !== "Unknown" &&
    colocation.dependentRole !== dependent.nextRole
  )
    return "nothing";
  if (
    colocation.score > 0 &&
    colocation.primaryRole !== "Unknown" &&
    colocation.primaryRole !== primary.nextRole
  )
    return "nothing";
  if (
    colocation.score < 0 &&
    colocation.dependentRole !== "Unknown" &&
    colocation.dependentRole === dependent.nextRole
  )
    return "nothing";
  if (
    colocation.score < 0 &&
    colocation.primaryRole !== "Unknown" &&
    colocation.primaryRole === primary.nextRole
  )
    return "nothing";
  return "location";
}

export function nodeAttribute(
  working: Working,
  nodeName: string,
  attribute: string,
): string | undefined {
  const node = working.model.nodeByName.get(nodeName);
  if (node === undefined) return undefined;
  if (attribute === "#uname") return node.name;
  return node.attributes.get(attribute);
}

export function anyNodeAvailable(working: Working, table: ReadonlyMap<string, number>): boolean {
  for (const [name, score] of table) {
    if (score >= 0 && isAvailable(working.model.nodeByName.get(name))) return true;
  }
  return false;
}

/** pcmk__apply_coloc_to_weights. */
export function applyColocationToWeights(
  working: Working,
  dependent: ResourceState,
  primary: ResourceState,
  colocation: Colocation,
): void {
  const attribute = colocation.nodeAttribute;
  const primaryNode = primary.assignedTo;
  if (primaryNode === undefined && colocation.score < 0) return;
  const value =
    primaryNode === undefined ? undefined : nodeAttribute(working, primaryNode, attribute);
  const work = new Map(dependent.allowed);
  for (const [name, score] of work) {
    if (primaryNode === undefined) {
      work.set(name, addScores(-colocation.score, score));
    } else if (sameValue(nodeAttribute(working, name, attribute), value)) {
      if (colocation.score < INFINITY) work.set(name, addScores(colocation.score, score));
    } else if (colocation.score >= INFINITY) {
      work.set(name, addScores(-colocation.score, score));
    }
  }
  if (
    colocation.score <= -INFINITY ||
    colocation.score >= INFINITY ||
    anyNodeAvailable(working, work)
  ) {
    dependent.allowed = work;
  }
}

function sameValue(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.toLowerCase() === b.toLowerCase();
}

/** Applies a colocation on behalf of the dependent (rsc->cmds->apply_coloc_score). */
export function applyColocationScore(
  working: Working,
  dependent: ResourceState,
  primary: ResourceState,
  colocation: Colocation,
): void {
  if (dependent.resource.kind === "group") {
    const members = dependent.children;
    if (members.length === 0) return;
    const first = members[0];
    if (first !== undefined) applyColocationScore(working, first, primary, colocation);
    return;
  }
  if (dependent.resource.kind === "clone") {
    applyCloneDependentColocation(working, dependent, primary, colocation);
    return;
  }
  applyWithPrimary(working, dependent, primary, colocation);
}

/** Primary-side dispatch for a primitive dependent. */
export function applyWithPrimary(
  working: Working,
  dependent: ResourceState,
  primary: ResourceState,
  colocation: Colocation,
): void {
  if (primary.resource.kind === "group") {
    if (primary.provisional) return;
    const member = colocation.score >= INFINITY ? lastMember(primary) : primary.children[0];
    if (member !== undefined) applyWithPrimary(working, dependent, member, colocation);
    return;
  }
  if (primary.resource.kind === "clone") {
    applyWithClonePrimary(working, dependent, primary, colocation);
    return;
  }
  const effect = colocationAffects(dependent, primary, colocation, false);
  if (effect === "location") applyColocationToWeights(working, dependent, primary, colocation);
  else if (effect === "role") applyColocationToPriority(working, dependent, primary, colocation);
}

/** pcmk__apply_coloc_to_priority: role colocations adjust a promotable instance's priority. */
export function applyColocationToPriority(
  working: Working,
  dependent: ResourceState,
  primary: ResourceState,
  colocation: Colocation,
): void {
  const primaryNode = primary.assignedTo;
  const dependentNode = dependent.assignedTo;
  if (primaryNode === undefined || dependentNode === undefined) return;
  const attribute = colocation.nodeAttribute;
  const same = sameValue(
    nodeAttribute(working, primaryNode, attribute),
    nodeAttribute(working, dependentNode, attribute),
  );
  if (!same) {
    if (colocation.score >= INFINITY && colocation.dependentRole === "Promoted") {
      dependent.promotionPriority = -INFINITY;
    }
    return;
  }
  if (colocation.primaryRole !== "Unknown" && colocation.primaryRole !== primary.nextRole) return;
  const multiplier = colocation.dependentRole === "Unpromoted" ? -1 : 1;
  dependent.promotionPriority = addScores(multiplier * colocation.score, dependent.promotionPriority);
}

function applyCloneDependentColocation(
  working: Working,
  dependent: ResourceState,
  primary: ResourceState,
  colocation: Colocation,
): void {
  for (const instance of dependent.children)
    applyColocationScore(working, instance, primary, colocation);
}
