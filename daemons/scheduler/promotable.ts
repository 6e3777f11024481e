/**
 * Promotable clones: promotion scores from node attributes (`master-NAME`), role-limited
 * locations, and the choice of which instances become Promoted (pcmk_sched_promotable.c).
 */
import type { Role } from "./model.js";
import { INFINITY, addScores, compareNatural, formatScore, parseScore } from "./score.js";
import { isAvailable, primitiveStates, type ResourceState, type Working } from "./working.js";
import { evaluateRule } from "./rules.js";
import { applyColocationToPriority } from "./colocation.js";

const roleRank: Record<Role, number> = {
  Unknown: 0,
  Stopped: 1,
  Started: 2,
  Unpromoted: 3,
  Promoted: 4,
};

function promotionNames(clone: ResourceState, primitive: ResourceState): string[] {
  const model = primitive.resource.kind === "primitive" ? primitive.resource : undefined;
  if (model === undefined) return [primitive.id];
  const unique = clone.resource.kind === "clone" && clone.resource.globallyUnique;
  const names = model.historyName === undefined ? [primitive.id] : [model.historyName, primitive.id];
  if (!unique) names.push(model.baseId);
  return names;
}

/** The instance's promotion score on a node, or undefined when no attribute is set. */
export function promotionScore(
  working: Working,
  clone: ResourceState,
  instance: ResourceState,
  nodeName: string,
): number | undefined {
  const node = working.model.nodeByName.get(nodeName);
  if (node === undefined) return undefined;
  let total: number | undefined;
  for (const primitive of primitiveStates(instance)) {
    const active = primitive.runningOn.length > 0;
    if (active && !primitive.runningOn.includes(nodeName)) continue;
    const value = promotionNames(clone, primitive)
      .map((name) => node.attributes.get(`master-${name}`))
      .find((candidate) => candidate !== undefined);
    if (value === undefined) continue;
    total = addScores(total ?? 0, parseScore(value));
  }
  return total;
}

export function addPromotionScores(working: Working, clone: ResourceState): void {
  for (const instance of clone.children) {
    for (const [node, weight] of instance.allowed) {
      if (!isAvailable(working.model.nodeByName.get(node)) || weight < 0) continue;
      const score = promotionScore(working, clone, instance, node);
      if (score !== undefined && score > 0) instance.allowed.set(node, addScores(weight, score));
    }
  }
}

function roleLocationScore(
  working: Working,
  clone: ResourceState,
  instance: ResourceState,
  nodeName: string,
): number {
  let total = 0;
  const node = working.model.nodeByName.get(nodeName);
  if (node === undefined) return 0;
  for (const location of working.model.locations) {
    if (location.role !== "Promoted") continue;
    if (location.resourceId !== clone.id && location.resourceId !== instance.id) continue;
    if (location.rules.length === 0) {
      if (location.node === nodeName) total = addScores(total, location.score);
      continue;
    }
    const rule = location.rules[0];
    if (
      rule === undefined ||
      !evaluateRule(rule, { attributes: node.attributes, now: working.model.now })
    )
      continue;
    const attribute = rule.attributes["score-attribute"];
    const score =
      rule.attributes["score"] !== undefined
        ? parseScore(rule.attributes["score"])
        : attribute === undefined
          ? 0
          : parseScore(node.attributes.get(attribute), -INFINITY);
    total = addScores(total, score);
  }
  return total;
}

function fixedRole(instance: ResourceState): Role {
  const value = instance.resource.meta.get("target-role")?.toLowerCase();
  if (value === "stopped") return "Stopped";
  if (value === "slave" || value === "unpromoted") return "Unpromoted";
  return "Unknown";
}

function setNextRoleTree(state: ResourceState, role: Role): void {
  state.nextRole = role;
  for (const child of state.children) setNextRoleTree(child, role);
}

function instanceNode(instance: ResourceState): string | undefined {
  return instance.assignedTo ?? primitiveStates(instance)[0]?.assignedTo;
}

function computePriorities(working: Working, clone: ResourceState): void {
  for (const instance of clone.children) {
    const node = instanceNode(instance);
    if (node === undefined) {
      instance.promotionPriority = 0;
      continue;
    }
    const score = promotionScore(working, clone, instance, node);
    let priority = score ?? -1;
    priority = addScores(priority, roleLocationScore(working, clone, instance, node));
    const fixed = fixedRole(instance);
    if (fixed === "Unpromoted" || fixed === "Stopped") priority = -INFINITY;
    instance.promotionPriority = priority;
  }
  for (const colocation of clone.thisWith) {
    if (colocation.dependentRole !== "Promoted") continue;
    for (const instance of clone.children)
      applyColocationToPriority(working, instance, colocation.primary, colocation);
  }
}

export function setInstanceRoles(working: Working, clone: ResourceState): void {
  if (clone.resource.kind !== "clone") return;
  computePriorities(working, clone);
  const order = new Map(clone.children.map((instance, index) => [instance, index]));
  const sorted = [...clone.children].sort(
    (a, b) =>
      b.promotionPriority - a.promotionPriority ||
      roleRank[b.role] - roleRank[a.role] ||
      (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
  const promotedPerNode = new Map<string, number>();
  let promoted = 0;
  const freeze = !working.model.haveQuorum && working.model.options.noQuorumPolicy === "freeze";
  for (const instance of sorted) {
    const node = instanceNode(instance);
    if (node === undefined) {
      setNextRoleTree(instance, "Stopped");
      continue;
    }
    const canPromote =
      promoted < clone.resource.promotedMax &&
      instance.promotionPriority >= 0 &&
      isAvailable(working.model.nodeByName.get(node)) &&
      (promotedPerNode.get(node) ?? 0) < clone.resource.promotedNodeMax &&
      !(freeze && instance.role !== "Promoted");
    if (canPromote) {
      promoted++;
      promotedPerNode.set(node, (promotedPerNode.get(node) ?? 0) + 1);
      setNextRoleTree(instance, "Promoted");
    } else {
      setNextRoleTree(instance, "Unpromoted");
    }
  }
  for (const instance of clone.children.slice().sort((a, b) => compareNatural(a.id, b.id))) {
    const node = instanceNode(instance);
    const score = formatScore(instance.promotionPriority);
    working.scores.push(`${instance.id} promotion score on ${node ?? "none"}: ${score}`);
  }
}
