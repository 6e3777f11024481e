/**
 * Recurring monitors (pcmk__create_recurring_actions): the configured monitors for a
 * resource's next role on its assigned node, optional when already running there.
 */
import { resourceAction } from "./actions.js";
import type { OperationConfig, Role } from "./model.js";
import { Order, orderActions, type ActionState, type ResourceState, type Working } from "./working.js";

function appliesToRole(operation: OperationConfig, nextRole: Role): boolean {
  if (operation.role === undefined || operation.role === "Started") return nextRole !== "Promoted";
  return operation.role === nextRole;
}

function findAction(state: ResourceState, task: string, node: string): ActionState | undefined {
  return state.actions.find((action) => action.task === task && action.node === node && action.intervalMs === 0);
}

function unchanged(state: ResourceState, node: string, intervalMs: number): boolean {
  const primitive = state.resource.kind === "primitive" ? state.resource : undefined;
  if (primitive === undefined || !primitive.activeMonitors.has(`${node} ${intervalMs}`)) return false;
  if (state.runningOn[0] !== node || state.role !== state.nextRole) return false;
  const start = findAction(state, "start", node);
  return start === undefined || start.optional;
}

export function createRecurringMonitors(working: Working, state: ResourceState): void {
  const node = state.assignedTo;
  const primitive = state.resource.kind === "primitive" ? state.resource : undefined;
  if (primitive === undefined || node === undefined || state.blocked) return;
  if (working.model.nodeByName.get(node)?.maintenance === true) return;
  if (state.nextRole !== "Stopped" || !state.managed) {
    resourceAction(working, state, { task: "start", node, optional: true });
  }
  if (state.nextRole === "Stopped" || !state.managed) return;
  for (const operation of primitive.operations) {
    if (operation.name !== "monitor" || operation.intervalMs <= 0 || !operation.enabled) continue;
    if (!appliesToRole(operation, state.nextRole)) continue;
    const optional = unchanged(state, node, operation.intervalMs);
    const monitor = resourceAction(working, state, { task: "monitor", node, optional, intervalMs: operation.intervalMs });
    const start = findAction(state, "start", node);
    if (start !== undefined) {
      orderActions(start, monitor, Order.impliesThen | Order.runnableLeft);
      if (!start.runnable) monitor.runnable = false;
    }
    const promote = findAction(state, "promote", node);
    if (state.nextRole === "Promoted" && promote !== undefined) orderActions(promote, monitor, Order.impliesThen | Order.runnableLeft);
    const demote = findAction(state, "demote", node);
    if (state.nextRole === "Unpromoted" && demote !== undefined) orderActions(demote, monitor, Order.impliesThen | Order.runnableLeft);
  }
}
