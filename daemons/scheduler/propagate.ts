/**
 * Flag propagation along orderings (pcmk__update_action_for_orderings): orderings make
 * actions required or unrunnable until nothing changes, recording the reason.
 */
import { INFINITY } from "./score.js";
import { actionFlags, memberAction, orderingFlags, originalTask, type Flags } from "./action-flags.js";
import {
  Order,
  orderActions,
  primitiveStates,
  setReason,
  type ActionState,
  type Edge,
  type ResourceState,
  type Working,
} from "./working.js";

const completion: Record<string, string> = {
  start: "running",
  stop: "stopped",
  promote: "promoted",
  demote: "demoted",
  running: "running",
  stopped: "stopped",
  promoted: "promoted",
  demoted: "demoted",
};

function clearBecause(
  action: ActionState,
  flag: "optional" | "runnable" | "migrateRunnable",
  reason: ActionState,
): void {
  if (!action[flag]) return;
  action[flag] = false;
  if (action.resource !== reason.resource) {
    const change = flag === "optional" ? "required" : "unrunnable";
    const text =
      reason.resource === undefined
        ? `${change} ${reason.task}`
        : `${change} ${reason.resource.id} ${reason.task}`;
    setReason(action, text, flag === "migrateRunnable");
  }
}

function handleAsymmetric(first: ActionState, then: ActionState): void {
  const state = then.resource;
  if (state === undefined) return;
  const role = state.role;
  if (role === "Stopped" && then.task === "stop") return;
  if (
    role !== "Stopped" &&
    role !== "Unknown" &&
    then.optional &&
    then.node !== undefined &&
    state.runningOn.length === 1 &&
    state.runningOn[0] === then.node &&
    then.task === "start"
  )
    return;
  if (!first.runnable) {
    clearBecause(then, "optional", first);
    clearBecause(then, "runnable", first);
  }
}

function handleRestart(
  first: ActionState,
  then: ActionState,
  filterOptional: boolean,
  filterRunnable: boolean,
): void {
  let reason = false;
  if (filterOptional && !then.optional) reason = true;
  if (
    filterRunnable &&
    !then.runnable &&
    then.resource?.managed === true &&
    first.resource === then.resource
  )
    reason = true;
  if (!reason) return;
  if (first.runnable) clearBecause(first, "optional", then);
  if (!then.optional) clearBecause(first, "optional", then);
  if (!then.migrateRunnable) clearBecause(first, "migrateRunnable", then);
  if (!first.optional && !first.runnable) clearBecause(then, "runnable", first);
}

interface Update {
  readonly first: ActionState;
  readonly then: ActionState;
  readonly flags: Flags;
  readonly filterOptional: boolean;
  readonly filterRunnable: boolean;
  readonly type: number;
}

const snapshot = (action: ActionState): string =>
  `${action.optional}${action.runnable}${action.migrateRunnable}${action.pseudo}`;

/** The migration-specific parts of pcmk__update_ordered_actions. */
function updateMigration(update: Update): void {
  const { first, then, flags, type } = update;
  if (type & Order.impliesFirstMigratable && update.filterOptional) {
    if (!then.migrateRunnable || !then.runnable) clearBecause(first, "runnable", then);
    if (!then.optional) clearBecause(first, "optional", then);
  }
  if (type & Order.pseudoLeft && update.filterOptional && !first.runnable) {
    clearBecause(then, "migrateRunnable", first);
    then.pseudo = false;
  }
  if (type & Order.runnableLeft && update.filterRunnable && !flags.runnable) {
    clearBecause(then, "migrateRunnable", first);
  }
}

/** pcmk__update_ordered_actions; returns [then changed, first changed]. */
function updateOrdered(update: Update, queue: ActionState[]): [boolean, boolean] {
  const { first, then, flags, type } = update;
  const thenBefore = snapshot(then);
  const firstBefore = snapshot(first);
  if (type & Order.asymmetrical) handleAsymmetric(first, then);
  if (type & Order.impliesFirst && !then.optional) {
    if (update.filterOptional && !flags.optional) clearBecause(first, "optional", then);
    if (flags.migrateRunnable && !then.migrateRunnable) clearBecause(first, "migrateRunnable", then);
  }
  if (
    type & Order.promotedImpliesFirst &&
    then.resource?.role === "Promoted" &&
    update.filterOptional &&
    !then.optional
  ) {
    clearBecause(first, "optional", then);
    if (!then.migrateRunnable) clearBecause(first, "migrateRunnable", then);
  }
  if (type & Order.runnableLeft && update.filterRunnable && then.runnable && !flags.runnable)
    clearBecause(then, "runnable", first);
  updateMigration(update);
  if (type & Order.impliesThen && update.filterOptional && then.optional && !flags.optional && !first.migrateRunnable)
    clearBecause(then, "optional", first);
  if (type & Order.restart)
    handleRestart(first, then, update.filterOptional, update.filterRunnable);
  const thenChanged = thenBefore !== snapshot(then);
  if (thenChanged && then.resource?.parent !== undefined) queue.push(then);
  return [thenChanged, firstBefore !== snapshot(first)];
}

/** Dispatches on the resource kind of `owner` (group/clone members get the update too). */
function updateForResource(
  owner: ResourceState,
  update: Update,
  node: string | undefined,
  queue: ActionState[],
): [boolean, boolean] {
  if (owner.resource.kind === "clone" && owner === update.then.resource) {
    if (canInterleave(update.first, update.then)) return updateInterleaved(update, queue);
    return updateCloneMembers(owner, update, node, queue);
  }
  const result = updateOrdered(update, queue);
  if (owner.children.length === 0 || owner !== update.then.resource) return result;
  for (const member of owner.children) {
    const found = memberAction(member, update.then.task, node);
    if (found === undefined) continue;
    const [thenChanged, firstChanged] = updateForResource(member, { ...update, then: found }, node, queue);
    result[0] ||= thenChanged;
    result[1] ||= firstChanged;
  }
  return result;
}

function updateCloneMembers(owner: ResourceState, update: Update, node: string | undefined, queue: ActionState[]): [boolean, boolean] {
  const result = updateOrdered(update, queue);
  for (const member of owner.children) {
    const found = memberAction(member, update.then.task, node);
    if (found === undefined || !actionFlags(found, node).runnable) continue;
    const [thenChanged, firstChanged] = updateForResource(member, { ...update, then: found }, node, queue);
    result[0] ||= thenChanged;
    result[1] ||= firstChanged;
    if (thenChanged) for (const after of found.after) queue.push(after.action);
  }
  return result;
}

function canInterleave(first: ActionState, then: ActionState): boolean {
  const firstOwner = first.resource;
  const thenOwner = then.resource;
  if (firstOwner === undefined || thenOwner === undefined || firstOwner === thenOwner) return false;
  if (firstOwner.resource.kind !== "clone" || thenOwner.resource.kind !== "clone") return false;
  const owner = then.task === "stop" || then.task === "demote" ? firstOwner : thenOwner;
  return owner.resource.meta.get("interleave")?.toLowerCase() === "true";
}

function instanceLocation(instance: ResourceState, current: boolean): string | undefined {
  if (current) return instance.runningOn[0];
  return instance.assignedTo ?? primitiveStates(instance)[0]?.assignedTo;
}

function compatibleInstance(thenInstance: ResourceState, firstClone: ResourceState, current: boolean, nodeOrder: (state: ResourceState) => string[]): ResourceState | undefined {
  const byNode = (node: string): ResourceState | undefined =>
    firstClone.children.find((candidate) => instanceLocation(candidate, current) === node);
  const node = instanceLocation(thenInstance, current);
  if (node !== undefined) return byNode(node);
  for (const candidate of nodeOrder(thenInstance)) {
    const found = byNode(candidate);
    if (found !== undefined) return found;
  }
  return undefined;
}

function allowedByScore(state: ResourceState): string[] {
  return [...state.allowed.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name]) => name);
}

function updateInterleaved(update: Update, queue: ActionState[]): [boolean, boolean] {
  const { first, then } = update;
  const firstClone = first.resource;
  const thenClone = then.resource;
  const result: [boolean, boolean] = [false, false];
  if (firstClone === undefined || thenClone === undefined) return result;
  const current = first.task === "stopped" || first.task === "demoted";
  const firstTask = originalTask(first.task);
  for (const thenInstance of thenClone.children) {
    const firstInstance = compatibleInstance(thenInstance, firstClone, current, allowedByScore);
    if (firstInstance === undefined) {
      if (!current && (update.type & (Order.runnableLeft | Order.impliesThen)) !== 0 && inhibitInstance(thenInstance)) result[0] = true;
      continue;
    }
    const firstAction = memberAction(firstInstance, firstTask, undefined);
    const thenAction = memberAction(thenInstance, then.task, undefined);
    if (firstAction === undefined || thenAction === undefined) continue;
    if (orderActions(firstAction, thenAction, update.type)) {
      result[0] = true;
      result[1] = true;
    }
    const [thenChanged, firstChanged] = updateForResource(thenInstance, { ...update, first: firstAction, then: thenAction, flags: actionFlags(firstAction, undefined) }, undefined, queue);
    result[0] ||= thenChanged;
    result[1] ||= firstChanged;
  }
  return result;
}

/** Unassigns a clone instance that has no compatible instance to follow (pcmk__assign_resource(NULL)). */
function inhibitInstance(instance: ResourceState): boolean {
  let changed = false;
  for (const state of [instance, ...primitiveStates(instance)]) {
    if (state.assignedTo === undefined && state.nextRole === "Stopped") continue;
    state.assignedTo = undefined;
    state.nextRole = "Stopped";
    changed = true;
    for (const action of state.actions) {
      if (action.task === "stop") action.optional = false;
      else if (action.task === "start") action.runnable = false;
    }
  }
  return changed;
}


interface EdgeUpdate {
  readonly first: ActionState;
  readonly then: ActionState;
  readonly type: number;
  readonly firstFlags: Flags;
  readonly node: string | undefined;
  readonly queue: ActionState[];
  thenChanged: boolean;
  firstChanged: boolean;
}

function merge(update: EdgeUpdate, result: [boolean, boolean]): void {
  update.thenChanged ||= result[0];
  update.firstChanged ||= result[1];
}

function viaResource(update: EdgeUpdate, owner: ResourceState | undefined, spec: { flags: Flags; filterOptional: boolean; filterRunnable: boolean; type: number }): boolean {
  if (owner === undefined) return false;
  merge(update, updateForResource(owner, { first: update.first, then: update.then, ...spec }, update.node, update.queue));
  return true;
}

function requiredFlags(update: EdgeUpdate): Flags {
  return { optional: update.firstFlags.optional, runnable: false, migrateRunnable: false };
}

function updateRequiredness(update: EdgeUpdate): void {
  const { first, then, type, firstFlags } = update;
  if (type & Order.impliesThen) {
    const handled = viaResource(update, then.resource, { flags: requiredFlags(update), filterOptional: true, filterRunnable: false, type: Order.impliesThen });
    if (!handled && !firstFlags.optional && then.optional) {
      then.optional = false;
      update.thenChanged = true;
    }
  }
  if (type & Order.restart) {
    viaResource(update, then.resource, { flags: firstFlags, filterOptional: true, filterRunnable: true, type: Order.restart });
  }
  if (type & Order.impliesFirst) {
    const handled = viaResource(update, first.resource, { flags: firstFlags, filterOptional: true, filterRunnable: false, type: Order.impliesFirst });
    if (!handled && !firstFlags.optional && first.runnable) {
      first.runnable = false;
      update.firstChanged = true;
    }
  }
  if (type & Order.promotedImpliesFirst) {
    viaResource(update, then.resource, { flags: requiredFlags(update), filterOptional: true, filterRunnable: false, type: Order.promotedImpliesFirst });
  }
}

function updateRunnability(update: EdgeUpdate): void {
  const { first, then, type, firstFlags } = update;
  if (type & Order.oneOrMore && then.resource === undefined && firstFlags.runnable) {
    then.runnableBefore++;
    if (then.runnableBefore >= then.requiredRunnableBefore && !then.runnable) {
      then.runnable = true;
      update.thenChanged = true;
    }
  }
  if (type & Order.runnableLeft) {
    const handled = viaResource(update, then.resource, { flags: firstFlags, filterOptional: false, filterRunnable: true, type: Order.runnableLeft });
    if (!handled && !firstFlags.runnable && then.runnable) {
      then.runnable = false;
      update.thenChanged = true;
    }
  }
  for (const migrationType of [Order.impliesFirstMigratable, Order.pseudoLeft]) {
    if (type & migrationType) {
      viaResource(update, then.resource, { flags: firstFlags, filterOptional: true, filterRunnable: false, type: migrationType });
    }
  }
  if (type & Order.asymmetrical) {
    viaResource(update, then.resource, { flags: firstFlags, filterOptional: false, filterRunnable: true, type: Order.asymmetrical });
  }
  if (type & Order.impliesThenPrinted && first.runnable && !firstFlags.optional) then.printAlways = true;
  if (type & Order.impliesFirstPrinted && !then.optional) first.printAlways = true;
  const blockedStop = first.resource !== undefined && !first.resource.managed && first.resource.blocked &&
    !first.runnable && first.task === "stop";
  if ((type & (Order.impliesThen | Order.impliesFirst | Order.restart)) !== 0 && blockedStop && then.runnable) {
    then.runnable = false;
    update.thenChanged = true;
  }
}

/** The node an action's ordering flags are judged on: a group's start uses the group's location. */
function orderingNode(action: ActionState): string | undefined {
  const state = action.resource;
  if (state?.resource.kind !== "group" || action.task !== "start") return action.node;
  const nodes = new Set(state.children.map((member) => member.assignedTo));
  return nodes.size === 1 ? [...nodes][0] : action.node;
}

function updateForEdge(first: ActionState, then: ActionState, edge: Edge, queue: ActionState[]): [boolean, boolean] {
  const update: EdgeUpdate = {
    first, then, type: edge.type, firstFlags: orderingFlags(first, orderingNode(then)), node: then.node, queue,
    thenChanged: false, firstChanged: false,
  };
  updateRequiredness(update);
  updateRunnability(update);
  return [update.thenChanged, update.firstChanged];
}

function isParent(child: ResourceState, candidate: ResourceState): boolean {
  for (let current = child.parent; current !== undefined; current = current.parent)
    if (current === candidate) return true;
  return false;
}

function actionForOrdering(action: ActionState): ActionState {
  const state = action.resource;
  if (state === undefined || state.children.length === 0 || action.intervalMs > 0) return action;
  const task = completion[action.task];
  if (task === undefined) return action;
  return state.actions.find((candidate) => candidate.task === task) ?? action;
}

export interface Propagation {
  readonly orderActions: (a: ActionState, b: ActionState, type: number) => boolean;
  depth: number;
  readonly deferred: ActionState[];
}

const depthMax = 2000;

function updateLater(action: ActionState, propagation: Propagation): void {
  if (propagation.depth >= depthMax) {
    propagation.deferred.push(action);
    return;
  }
  propagation.depth++;
  updateAction(action, propagation);
  propagation.depth--;
}

function updateAction(then: ActionState, propagation: Propagation): void {
  const before = snapshot(then);
  const wasRunnable = then.runnable;
  if (then.requiresAny) {
    then.runnableBefore = 0;
    if (then.requiredRunnableBefore === 0) then.requiredRunnableBefore = 1;
    then.runnable = false;
  }
  let thenChanged = false;
  let remapped = false;
  for (const edge of [...then.before]) {
    if (edge.type === Order.none) continue;
    let first = edge.action;
    if (edge.type & Order.sameNode && first.node !== undefined && then.node !== undefined && first.node !== then.node) {
      edge.type = Order.none;
      continue;
    }
    if (first.resource !== undefined && then.resource !== undefined && first.resource !== then.resource && !isParent(then.resource, first.resource)) {
      first = actionForOrdering(first);
    }
    if (first === edge.action) {
      const queue: ActionState[] = [];
      const [changedThen, changedFirst] = updateForEdge(first, then, edge, queue);
      for (const queued of queue) updateLater(queued, propagation);
      thenChanged ||= changedThen;
      if (changedFirst) {
        for (const after of [...first.after]) updateLater(after.action, propagation);
        updateLater(first, propagation);
      }
    } else {
      if (propagation.orderActions(first, then, edge.type)) {
        thenChanged = true;
        remapped = true;
      }
      edge.type = Order.none;
    }
  }
  if (then.requiresAny) thenChanged = before !== snapshot(then);
  if (thenChanged) {
    if (wasRunnable && !then.runnable) blockDependentsOf(then, propagation);
    updateLater(then, propagation);
    for (const after of [...then.after]) updateLater(after.action, propagation);
  } else if (remapped) {
    updateLater(then, propagation);
  }
}

function markBlocked(state: ResourceState, task: string, reason: ResourceState, propagation: Propagation | undefined): void {
  for (const action of [...state.actions]) {
    if (action.task !== task || !action.runnable) continue;
    action.runnable = false;
    setReason(action, `colocation with ${reason.id}`, false);
    blockDependentsOf(action, propagation);
    if (propagation !== undefined) updateLater(action, propagation);
  }
  for (const child of state.children) markBlocked(child, task, reason, propagation);
}

/** pcmk__block_colocation_dependents: an unrunnable start/promote blocks mandatory dependents. */
export function blockDependentsOf(action: ActionState, propagation: Propagation | undefined): void {
  if (action.runnable || (action.task !== "start" && action.task !== "promote") || action.resource === undefined) return;
  let top = action.resource;
  while (top.parent !== undefined) top = top.parent;
  if (top.withThis.length === 0) return;
  const reachable = top.children.some((child) => {
    const found = child.actions.find((candidate) => candidate.task === action.task);
    return found === undefined || found.runnable;
  });
  if (reachable) return;
  for (const colocation of [...top.withThis]) {
    if (colocation.score < INFINITY) continue;
    if (action.task !== "start" && colocation.primaryRole !== "Promoted") continue;
    const task = colocation.dependentRole === "Promoted" ? "promote" : "start";
    markBlocked(colocation.dependent, task, action.resource, propagation);
  }
}

export function propagateOrderings(working: Working): void {
  const propagation: Propagation = { orderActions, depth: 0, deferred: [] };
  for (const action of [...working.actions].reverse()) {
    updateAction(action, propagation);
    while (propagation.deferred.length > 0) {
      const next = propagation.deferred.pop();
      if (next !== undefined) updateAction(next, propagation);
    }
  }
}

export function membersOf(state: ResourceState): ResourceState[] {
  return primitiveStates(state);
}
