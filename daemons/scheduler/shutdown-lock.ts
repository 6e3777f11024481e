/**
 * shutdown-lock (pcmk__primitive_shutdown_lock): with the cluster option set, a resource active
 * on exactly one node that shuts down cleanly stays locked to that node — banned everywhere
 * else — until the node returns or shutdown-lock-limit expires; a lock recorded in the history
 * (`shutdown-lock` on its lrm_resource) holds while the resource is inactive.
 */
import { resourceAction } from "./actions.js";
import { isTrue } from "./nvpairs.js";
import { INFINITY, addScores } from "./score.js";
import type { ResourceState, Working } from "./working.js";

function lockNode(working: Working, state: ResourceState): string | undefined {
  const primitive = state.resource.kind === "primitive" ? state.resource : undefined;
  if (primitive === undefined || primitive.className === "stonith") return undefined;
  if (primitive.shutdownLock !== undefined) {
    // A recorded lock is cancelled if the resource was started anyway.
    if (state.runningOn.length === 0) return primitive.shutdownLock.node;
    primitive.shutdownLock = undefined;
    return undefined;
  }
  const only = state.runningOn.length === 1 ? state.runningOn[0] : undefined;
  const node = only === undefined ? undefined : working.model.nodeByName.get(only);
  if (node === undefined || !node.shutdown || node.unclean) return undefined;
  primitive.shutdownLock = { node: node.name, since: Number(node.attributes.get("shutdown") ?? "0") };
  return node.name;
}

function lockTree(working: Working, state: ResourceState): void {
  if (state.resource.kind === "clone") return; // clones are never locked
  if (state.resource.kind === "group") {
    for (const member of state.children) lockTree(working, member);
    return;
  }
  const locked = lockNode(working, state);
  if (locked === undefined) return;
  for (const node of working.nodes) {
    if (node.name !== locked) state.allowed.set(node.name, addScores(state.allowed.get(node.name) ?? 0, -INFINITY));
  }
}

/** pe__clear_resource_history: the DC erases an expired lock's history (lrm_delete). */
function clearExpiredLocks(working: Working, state: ResourceState): void {
  const primitive = state.resource.kind === "primitive" ? state.resource : undefined;
  for (const node of primitive?.clearHistoryOn ?? []) {
    const action = resourceAction(working, state, { task: "lrm_delete", node, optional: false });
    action.runnable = true; // run by the DC, whatever the node's state
  }
}

/** pe__clear_failcount: the DC clears fail counts that expired (check_operation_expiry). */
export function clearExpiredFailCounts(working: Working): void {
  for (const state of working.states.values()) {
    const primitive = state.resource.kind === "primitive" ? state.resource : undefined;
    for (const node of primitive?.clearFailCountOn ?? []) {
      const action = resourceAction(working, state, { task: "clear_failcount", node, optional: false });
      action.runnable = true; // run by the DC through attrd
    }
  }
}

/** apply_shutdown_locks: bans locked resources from every node but their lock node. */
export function applyShutdownLocks(working: Working): void {
  if (!isTrue(working.model.options.all.get("shutdown-lock"))) return;
  for (const state of working.topLevel) lockTree(working, state);
  for (const state of working.states.values()) clearExpiredLocks(working, state);
}
