/**
 * Live migration (allow-migrate): a move carried out as migrate_to on the current node and
 * migrate_from on the next one, the start becoming a pseudo action (pcmk_sched_migration.c).
 * Whether a planned migration survives is decided by flag propagation: any step that cannot
 * run as part of a migration turns the move back into a stop and a start.
 */
import { resourceAction } from "./actions.js";
import {
  currentNode,
  operationKey,
  Order,
  primitiveStates,
  pushOrdering,
  type ActionState,
  type OrderingSpec,
  type ResourceState,
  type Working,
} from "./working.js";

/** pcmk__rsc_can_migrate: configured, managed, healthy, between two clean nodes. */
export function canMigrate(working: Working, state: ResourceState, current: string | undefined): boolean {
  if (!state.allowMigrate || !state.managed || state.failed || state.startPending) return false;
  if (current === undefined || working.model.nodeByName.get(current)?.unclean !== false) return false;
  const next = state.assignedTo;
  return next !== undefined && working.model.nodeByName.get(next)?.unclean === false;
}

/** The node a primitive will migrate away from, when its move can be a live migration. */
export function migrationSource(working: Working, state: ResourceState): string | undefined {
  const current = currentNode(state);
  const next = state.assignedTo;
  if (current === undefined || next === undefined || current === next) return undefined;
  if (state.nextRole === "Stopped" || state.nextRole === "Unknown") return undefined;
  return canMigrate(working, state, current) ? current : undefined;
}

function orderOwn(working: Working, state: ResourceState, firstTask: string, thenTask: string, flags: number): void {
  pushOrdering(
    working,
    { resource: state, key: operationKey(state.id, firstTask) },
    { resource: state, key: operationKey(state.id, thenTask) },
    flags,
  );
}

function migrationMeta(action: ActionState, source: string, target: string): void {
  action.meta.set("migrate_source", source);
  action.meta.set("migrate_target", target);
}

/**
 * pcmk__create_migration_actions: migrate_to (on `current`) then migrate_from (on the next
 * node), both before the stop and the (now pseudo) start.
 */
export function createMigrationActions(working: Working, state: ResourceState, current: string): void {
  const next = state.assignedTo;
  if (next === undefined) return;
  const start = resourceAction(working, state, { task: "start", node: next, optional: true });
  const stop = resourceAction(working, state, { task: "stop", node: current, optional: true });
  const migrateFrom = resourceAction(working, state, { task: "migrate_from", node: next, optional: true });
  for (const action of [start, stop, migrateFrom]) action.migrateRunnable = true;
  start.pseudo = true;
  if (state.partialMigration === undefined) {
    const migrateTo = resourceAction(working, state, { task: "migrate_to", node: current, optional: true });
    migrateTo.migrateRunnable = true;
    orderOwn(working, state, "monitor", "migrate_to", Order.optional);
    orderOwn(working, state, "migrate_to", "migrate_from", Order.optional | Order.impliesFirstMigratable);
    migrationMeta(migrateTo, current, next);
    migrateTo.meta.set("record-pending", "true");
  } else {
    // migrate_to already completed: only migrate_from is left.
    orderOwn(working, state, "monitor", "migrate_from", Order.optional);
  }
  orderOwn(working, state, "migrate_from", "stop", Order.optional | Order.impliesFirstMigratable);
  orderOwn(working, state, "migrate_from", "start", Order.optional | Order.impliesFirstMigratable | Order.pseudoLeft);
  migrationMeta(migrateFrom, current, next);
}

function isAncestor(candidate: ResourceState, state: ResourceState): boolean {
  for (let current = state.parent; current !== undefined; current = current.parent)
    if (current === candidate) return true;
  return false;
}

function taskOf(state: ResourceState, key: string): string {
  return key.slice(state.id.length + 1).replace(/_\d+$/, "");
}

function orderBetween(
  working: Working,
  first: ResourceState,
  firstTask: string,
  then: ResourceState,
  thenTask: string,
  flags: number,
): void {
  pushOrdering(
    working,
    { resource: first, key: operationKey(first.id, firstTask) },
    { resource: then, key: operationKey(then.id, thenTask) },
    flags,
  );
}

/**
 * pcmk__order_migration_equivalents: an ordering between two unrelated resources, one of them
 * migratable, gets the same ordering for the migration steps that replace start and stop.
 */
export function orderMigrationEquivalents(working: Working, spec: OrderingSpec): void {
  const first = spec.firstResource;
  const then = spec.thenResource;
  if (first === undefined || then === undefined || first === then) return;
  if (isAncestor(first, then) || isAncestor(then, first)) return;
  if (!first.allowMigrate && !then.allowMigrate) return;
  if (spec.firstKey === undefined || spec.thenKey === undefined) return;
  const firstTask = spec.firstAction?.task ?? taskOf(first, spec.firstKey);
  const thenTask = spec.thenAction?.task ?? taskOf(then, spec.thenKey);
  const unlessMigrating = Order.optional | (first.allowMigrate ? Order.applyFirstNonMigratable : 0);
  if (firstTask === "start" && thenTask === "start") {
    if (first.allowMigrate && then.allowMigrate) {
      orderBetween(working, first, "migrate_from", then, "migrate_to", Order.optional);
    }
    if (then.allowMigrate) orderBetween(working, first, "start", then, "migrate_to", unlessMigrating);
  } else if (then.allowMigrate && firstTask === "stop" && thenTask === "stop") {
    orderBetween(working, first, "stop", then, "migrate_to", unlessMigrating);
  } else if (then.allowMigrate && firstTask === "promote" && thenTask === "start") {
    orderBetween(working, first, "promote", then, "migrate_to", Order.optional);
  } else if (then.allowMigrate && firstTask === "demote" && thenTask === "stop") {
    orderBetween(working, first, "demote", then, "migrate_to", Order.optional);
  }
}

function stoppingAndStarting(instance: ResourceState): boolean {
  const required = primitiveStates(instance).flatMap((state) => state.actions)
    .filter((action) => !action.optional && (action.runnable || action.pseudo));
  return required.some((action) => action.task === "stop") && required.some((action) => action.task === "start" && action.runnable);
}

/**
 * A clone's stop can stand in a migration's orderings unless one of its instances both stops
 * and starts (clone_create_pseudo_actions' allow_dependent_migrations).
 */
export function markCloneStopMigratable(clone: ResourceState, stop: ActionState): void {
  if (clone.resource.kind !== "clone") return;
  if (!clone.children.some((instance) => stoppingAndStarting(instance))) stop.migrateRunnable = true;
}
