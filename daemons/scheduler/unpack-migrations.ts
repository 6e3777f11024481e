/**
 * Migrations found in the history (unpack_migrate_to_success): a successful migrate_to that is
 * the source's latest action leaves the resource
 *   - stopped on the source with a dangling stop still to do, when migrate_from succeeded;
 *   - active on both nodes, as a partial migration that may continue, when migrate_from is
 *     missing or pending (and both nodes are up);
 *   - active on both nodes (to be recovered), when migrate_from failed.
 */
import type { NodeModel, OperationRecord, PrimitiveModel } from "./model.js";

const isMonitor = (record: OperationRecord): boolean => record.task === "monitor";

function lastAction(records: readonly OperationRecord[], node: string): OperationRecord | undefined {
  const own = records.filter((record) => record.node === node && !isMonitor(record) && record.status !== 1);
  return own[own.length - 1];
}

function succeeded(record: OperationRecord): boolean {
  return record.status === 0 && record.rc === 0;
}

/** Whether the target did something of its own after the migration (newer_state_after_migrate). */
function targetMovedOn(history: readonly OperationRecord[], target: string, migrateTo: OperationRecord, migrateFrom: OperationRecord | undefined): boolean {
  const onTarget = history.filter((record) => record.node === target && !isMonitor(record));
  if (migrateFrom !== undefined) return onTarget.indexOf(migrateFrom) < onTarget.length - 1;
  const since = migrateTo.lastRcChange;
  return since !== undefined && onTarget.some((record) => (record.lastRcChange ?? 0) > since);
}

/** The target counts as active first, as unpacking the source's history adds it before the source. */
function activeOnBoth(primitive: PrimitiveModel, source: string, target: string): void {
  const entries = [...primitive.activeOn.entries()];
  primitive.activeOn.clear();
  primitive.activeOn.set(target, "Started");
  primitive.activeOn.set(source, "Started");
  for (const [node, role] of entries) if (node !== source && node !== target) primitive.activeOn.set(node, role);
}

function resolveOne(primitive: PrimitiveModel, source: string, byName: ReadonlyMap<string, NodeModel>): void {
  const migrateTo = lastAction(primitive.history, source);
  if (migrateTo === undefined || migrateTo.task !== "migrate_to" || !succeeded(migrateTo)) return;
  const target = migrateTo.migrateTarget;
  if (target === undefined || migrateTo.migrateSource !== source) return;
  const migrateFrom = primitive.history.find(
    (record) => record.node === target && record.task === "migrate_from" && record.migrateSource === source,
  );
  const movedOn = targetMovedOn(primitive.history, target, migrateTo, migrateFrom);
  if (migrateFrom !== undefined && succeeded(migrateFrom)) {
    primitive.activeOn.delete(source);
    primitive.danglingMigrations.push(source);
    return;
  }
  const targetUp = byName.get(target)?.online === true;
  if (!movedOn && targetUp) {
    activeOnBoth(primitive, source, target);
    const pending = migrateFrom === undefined || migrateFrom.status === -1 || migrateFrom.callId === -1;
    if (pending && byName.get(source)?.online === true) primitive.partialMigration = { source, target };
    return;
  }
  primitive.failed = true;
  primitive.failureStop = true;
}

/** Resolves every primitive's migrations once all node histories are unpacked. */
export function resolveMigrations(primitives: readonly PrimitiveModel[], nodes: readonly NodeModel[]): void {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  for (const primitive of primitives) {
    const sources = new Set(primitive.history.filter((record) => record.task === "migrate_to").map((record) => record.node));
    for (const source of sources) resolveOne(primitive, source, byName);
    if (primitive.activeOn.size === 0 && primitive.role !== "Stopped") primitive.role = "Stopped";
  }
}
