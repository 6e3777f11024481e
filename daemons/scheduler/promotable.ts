/**
 * Promotable clones: promotion scores from node attributes (`master-NAME`), role-limited
 * locations, and the choice of which instances become Promoted (pcmk_sched_promotable.c).
 */
import type { Role } from "./model.js";
import { INFINITY, addScores, formatScore, parseScore } from "./score.js";
import { lacksPromotionTicket } from "./tickets.js";
import { isAvailable, primitiveStates, type ResourceState, type Working } from "./working.js";
import { evaluateRule } from "./rules.js";
import { applyColocationScore, hasInfluence } from "./colocation.js";
import { addColocatedNodeScores } from "./merge.js";

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
    instance.promotionPriority = instance.priority;
    for (const [node, weight] of instance.allowed) {
      if (!isAvailable(working.model.nodeByName.get(node))) continue;
      const score = promotionScore(working, clone, instance, node) ?? 0;
      if (score > 0) instance.allowed.set(node, addScores(weight, score));
      if (score > instance.promotionPriority) instance.promotionPriority = score;
    }
  }
}

function roleLocationScore(working: Working, clone: ResourceState, instance: ResourceState, nodeName: string): number {
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
    if (rule === undefined || !evaluateRule(rule, { attributes: node.attributes, now: working.model.now, recheck: working.model.recheck })) continue;
    const attribute = rule.attributes["score-attribute"];
    const score = rule.attributes["score"] !== undefined ? parseScore(rule.attributes["score"])
      : attribute === undefined ? 0 : parseScore(node.attributes.get(attribute), -INFINITY);
    total = addScores(total, score);
  }
  return total;
}

function setNextRoleTree(state: ResourceState, role: Role): void {
  state.nextRole = role;
  for (const child of state.children) setNextRoleTree(child, role);
}

function instanceNode(instance: ResourceState): string | undefined {
  return instance.assignedTo ?? primitiveStates(instance)[0]?.assignedTo;
}

const roleOrder: readonly Role[] = ["Unknown", "Stopped", "Started", "Unpromoted", "Promoted"];

/** A resource's next role; a cloned group's is its members' highest (group_resource_state). */
function nextRoleOf(state: ResourceState): Role {
  if (state.resource.kind !== "group") return state.nextRole;
  let role: Role = "Unknown";
  for (const member of state.children) {
    const memberRole = nextRoleOf(member);
    if (roleOrder.indexOf(memberRole) > roleOrder.indexOf(role)) role = memberRole;
  }
  return role;
}

/** set_instance_priority: promotion score, promoted-role locations and role colocations. */
function setInstancePriority(working: Working, clone: ResourceState, instance: ResourceState, sortIndex: Map<ResourceState, number>): void {
  const node = instanceNode(instance);
  if (node === undefined) return;
  const next = nextRoleOf(instance);
  if (next === "Started" || next === "Unknown") {
    instance.promotionPriority = promotionScore(working, clone, instance, node) ?? -1;
  } else if (next === "Unpromoted" || next === "Stopped") {
    instance.promotionPriority = -INFINITY;
  }
  instance.promotionPriority = addScores(instance.promotionPriority, roleLocationScore(working, clone, instance, node));
  for (const colocation of [...instance.thisWith]) {
    applyColocationScore(working, instance, colocation.primary, colocation);
  }
  sortIndex.set(instance, next === "Promoted" ? INFINITY : instance.promotionPriority);
}

/** sort_promotable_instances: merge sort indexes and role colocations into the clone's scores. */
function mergePromotionScores(working: Working, clone: ResourceState, sortIndex: Map<ResourceState, number>): void {
  for (const instance of clone.children) {
    const index = sortIndex.get(instance) ?? 0;
    const node = instanceNode(instance);
    if (index < 0 || node === undefined) continue;
    clone.allowed.set(node, addScores(index, clone.allowed.get(node) ?? 0));
  }
  for (const colocation of clone.thisWith) {
    if (colocation.dependentRole !== "Promoted") continue;
    const merged = addColocatedNodeScores(working, colocation.primary, clone.allowed, {
      attribute: colocation.nodeAttribute, factor: colocation.score / INFINITY,
      flags: { thisWith: false, active: colocation.score < INFINITY, nonnegative: false },
    });
    if (merged !== undefined) clone.allowed = merged;
  }
  for (const colocation of clone.withThis) {
    if (colocation.primaryRole !== "Promoted" || !hasInfluence(colocation)) continue;
    const merged = addColocatedNodeScores(working, colocation.dependent, clone.allowed, {
      attribute: colocation.nodeAttribute, factor: colocation.score / INFINITY,
      flags: { thisWith: false, active: true, nonnegative: true },
    });
    if (merged !== undefined) clone.allowed = merged;
  }
  if (lacksPromotionTicket(working, clone)) {
    for (const node of clone.allowed.keys()) clone.allowed.set(node, -INFINITY);
  }
  for (const instance of clone.children) {
    const node = instanceNode(instance);
    const index = sortIndex.get(instance) ?? 0;
    if (!instance.managed && instance.nextRole === "Promoted") sortIndex.set(instance, INFINITY);
    else if (node !== undefined && index >= 0) sortIndex.set(instance, clone.allowed.get(node) ?? 0);
  }
}

function canBePromotedOn(working: Working, clone: ResourceState, instance: ResourceState, counts: Map<string, number>): string | undefined {
  const node = instanceNode(instance);
  if (node === undefined || clone.resource.kind !== "clone") return undefined;
  if (!instance.managed) {
    if (instance.role !== "Promoted") return undefined;
  } else if (instance.promotionPriority < 0 || !isAvailable(working.model.nodeByName.get(node))) {
    return undefined;
  }
  if (!clone.allowed.has(node)) return undefined;
  if ((counts.get(node) ?? 0) >= clone.resource.promotedNodeMax && instance.managed) return undefined;
  return node;
}

export function setInstanceRoles(working: Working, clone: ResourceState): void {
  if (clone.resource.kind !== "clone") return;
  const sortIndex = new Map<ResourceState, number>();
  for (const instance of clone.children) setInstancePriority(working, clone, instance, sortIndex);
  mergePromotionScores(working, clone, sortIndex);
  const order = new Map(clone.children.map((instance, index) => [instance, index]));
  clone.children.sort((a, b) =>
    (sortIndex.get(b) ?? 0) - (sortIndex.get(a) ?? 0) ||
    roleRank[b.role] - roleRank[a.role] ||
    b.promotionPriority - a.promotionPriority ||
    (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const counts = new Map<string, number>();
  let promoted = 0;
  const freeze = !working.model.haveQuorum && working.model.options.noQuorumPolicy === "freeze";
  for (const instance of clone.children) {
    const index = sortIndex.get(instance) ?? 0;
    working.scores.push(`${instance.id} promotion score on ${instanceNode(instance) ?? "none"}: ${formatScore(index)}`);
    const node = index < 0 || promoted >= clone.resource.promotedMax ? undefined : canBePromotedOn(working, clone, instance, counts);
    if (node === undefined || (freeze && instance.role !== "Promoted")) {
      if (instanceNode(instance) !== undefined) setNextRoleTree(instance, "Unpromoted");
      continue;
    }
    counts.set(node, (counts.get(node) ?? 0) + 1);
    promoted++;
    setNextRoleTree(instance, "Promoted");
  }
}
