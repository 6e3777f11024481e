/**
 * Utilization load orderings (pcmk__create_utilization_constraints): with a placement strategy
 * other than default, a resource with utilization stops before its node's `load_stopped_NODE`
 * pseudo action, and starts (or migrates) on a node only after that node's one, so capacity is
 * freed before it is used. Only orderings between actions on the same node reach the graph.
 */
import { newAction, operationKey, Order, pushOrdering, type ActionState, type ResourceState, type Working } from "./working.js";

function loadStopped(working: Working, node: string): ActionState {
  const key = `load_stopped_${node}`;
  const existing = working.singletons.get(key);
  if (existing !== undefined) return existing;
  const action = newAction(working, { key, task: key, resource: undefined, node, optional: false });
  action.pseudo = true;
  working.singletons.set(key, action);
  return action;
}

export function createLoadOrderings(working: Working, state: ResourceState): void {
  if (working.model.options.placementStrategy === "default") return;
  if (state.resource.kind !== "primitive" || state.resource.utilization.size === 0) return;
  for (const node of state.runningOn) {
    const stopped = loadStopped(working, node);
    pushOrdering(working, { resource: state, key: operationKey(state.id, "stop") }, { resource: undefined, key: stopped.key, action: stopped }, Order.load);
  }
  for (const node of [...state.allowed.keys()].sort()) {
    const stopped = loadStopped(working, node);
    for (const task of ["start", "migrate_to"]) {
      pushOrdering(working, { resource: undefined, key: stopped.key, action: stopped }, { resource: state, key: operationKey(state.id, task) }, Order.load);
    }
  }
}
