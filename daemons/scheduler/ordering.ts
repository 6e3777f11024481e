/**
 * Orderings: implicit ones (per primitive, group and clone), user `rsc_order` constraints
 * with sets and require-all, anti-colocation orderings, and resolving them into action edges.
 */
import { pseudoResourceAction, resourceAction } from "./actions.js";
import type { OrderConstraint, Role } from "./model.js";
import {
  newAction,
  operationKey,
  Order,
  orderActions,
  pushOrdering,
  uberParent,
  type ActionState,
  type ResourceState,
  type Working,
} from "./working.js";
import { isPromotableClone } from "./tree.js";
import { blockDependentsOf } from "./propagate.js";
import { newColocation } from "./colocation.js";
import { booleanOption } from "./nvpairs.js";
import { orderMigrationEquivalents } from "./migration.js";
import { createLoadOrderings } from "./load-orderings.js";

export function orderResourceActions(
  working: Working,
  first: ResourceState,
  firstTask: string,
  then: ResourceState,
  thenTask: string,
  flags: number,
): void {
  const spec = pushOrdering(
    working,
    { resource: first, key: operationKey(first.id, firstTask) },
    { resource: then, key: operationKey(then.id, thenTask) },
    flags,
  );
  orderMigrationEquivalents(working, spec);
}

export function orderWithActions(
  working: Working,
  first: ActionState,
  then: ActionState,
  flags: number,
): void {
  const spec = pushOrdering(
    working,
    { resource: first.resource, key: first.key, action: first },
    { resource: then.resource, key: then.key, action: then },
    flags,
  );
  orderMigrationEquivalents(working, spec);
}

function primitiveInternal(working: Working, state: ResourceState): void {
  if (!state.managed) return;
  orderResourceActions(
    working,
    state,
    "stop",
    state,
    "start",
    Order.optional | Order.impliesThen | Order.restart,
  );
  const rank: Record<Role, number> = {
    Unknown: 0,
    Stopped: 1,
    Started: 2,
    Unpromoted: 3,
    Promoted: 4,
  };
  if (isPromotableClone(uberParent(state)) || rank[state.role] > rank.Unpromoted) {
    orderResourceActions(working, state, "demote", state, "stop", Order.promotedImpliesFirst);
    orderResourceActions(working, state, "start", state, "promote", Order.runnableLeft);
  }
  createLoadOrderings(working, state);
}

interface MemberContext {
  readonly group: ResourceState;
  readonly promotable: boolean;
  previous: ResourceState | undefined;
  lastActive: ResourceState | undefined;
}

function groupMemberDownUp(working: Working, context: MemberContext, member: ResourceState): void {
  const { group, promotable, previous } = context;
  let downFlags: number = Order.impliesFirstPrinted;
  let postDownFlags: number = Order.impliesThenPrinted;
  if (previous === undefined) {
    downFlags |= Order.optional;
    postDownFlags = Order.impliesThen;
  }
  if (promotable) {
    orderResourceActions(working, group, "demote", member, "demote", downFlags);
    orderResourceActions(working, member, "demote", group, "demoted", postDownFlags);
    orderResourceActions(working, member, "promote", group, "promoted", Order.runnableLeft | Order.impliesThen | Order.impliesThenPrinted);
    orderResourceActions(working, group, "promote", member, "promote", Order.impliesFirstPrinted);
  }
  orderResourceActions(working, group, "stop", member, "stop", downFlags);
  orderResourceActions(working, member, "stop", group, "stopped", postDownFlags);
  orderResourceActions(working, group, "start", member, "start", Order.impliesFirstPrinted);
  orderResourceActions(working, member, "start", group, "running", Order.runnableLeft | Order.impliesThen | Order.impliesThenPrinted);
}

function groupMemberSequence(working: Working, context: MemberContext, member: ResourceState): void {
  const { group, promotable, previous } = context;
  if (previous !== undefined && booleanOption(group.resource.meta.get("collocated"), true)) {
    newColocation(working, {
      id: "group:internal_colocation", dependent: member, primary: previous, score: 1_000_000,
      influence: booleanOption(member.resource.meta.get("critical"), true),
    });
  }
  if (previous === undefined) {
    orderResourceActions(working, group, "start", member, "start", Order.none);
  } else {
    orderResourceActions(working, previous, "start", member, "start", Order.impliesThen | Order.runnableLeft);
    orderResourceActions(working, member, "stop", previous, "stop", Order.optional | Order.restart);
    if (promotable) {
      orderResourceActions(working, previous, "promote", member, "promote", Order.impliesThen | Order.runnableLeft);
      orderResourceActions(working, member, "demote", previous, "demote", Order.optional);
    }
  }
  if (member.runningOn.length > 0) {
    const lastActive = context.lastActive;
    if (previous !== undefined && previous.runningOn.length === 0 && lastActive !== undefined && lastActive.runningOn.length > 0) {
      orderResourceActions(working, member, "stop", lastActive, "stop", Order.optional);
    }
    context.lastActive = member;
  }
  context.previous = member;
}

function groupInternal(working: Working, group: ResourceState): void {
  orderResourceActions(working, group, "stop", group, "stopped", Order.runnableLeft);
  orderResourceActions(working, group, "stopped", group, "start", Order.optional);
  orderResourceActions(working, group, "start", group, "running", Order.runnableLeft);
  const context: MemberContext = {
    group, promotable: isPromotableClone(uberParent(group)), previous: undefined, lastActive: undefined,
  };
  for (const member of group.children) {
    internalConstraints(working, member);
    groupMemberDownUp(working, context, member);
    groupMemberSequence(working, context, member);
  }
}

function cloneInternal(working: Working, clone: ResourceState): void {
  orderResourceActions(working, clone, "stop", clone, "stopped", Order.runnableLeft);
  orderResourceActions(working, clone, "stopped", clone, "start", Order.optional);
  orderResourceActions(working, clone, "start", clone, "running", Order.runnableLeft);
  const promotable = isPromotableClone(clone);
  if (promotable) {
    orderResourceActions(working, clone, "demote", clone, "demoted", Order.runnableLeft);
    orderResourceActions(working, clone, "demoted", clone, "stop", Order.optional);
    orderResourceActions(working, clone, "running", clone, "promote", Order.runnableLeft);
    orderResourceActions(working, clone, "promote", clone, "promoted", Order.runnableLeft);
    orderResourceActions(working, clone, "demoted", clone, "promote", Order.optional);
  }
  const ordered = clone.resource.kind === "clone" && clone.resource.ordered;
  let previous: ResourceState | undefined;
  for (const instance of clone.children) {
    internalConstraints(working, instance);
    orderResourceActions(working, clone, "start", instance, "start", Order.impliesFirstPrinted);
    orderResourceActions(working, instance, "start", clone, "running", Order.impliesThenPrinted);
    orderResourceActions(working, clone, "stop", instance, "stop", Order.impliesFirstPrinted);
    orderResourceActions(working, instance, "stop", clone, "stopped", Order.impliesThenPrinted);
    if (promotable) {
      orderResourceActions(
        working,
        clone,
        "promote",
        instance,
        "promote",
        Order.impliesFirstPrinted,
      );
      orderResourceActions(
        working,
        instance,
        "promote",
        clone,
        "promoted",
        Order.impliesThenPrinted,
      );
      orderResourceActions(working, clone, "demote", instance, "demote", Order.impliesFirstPrinted);
      orderResourceActions(working, instance, "demote", clone, "demoted", Order.impliesThenPrinted);
    }
    if (ordered && previous !== undefined) {
      orderResourceActions(working, previous, "start", instance, "start", Order.optional);
      orderResourceActions(working, instance, "stop", previous, "stop", Order.optional);
    }
    previous = instance;
  }
}

export function internalConstraints(working: Working, state: ResourceState): void {
  switch (state.resource.kind) {
    case "primitive":
      return primitiveInternal(working, state);
    case "group":
      return groupInternal(working, state);
    case "clone":
      return cloneInternal(working, state);
  }
}

const inverse: Record<string, string> = {
  start: "stop",
  stop: "start",
  promote: "demote",
  demote: "promote",
  running: "stopped",
  stopped: "running",
  promoted: "demoted",
  demoted: "promoted",
};

function userFlags(constraint: OrderConstraint, inverted: boolean): number {
  if (constraint.kind === "Optional") return Order.optional;
  if (constraint.kind === "Serialize") return Order.serializeOnly;
  if (!constraint.symmetrical) return Order.asymmetrical;
  if (inverted) return Order.impliesFirst;
  const runnable = constraint.firstAction === "start" || constraint.firstAction === "promote";
  return Order.impliesThen | (runnable ? Order.runnableLeft : 0);
}

function cloneMinPseudo(
  working: Working,
  constraint: OrderConstraint,
  first: ResourceState,
  then: ResourceState,
): boolean {
  if (first.resource.kind !== "clone" || constraint.firstAction !== "start") return false;
  const required = first.resource.cloneMin > 0 ? first.resource.cloneMin : constraint.requireAll === false ? 1 : 0;
  if (required === 0) return false;
  const pseudo = newAction(working, {
    key: `clone-one-or-more:${constraint.id}`,
    task: `clone-one-or-more:${constraint.id}`,
    resource: undefined,
    node: undefined,
    optional: false,
  });
  pseudo.pseudo = true;
  pseudo.requiresAny = true;
  pseudo.requiredRunnableBefore = required;
  for (const instance of first.children) {
    for (const start of instance.actions.filter((action) => action.task === "start"))
      orderActions(start, pseudo, Order.oneOrMore);
    if (instance.children.length > 0) {
      const running = pseudoResourceAction(working, instance, "running");
      orderActions(running, pseudo, Order.oneOrMore);
    }
  }
  for (const action of then.actions.filter(
    (candidate) => candidate.task === constraint.thenAction,
  )) {
    orderActions(pseudo, action, Order.impliesThenPrinted | Order.runnableLeft);
  }
  return true;
}

function requireAnyPseudo(
  working: Working,
  constraint: OrderConstraint,
  then: ResourceState,
): void {
  const members = (constraint.firstAny ?? [])
    .map((id) => working.states.get(id))
    .filter((state): state is ResourceState => state !== undefined);
  const key = `one-or-more:${constraint.setId ?? constraint.id}`;
  let pseudo = working.singletons.get(key);
  if (pseudo === undefined) {
    pseudo = newAction(working, {
      key,
      task: key,
      resource: undefined,
      node: undefined,
      optional: false,
    });
    pseudo.pseudo = true;
    pseudo.requiresAny = true;
    pseudo.requiredRunnableBefore = 1;
    working.singletons.set(key, pseudo);
    for (const member of members) {
      const action = completionAction(working, member, constraint.firstAction);
      if (action !== undefined) orderActions(action, pseudo, Order.oneOrMore);
    }
  }
  const thenAction = completionTarget(working, then, constraint.thenAction);
  if (thenAction !== undefined)
    orderActions(pseudo, thenAction, Order.impliesThenPrinted | Order.runnableLeft);
}

function completionAction(
  working: Working,
  state: ResourceState,
  task: string,
): ActionState | undefined {
  if (state.children.length === 0)
    return (
      state.actions.find((action) => action.task === task) ??
      resourceAction(working, state, { task, node: undefined, optional: true })
    );
  const mapped =
    task === "start"
      ? "running"
      : task === "stop"
        ? "stopped"
        : task === "promote"
          ? "promoted"
          : "demoted";
  return pseudoResourceAction(working, state, mapped);
}

function completionTarget(
  working: Working,
  state: ResourceState,
  task: string,
): ActionState | undefined {
  if (state.children.length > 0) return pseudoResourceAction(working, state, task);
  return state.actions.find((action) => action.task === task);
}

function needsPseudo(constraint: OrderConstraint, first: ResourceState): boolean {
  if (constraint.firstAny !== undefined) return true;
  if (first.resource.kind !== "clone" || constraint.firstAction !== "start") return false;
  return first.resource.cloneMin > 0 || constraint.requireAll === false;
}

/**
 * Plain user orderings become ordering specs; they are created before the implicit ones, as
 * Pacemaker unpacks constraints first (so their missing "first" actions exist in time).
 */
export function unpackUserOrderings(working: Working): void {
  for (const constraint of working.model.orders) {
    const first = working.states.get(constraint.first);
    const then = working.states.get(constraint.then);
    if (first === undefined || then === undefined || needsPseudo(constraint, first)) continue;
    orderResourceActions(working, first, constraint.firstAction, then, constraint.thenAction, userFlags(constraint, false));
    const firstInverse = inverse[constraint.firstAction];
    const thenInverse = inverse[constraint.thenAction];
    if (constraint.symmetrical && constraint.kind !== "Serialize" && firstInverse !== undefined && thenInverse !== undefined) {
      orderResourceActions(working, then, thenInverse, first, firstInverse, userFlags(constraint, true));
    }
  }
}

/** Orderings through one-or-more pseudo actions (require-all=false, clone-min), after actions exist. */
export function unpackPseudoOrderings(working: Working): void {
  for (const constraint of working.model.orders) {
    const first = working.states.get(constraint.first);
    const then = working.states.get(constraint.then);
    if (first === undefined || then === undefined || !needsPseudo(constraint, first)) continue;
    if (constraint.firstAny !== undefined) requireAnyPseudo(working, constraint, then);
    else cloneMinPseudo(working, constraint, first, then);
  }
}

export function antiColocationOrderings(working: Working): void {
  for (const colocation of working.colocations) {
    if (colocation.score > -1_000_000) continue;
    addAntiColocationOrder(
      working,
      colocation.dependent,
      colocation.dependentRole,
      colocation.primary,
      colocation.primaryRole,
    );
    addAntiColocationOrder(
      working,
      colocation.primary,
      colocation.primaryRole,
      colocation.dependent,
      colocation.dependentRole,
    );
  }
}

function addAntiColocationOrder(
  working: Working,
  first: ResourceState,
  firstRole: Role,
  then: ResourceState,
  thenRole: Role,
): void {
  const firstTasks =
    firstRole === "Promoted"
      ? ["demote"]
      : firstRole === "Unpromoted"
        ? ["stop", "promote"]
        : ["stop"];
  const thenTasks =
    thenRole === "Promoted"
      ? ["promote"]
      : thenRole === "Unpromoted"
        ? ["start", "demote"]
        : ["start"];
  for (const firstTask of firstTasks) {
    for (const thenTask of thenTasks)
      orderResourceActions(working, first, firstTask, then, thenTask, Order.antiColocation);
  }
}

function firstActionsFor(working: Working, spec: Working["orderings"][number]): ActionState[] {
  if (spec.firstAction !== undefined) return [spec.firstAction];
  const first = spec.firstResource;
  if (first === undefined || spec.firstKey === undefined) return [];
  const found = first.actions.filter((action) => action.key === spec.firstKey);
  if (found.length > 0) return found;
  if (first === spec.thenResource) return [];
  const task = spec.firstKey.slice(first.id.length + 1).replace(/_\d+$/, "");
  if (first.role === "Stopped" && task === "stop") return [];
  if (first.role === "Unpromoted" && task === "demote") return [];
  return [resourceAction(working, first, { task, node: undefined, optional: true })];
}

export function applyOrderings(working: Working): void {
  for (const spec of working.orderings) {
    const firsts = firstActionsFor(working, spec);
    const then = spec.thenResource;
    const thens =
      spec.thenAction !== undefined
        ? [spec.thenAction]
        : then === undefined || spec.thenKey === undefined
          ? []
          : then.actions.filter((action) => action.key === spec.thenKey);
    if (thens.length === 0) continue;
    if (firsts.length === 0) continue;
    for (const first of firsts) {
      // A dangling migration's stop does not imply its resource's later actions.
      const flags = first.dangling && first.resource === then ? spec.flags & ~Order.impliesThen : spec.flags;
      for (const action of thens) orderActions(first, action, flags);
    }
  }
}

/** Blocks dependents of every unrunnable start/promote (before flag propagation). */
export function blockColocationDependents(working: Working): void {
  for (const action of [...working.actions]) blockDependentsOf(action, undefined);
}
