/**
 * Action flags seen through orderings: a group or clone pseudo action summarizes its members'
 * actions (Pacemaker's group/clone action_flags and action_flags_for_ordering).
 */
import type { ActionState, ResourceState } from "./working.js";

export interface Flags {
  optional: boolean;
  runnable: boolean;
  /** Only a primitive's own action can be part of a migration. */
  migrateRunnable: boolean;
}

export function memberAction(
  member: ResourceState,
  task: string,
  node: string | undefined,
): ActionState | undefined {
  return member.actions.find(
    (action) =>
      action.task === task &&
      (node === undefined || action.node === undefined || action.node === node),
  );
}

/** Effective flags of an action, summarizing a collective's members (group/clone action_flags). */
/** Effective flags of an action, summarizing a collective's members (group/clone action_flags). */
export function actionFlags(action: ActionState, node: string | undefined): Flags {
  const state = action.resource;
  if (state === undefined || state.children.length === 0) {
    return { optional: action.optional, runnable: action.runnable, migrateRunnable: action.migrateRunnable };
  }
  if (state.resource.kind === "clone") return cloneFlags(action, state, node);
  const flags: Flags = { optional: true, runnable: true, migrateRunnable: false };
  const memberTask = originalTask(action.task);
  for (const member of state.children) {
    const found = memberAction(member, memberTask, node);
    if (found === undefined) {
      if (memberTask !== "stop" && memberTask !== "demote") flags.runnable = false;
      continue;
    }
    const memberFlags = actionFlags(found, node);
    if (flags.optional && !memberFlags.optional) {
      flags.optional = false;
      action.optional = false;
    }
    if (memberTask !== action.task && flags.runnable && !memberFlags.runnable) {
      flags.runnable = false;
      action.runnable = false;
    }
  }
  return flags;
}

/** summary_action_flags: a clone action is required if any instance's is, runnable if any is. */
function cloneFlags(action: ActionState, clone: ResourceState, node: string | undefined): Flags {
  const flags: Flags = { optional: true, runnable: true, migrateRunnable: false };
  let anyRunnable = false;
  for (const instance of clone.children) {
    const task = instance.children.length === 0 ? originalTask(notifiedTask(action) ?? action.task) : action.task;
    const found = instance.actions.find((candidate) => candidate.task === task && (node === undefined || candidate.node === node));
    if (found === undefined) continue;
    const instanceFlags = actionFlags(found, node);
    if (flags.optional && !instanceFlags.optional) {
      flags.optional = false;
      action.optional = false;
    }
    if (instanceFlags.runnable) anyRunnable = true;
  }
  if (!anyRunnable) {
    flags.runnable = false;
    if (node === undefined) action.runnable = false;
  }
  return flags;
}

/** action_flags_for_ordering: for a clone on a node, keep the node-less runnable bit. */
export function orderingFlags(action: ActionState, node: string | undefined): Flags {
  const flags = actionFlags(action, undefined);
  if (node === undefined || action.resource?.resource.kind !== "clone") return flags;
  const onNode = actionFlags(action, node);
  return { optional: onNode.optional, runnable: onNode.runnable || flags.runnable, migrateRunnable: false };
}

/** clone_child_action: a notification stands for the action it notifies about. */
function notifiedTask(action: ActionState): string | undefined {
  if (action.task !== "notify" && action.task !== "notified") return undefined;
  return /_notify_([a-z_]+)_0$/.exec(action.key)?.[1];
}

export function originalTask(task: string): string {
  switch (task) {
    case "running":
      return "start";
    case "stopped":
      return "stop";
    case "promoted":
      return "promote";
    case "demoted":
      return "demote";
    default:
      return task;
  }
}

