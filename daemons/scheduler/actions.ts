/**
 * Resource actions: creating and finding actions with Pacemaker's runnable/optional rules
 * (custom_action), and each primitive's role-transition actions (pcmk__primitive_create_actions).
 */
import type { Role } from "./model.js";
import {
  currentNode,
  newAction,
  operationKey,
  setReason,
  type ActionState,
  type ResourceState,
  type Working,
} from "./working.js";

const roleRank: Record<Role, number> = {
  Unknown: 0,
  Stopped: 1,
  Started: 2,
  Unpromoted: 3,
  Promoted: 4,
};
const roles: readonly Role[] = ["Unknown", "Stopped", "Started", "Unpromoted", "Promoted"];

/** Immediate next role on the way from a role to a target role. */
const stateMatrix: Record<Role, Record<Role, Role>> = {
  Unknown: {
    Unknown: "Unknown",
    Stopped: "Stopped",
    Started: "Stopped",
    Unpromoted: "Stopped",
    Promoted: "Stopped",
  },
  Stopped: {
    Unknown: "Stopped",
    Stopped: "Stopped",
    Started: "Started",
    Unpromoted: "Unpromoted",
    Promoted: "Unpromoted",
  },
  Started: {
    Unknown: "Stopped",
    Stopped: "Stopped",
    Started: "Started",
    Unpromoted: "Unpromoted",
    Promoted: "Promoted",
  },
  Unpromoted: {
    Unknown: "Stopped",
    Stopped: "Stopped",
    Started: "Stopped",
    Unpromoted: "Unpromoted",
    Promoted: "Promoted",
  },
  Promoted: {
    Unknown: "Stopped",
    Stopped: "Unpromoted",
    Started: "Unpromoted",
    Unpromoted: "Unpromoted",
    Promoted: "Promoted",
  },
};

type Transition = "stop" | "start" | "promote" | "demote" | undefined;

const actionMatrix: Record<Role, Record<Role, Transition>> = {
  Unknown: {
    Unknown: undefined,
    Stopped: "stop",
    Started: undefined,
    Unpromoted: undefined,
    Promoted: undefined,
  },
  Stopped: {
    Unknown: undefined,
    Stopped: undefined,
    Started: "start",
    Unpromoted: "start",
    Promoted: undefined,
  },
  Started: {
    Unknown: undefined,
    Stopped: "stop",
    Started: undefined,
    Unpromoted: undefined,
    Promoted: "promote",
  },
  Unpromoted: {
    Unknown: undefined,
    Stopped: "stop",
    Started: "stop",
    Unpromoted: undefined,
    Promoted: "promote",
  },
  Promoted: {
    Unknown: undefined,
    Stopped: "demote",
    Started: "demote",
    Unpromoted: "demote",
    Promoted: undefined,
  },
};

export function rank(role: Role): number {
  return roleRank[role];
}

export { roles };

function resourceActive(state: ResourceState): boolean {
  return state.runningOn.length > 0;
}

/** Applies Pacemaker's runnable rules for a resource action (update_resource_action_runnable). */
function updateRunnable(working: Working, action: ActionState): void {
  if (action.pseudo) return;
  const state = action.resource;
  if (state === undefined) return;
  const node = action.node === undefined ? undefined : working.model.nodeByName.get(action.node);
  if (node === undefined) {
    action.runnable = false;
    return;
  }
  if (!node.online || node.pending) {
    action.runnable = false;
    return;
  }
  const needs =
    action.task === "start" || action.task === "promote"
      ? state.requiresQuorum
        ? "quorum"
        : "nothing"
      : "nothing";
  if (needs === "nothing") {
    action.reason = undefined;
    action.runnable = true;
    return;
  }
  switch (effectiveQuorumPolicy(working, state)) {
    case "stop":
      action.runnable = false;
      setReason(action, "no quorum", true);
      return;
    case "freeze":
      if (!resourceActive(state) || rank(state.nextRole) > rank(state.role)) {
        action.runnable = false;
        setReason(action, "quorum freeze", true);
      }
      return;
    default:
      action.runnable = true;
  }
}

function effectiveQuorumPolicy(working: Working, state: ResourceState): string {
  if (working.model.haveQuorum) return "ignore";
  const policy = working.model.options.noQuorumPolicy;
  if (policy === "demote") {
    if (state.role === "Promoted" || state.role === "Unpromoted") {
      if (rank(state.nextRole) > rank("Unpromoted")) state.nextRole = "Unpromoted";
      return "ignore";
    }
    return "stop";
  }
  if (policy === "suicide") return working.model.options.stonithEnabled ? "stop" : "stop";
  return policy;
}

/** Finds or creates a resource action (custom_action). */
export function resourceAction(
  working: Working,
  state: ResourceState,
  spec: {
    task: string;
    node: string | undefined;
    optional: boolean;
    intervalMs?: number;
    key?: string;
  },
): ActionState {
  const key = spec.key ?? operationKey(state.id, spec.task, spec.intervalMs ?? 0);
  let action = state.actions.find(
    (candidate) => candidate.key === key && candidate.node === spec.node,
  );
  if (action === undefined) {
    action = newAction(working, {
      key,
      task: spec.task,
      resource: state,
      node: spec.node,
      optional: spec.optional,
      intervalMs: spec.intervalMs ?? 0,
    });
    adoptDefinitionChange(action, state);
  }
  updateOptional(action, state, spec.optional);
  updateRunnable(working, action);
  return action;
}

/**
 * force_restart's node-less required start is adopted by the first start created for the
 * resource (Pacemaker's find_actions gives it that node).
 */
function adoptDefinitionChange(action: ActionState, state: ResourceState): void {
  if (action.task !== "start" || !state.definitionChanged) return;
  state.definitionChanged = false;
  action.optional = false;
  setReason(action, "resource definition change", true);
}

function updateOptional(action: ActionState, state: ResourceState, optional: boolean): void {
  if (
    action.node !== undefined &&
    !action.pseudo &&
    !state.managed &&
    action.intervalMs === 0 &&
    action.task !== "monitor"
  ) {
    action.optional = true;
  } else if (!optional) {
    action.optional = false;
  }
}

export function pseudoResourceAction(
  working: Working,
  state: ResourceState,
  task: string,
  optional = true,
): ActionState {
  const action = resourceAction(working, state, { task, node: undefined, optional });
  action.pseudo = true;
  action.runnable = true;
  return action;
}

function isExpectedNode(state: ResourceState, node: string | undefined): boolean {
  return state.stopUnexpected && state.restarting && rank(state.nextRole) > rank("Stopped") &&
    node !== undefined && state.assignedTo === node;
}

function stopResource(working: Working, state: ResourceState, optional: boolean): void {
  for (const current of state.runningOn) {
    if (isExpectedNode(state, current)) continue;
    const target = state.partialMigration?.target;
    // A partial migration continues where it was going; elsewhere the stop is required.
    if (target !== undefined && current === target && current === state.assignedTo) continue;
    const stop = resourceAction(working, state, { task: "stop", node: current, optional: optional && target === undefined });
    if (state.assignedTo === undefined) setReason(stop, "node availability", true);
    else if (state.restarting && state.stopUnexpected) setReason(stop, "being multiply active", true);
    if (!state.managed) stop.runnable = false;
  }
}

function startResource(
  working: Working,
  state: ResourceState,
  node: string | undefined,
  optional: boolean,
): void {
  if (node === undefined) return;
  const start = resourceAction(working, state, { task: "start", node, optional: true });
  if (start.runnable && !optional) start.optional = false;
  if (isExpectedNode(state, node)) start.pseudo = true;
}

function promoteResource(
  working: Working,
  state: ResourceState,
  node: string | undefined,
  optional: boolean,
): void {
  if (node === undefined) return;
  const starts = state.actions.filter((action) => action.task === "start" && action.node === node);
  if (starts.every((start) => start.runnable)) {
    resourceAction(working, state, { task: "promote", node, optional });
  } else {
    for (const promote of state.actions.filter(
      (action) => action.task === "promote" && action.node === node,
    )) {
      promote.runnable = false;
    }
  }
}

function demoteResource(working: Working, state: ResourceState, optional: boolean): void {
  for (const current of state.runningOn)
    resourceAction(working, state, { task: "demote", node: current, optional });
}

function perform(
  working: Working,
  state: ResourceState,
  transition: Transition,
  node: string | undefined,
  optional: boolean,
): void {
  switch (transition) {
    case "stop":
      return stopResource(working, state, optional);
    case "start":
      return startResource(working, state, node, optional);
    case "promote":
      return promoteResource(working, state, node, optional);
    case "demote":
      return demoteResource(working, state, optional);
    case undefined:
      return;
  }
}

function scheduleRestart(
  working: Working,
  state: ResourceState,
  current: string | undefined,
  needStop: boolean,
  needPromote: boolean,
): void {
  let role = state.role;
  state.restarting = true;
  while (role !== "Stopped") {
    const next = stateMatrix[role].Stopped;
    const transition = actionMatrix[role][next];
    if (transition === undefined) break;
    perform(working, state, transition, current, !needStop);
    role = next;
  }
  while (rank(state.role) <= rank(state.nextRole) && role !== state.role && !state.blocked) {
    let required = needStop;
    const next = stateMatrix[role][state.role];
    if (next === "Promoted" && needPromote) required = true;
    const transition = actionMatrix[role][next];
    if (transition === undefined) break;
    perform(working, state, transition, state.assignedTo, !required);
    role = next;
  }
  state.restarting = false;
}

function scheduleRoleTransition(working: Working, state: ResourceState): void {
  let role = state.role;
  while (role !== state.nextRole) {
    const next = stateMatrix[role][state.nextRole];
    const transition = actionMatrix[role][next];
    if (transition === undefined) break;
    perform(working, state, transition, state.assignedTo, false);
    role = next;
  }
}

function multiplyActive(working: Working, state: ResourceState): boolean {
  if (state.requiresFencing) return state.runningOn.length > 1;
  const clean = state.runningOn.filter(
    (node) => working.model.nodeByName.get(node)?.unclean !== true,
  );
  return clean.length > 1;
}

function danglingSources(state: ResourceState): readonly string[] {
  return state.resource.kind === "primitive" ? state.resource.danglingMigrations : [];
}

/** A partial migration continues when it can still go from its source to its target. */
function continuesMigration(
  working: Working,
  state: ResourceState,
  partial: { readonly source: string; readonly target: string },
  current: string | undefined,
): boolean {
  if (!state.allowMigrate || !state.managed || state.failed || state.startPending) return false;
  if (state.runningOn.length !== 2 || current !== partial.source || state.assignedTo !== partial.target) return false;
  const clean = (name: string): boolean => working.model.nodeByName.get(name)?.unclean === false;
  return clean(partial.source) && clean(partial.target);
}

/**
 * A partial migration that cannot continue, or a resource wrongly active on several nodes
 * (per multiple-active), must be stopped first.
 */
function activeElsewhereNeedsStop(working: Working, state: ResourceState, current: string | undefined): boolean {
  const partial = state.partialMigration;
  if (partial !== undefined) {
    if (continuesMigration(working, state, partial, current)) return false;
    state.partialMigration = undefined;
    return true;
  }
  if (!multiplyActive(working, state)) return false;
  const recovery = state.resource.meta.get("multiple-active") ?? "stop_start";
  state.stopUnexpected = recovery === "stop_unexpected";
  return recovery === "stop_start" || recovery === "stop_unexpected";
}

export function createPrimitiveActions(working: Working, state: ResourceState): void {
  if (state.nextRole === "Unknown")
    state.nextRole = state.assignedTo === undefined ? "Stopped" : "Started";
  const current = currentNode(state);
  let needStop = false;
  let needPromote = false;
  const moving =
    current !== undefined &&
    state.assignedTo !== undefined &&
    current !== state.assignedTo &&
    rank(state.nextRole) >= rank("Started");
  if (moving) needStop = true;
  for (const source of danglingSources(state)) {
    resourceAction(working, state, { task: "stop", node: source, optional: false }).dangling = true;
  }
  if (activeElsewhereNeedsStop(working, state, current)) needStop = true;
  if (state.startPending && state.assignedTo !== undefined) {
    resourceAction(working, state, {
      task: "start",
      node: state.assignedTo,
      optional: true,
    }).printAlways = true;
  }
  if (!moving) {
    if (state.failed) {
      if (state.stopFlag) needStop = true;
      else if (state.nextRole === "Promoted") needPromote = true;
    } else if (state.blocked) {
      needStop = true;
    } else if (
      rank(state.role) > rank("Started") &&
      current !== undefined &&
      state.assignedTo !== undefined
    ) {
      const start = resourceAction(working, state, {
        task: "start",
        node: state.assignedTo,
        optional: true,
      });
      if (!start.optional) needStop = true;
    }
  }
  scheduleRestart(working, state, current, needStop, needPromote);
  scheduleRoleTransition(working, state);
}

/** Actions implied by the history at unpack time (on-fail recovery). */
export function createRecoveryActions(working: Working, state: ResourceState): void {
  const primitive = state.resource.kind === "primitive" ? state.resource : undefined;
  if (primitive === undefined) return;
  for (const node of primitive.recoverOn) {
    if (working.model.nodeByName.get(node)?.unclean === true) continue;
    resourceAction(working, state, { task: "stop", node, optional: false });
  }
  for (const [node, onFail] of primitive.onFailByNode) {
    if (onFail === "demote" && state.runningOn.includes(node)) {
      resourceAction(working, state, { task: "demote", node, optional: false });
    }
  }
}
