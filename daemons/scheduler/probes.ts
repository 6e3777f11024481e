/** Probes: a one-shot monitor on every online node where a resource's state is unknown. */
import { resourceAction } from "./actions.js";
import { owningCloneState } from "./tree.js";
import { Order, orderActions, uberParent, type ActionState, type ResourceState, type Working } from "./working.js";

function probeNeeded(working: Working, state: ResourceState, node: string): boolean {
  const primitive = state.resource.kind === "primitive" ? state.resource : undefined;
  if (primitive === undefined) return false;
  if (primitive.knownOn.has(node)) return false;
  const clone = owningCloneState(state);
  if (clone !== undefined && clone.resource.kind === "clone" && !clone.resource.globallyUnique) {
    const siblings = clone.children.flatMap((instance) => instance.resource.kind === "primitive" ? [instance] : instance.children);
    if (siblings.some((sibling) => sibling.resource.kind === "primitive" && sibling.resource.baseId === primitive.baseId && sibling.resource.knownOn.has(node))) return false;
  }
  return true;
}

function firstInstanceOfNode(state: ResourceState): boolean {
  const clone = owningCloneState(state);
  if (clone === undefined || (clone.resource.kind === "clone" && clone.resource.globallyUnique)) return true;
  const primitive = state.resource.kind === "primitive" ? state.resource : undefined;
  const first = clone.children.flatMap((instance) => instance.resource.kind === "primitive" ? [instance] : instance.children)
    .find((candidate) => candidate.resource.kind === "primitive" && candidate.resource.baseId === primitive?.baseId);
  return first === state;
}

/** The starts a probe must precede: the clone's for a cloned resource, else the resource's own. */
function startsAfterProbe(state: ResourceState): ActionState[] {
  const top = uberParent(state);
  const owner = top.resource.kind === "clone" ? top : state;
  return owner.actions.filter((action) => action.task === "start");
}

export function createProbes(working: Working): void {
  if (!working.model.options.enableStartupProbes) return;
  for (const state of working.states.values()) {
    if (state.resource.kind !== "primitive" || !firstInstanceOfNode(state)) continue;
    for (const node of working.nodes) {
      if (!node.online || node.unclean || !probeNeeded(working, state, node.name)) continue;
      const probe = resourceAction(working, state, { task: "monitor", node: node.name, optional: false, intervalMs: 0 });
      probe.meta.set("target_rc", "7");
      // A probe on a pending node cannot run; a resource active nowhere must not start before it.
      probe.runnable = !node.pending;
      const flags = Order.optional | (!probe.runnable && state.runningOn.length === 0 ? Order.runnableLeft : 0);
      const starts = flags === Order.optional ? state.actions.filter((action) => action.task === "start") : startsAfterProbe(state);
      for (const start of starts) orderActions(probe, start, flags);
    }
  }
}
