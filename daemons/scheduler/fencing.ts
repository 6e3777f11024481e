/**
 * Fencing: a stonith action for every unclean node that can be fenced, stops implied by
 * fencing (pseudo actions), and starts of resources that require fencing ordered after it.
 */
import type { NodeModel } from "./model.js";
import { needsShutdown, shutdownAction } from "./shutdown.js";
import {
  newAction,
  Order,
  orderActions,
  primitiveStates,
  uberParent,
  type ActionState,
  type Working,
} from "./working.js";

export function canFence(working: Working, node: NodeModel): boolean {
  const model = working.model;
  if (!model.options.stonithEnabled || !model.hasFenceDevice) return false;
  if (model.haveQuorum || model.options.noQuorumPolicy === "ignore") return true;
  return node.online;
}

function anyManaged(working: Working): boolean {
  return [...working.states.values()].some(
    (state) => state.resource.kind === "primitive" && state.managed,
  );
}

export function applyQuorumSuicide(working: Working): void {
  const model = working.model;
  if (
    model.haveQuorum ||
    model.options.noQuorumPolicy !== "suicide" ||
    !model.options.stonithEnabled
  )
    return;
  for (const node of working.nodes) {
    if (!node.online || node.unclean) continue;
    node.unclean = true;
    node.fenceReason = "cluster does not have quorum";
  }
}

function fenceAction(working: Working, node: NodeModel): ActionState {
  const action = working.model.options.stonithAction;
  const key = `stonith-${node.name}-${action}`;
  const existing = working.singletons.get(key);
  if (existing !== undefined) return existing;
  const created = newAction(working, {
    key,
    task: "stonith",
    resource: undefined,
    node: node.name,
    optional: false,
  });
  created.reason = node.fenceReason ?? "node is unclean";
  created.meta.set("stonith_action", action);
  working.singletons.set(key, created);
  working.fenceActions.push(created);
  return created;
}

function orderVersusFence(working: Working, stonith: ActionState, node: NodeModel): void {
  for (const state of working.states.values()) {
    if (state.resource.kind !== "primitive") continue;
    const top = uberParent(state);
    const stops = state.actions.filter(
      (action) => action.task === "stop" && action.node === node.name,
    );
    const parentStop = top.actions.find((action) => action.task === "stop");
    for (const stop of stops) {
      stop.pseudo = true;
      stop.runnable = true;
      if (state.requiresFencing) {
        orderActions(stonith, stop, Order.optional);
        if (parentStop !== undefined && parentStop !== stop)
          orderActions(stonith, parentStop, Order.optional);
      }
    }
    for (const demote of state.actions.filter(
      (action) => action.task === "demote" && action.node === node.name,
    )) {
      demote.pseudo = true;
      demote.runnable = true;
      if (state.requiresFencing) orderActions(stonith, demote, Order.optional);
    }
    if (state.requiresFencing) {
      for (const start of state.actions.filter(
        (action) => action.task === "start" || action.task === "promote",
      )) {
        orderActions(stonith, start, Order.optional);
      }
    }
  }
}

/**
 * schedule_fencing_and_shutdowns: fencing for unclean nodes that can be fenced, shutdowns for
 * nodes asked to leave; the DC goes last (after non-DC shutdowns and fencing).
 */
export function scheduleFencing(working: Working): void {
  const haveManaged = anyManaged(working);
  const concurrent = working.model.options.concurrentFencing;
  const fencing: ActionState[] = [];
  const shutdowns: ActionState[] = [];
  let dcDown: ActionState | undefined;
  for (const node of working.nodes) {
    if (haveManaged && node.unclean && canFence(working, node)) {
      const stonith = fenceAction(working, node);
      orderVersusFence(working, stonith, node);
      if (node.isDc) dcDown = stonith;
      else {
        const last = fencing[fencing.length - 1];
        if (!concurrent && last !== undefined) orderActions(last, stonith, Order.optional);
        fencing.push(stonith);
      }
    } else if (needsShutdown(node)) {
      const shutdown = shutdownAction(working, node);
      if (node.isDc) dcDown = shutdown;
      else shutdowns.push(shutdown);
    }
  }
  if (dcDown === undefined) return;
  if (dcDown.task === "do_shutdown") for (const shutdown of shutdowns) orderActions(shutdown, dcDown, Order.optional);
  const before = concurrent ? fencing : fencing.slice(-1);
  for (const stonith of before) orderActions(stonith, dcDown, Order.optional);
}

export function fencedNodes(working: Working): Set<string> {
  return new Set(
    working.fenceActions
      .filter((action) => action.runnable && !action.optional)
      .map((action) => action.node ?? ""),
  );
}

export function primitivesOn(working: Working, node: string): string[] {
  return [...working.states.values()]
    .flatMap((state) => primitiveStates(state))
    .filter((state) => state.runningOn.includes(node))
    .map((state) => state.id);
}
