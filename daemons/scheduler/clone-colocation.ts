/** Colocations whose primary is a clone (pcmk__clone_apply_coloc_score). */
import { applyWithPrimary, nodeAttribute } from "./colocation.js";
import { INFINITY, addScores } from "./score.js";
import { primitiveStates, type Colocation, type ResourceState, type Working } from "./working.js";

function instanceNode(instance: ResourceState): string | undefined {
  return instance.assignedTo ?? primitiveStates(instance)[0]?.assignedTo;
}

function excludeOthers(dependent: ResourceState, keep: ReadonlySet<string>): void {
  for (const node of dependent.allowed.keys()) {
    if (!keep.has(node)) dependent.allowed.set(node, -INFINITY);
  }
}

function updateDependentWithPromotable(working: Working, dependent: ResourceState, primary: ResourceState, colocation: Colocation): void {
  const affected = new Map<string, number>();
  for (const instance of primary.children) {
    const node = instanceNode(instance);
    if (node === undefined || instance.nextRole !== colocation.primaryRole) continue;
    if (colocation.score < INFINITY) {
      const value = nodeAttribute(working, node, colocation.nodeAttribute);
      for (const [name, score] of dependent.allowed) {
        if (nodeAttribute(working, name, colocation.nodeAttribute) === value) {
          dependent.allowed.set(name, addScores(score, colocation.score));
        }
      }
    }
    const weight = primitiveStates(instance)[0]?.assignedWeight ?? instance.assignedWeight;
    affected.set(node, weight);
  }
  if (colocation.score < INFINITY) return;
  if (colocation.dependentRole === "Promoted" && colocation.primaryRole === "Promoted") return;
  for (const [name, score] of dependent.allowed) {
    const weight = affected.get(name);
    dependent.allowed.set(name, weight === undefined ? -INFINITY : addScores(score, weight));
  }
}

function interleaved(dependent: ResourceState, primary: ResourceState): boolean {
  const dependentClone =
    dependent.parent?.resource.kind === "clone" ? dependent.parent : dependent.parent?.parent;
  if (dependentClone?.resource.kind !== "clone" || !dependentClone.resource.interleave)
    return false;
  return dependentClone !== primary;
}

function compatibleInstance(
  working: Working,
  dependent: ResourceState,
  primary: ResourceState,
): ResourceState | undefined {
  const nodes = [...dependent.allowed.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  for (const node of nodes) {
    const instance = primary.children.find((candidate) => instanceNode(candidate) === node);
    if (instance !== undefined) return instance;
  }
  return undefined;
}

export function applyWithClonePrimary(
  working: Working,
  dependent: ResourceState,
  primary: ResourceState,
  colocation: Colocation,
): void {
  if (primary.resource.kind !== "clone") return;
  if (primary.resource.promotable) {
    if (primary.provisional) return;
    if (colocation.primaryRole !== "Unknown" && dependent.provisional) {
      updateDependentWithPromotable(working, dependent, primary, colocation);
      return;
    }
    if (colocation.primaryRole !== "Unknown" && colocation.dependentRole === "Promoted") {
      updatePromotableDependentPriority(dependent, primary, colocation);
      return;
    }
  }
  if (primary.provisional) return;
  if (interleaved(dependent, primary)) {
    const instance = compatibleInstance(working, dependent, primary);
    if (instance !== undefined) {
      applyWithPrimary(working, dependent, instance, colocation);
    } else if (colocation.score >= INFINITY) {
      for (const node of dependent.allowed.keys()) dependent.allowed.set(node, -INFINITY);
    }
    return;
  }
  if (colocation.score >= INFINITY) {
    const affected = new Set<string>();
    for (const instance of primary.children) {
      const node = instanceNode(instance);
      if (node !== undefined && !primitiveStates(instance).some((member) => member.blocked))
        affected.add(node);
    }
    excludeOthers(dependent, affected);
    return;
  }
  for (const instance of primary.children)
    applyWithPrimary(working, dependent, instance, colocation);
}

/** pcmk__update_promotable_dependent_priority: a promoted dependent follows a primary instance in a role. */
function updatePromotableDependentPriority(dependent: ResourceState, primary: ResourceState, colocation: Colocation): void {
  const node = instanceNode(dependent);
  const match = node === undefined ? undefined : primary.children.find(
    (instance) => instanceNode(instance) === node && instance.nextRole === colocation.primaryRole,
  );
  if (match !== undefined) dependent.promotionPriority = addScores(dependent.promotionPriority, colocation.score);
  else if (colocation.score >= INFINITY) dependent.promotionPriority = -INFINITY;
}
