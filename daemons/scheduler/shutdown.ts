/**
 * Orderly node shutdown: a node whose `shutdown` attribute is set stops everything it runs (its
 * resources cannot be placed there), then the controller there is told to shut down
 * (`do_shutdown`), once every stop on that node is done (pcmk__new_shutdown_action).
 */
import type { NodeModel } from "./model.js";
import { newAction, Order, orderActions, type ActionState, type Working } from "./working.js";

/** needs_shutdown: the node is up and asked to shut down. */
export function needsShutdown(node: NodeModel): boolean {
  return node.online && node.shutdown;
}

/** pcmk__order_stops_before_shutdown: every stop on the node (of a managed or blocked resource). */
function orderStopsBeforeShutdown(working: Working, node: NodeModel, shutdown: ActionState): void {
  if (node.maintenance) return;
  for (const action of working.actions) {
    const state = action.resource;
    if (state === undefined || action.node !== node.name || action.task !== "stop") continue;
    if (state.resource.meta.get("maintenance")?.toLowerCase() === "true") continue;
    if (!state.managed && !state.blocked) continue;
    action.optional = false;
    orderActions(action, shutdown, Order.optional | Order.runnableLeft);
  }
}

/** The node's `do_shutdown` cluster action, after the stops of everything it runs. */
export function shutdownAction(working: Working, node: NodeModel): ActionState {
  const shutdown = newAction(working, {
    key: `do_shutdown-${node.name}`,
    task: "do_shutdown",
    resource: undefined,
    node: node.name,
    optional: false,
  });
  shutdown.meta.set("op_no_wait", "true");
  orderStopsBeforeShutdown(working, node, shutdown);
  return shutdown;
}
