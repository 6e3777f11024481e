/**
 * Clone notifications, added to the graph once action flags are settled (pe__create_notifications):
 * the notify environment (who starts, stops, promotes, demotes; who is active, inactive,
 * promoted, unpromoted), then a "pre" and/or "post" notify action on each instance's node,
 * between the clone's notification pseudo actions.
 */
import { actionFlags } from "./action-flags.js";
import { notifyKey } from "./notify-pseudo.js";
import {
  newAction,
  Order,
  orderActions,
  primitiveStates,
  type ActionState,
  type NotificationData,
  type ResourceState,
  type Working,
} from "./working.js";

interface Entry {
  readonly resource: ResourceState;
  readonly node: string | undefined;
}

interface Collected {
  readonly lists: Map<string, Entry[]>;
}

const activityTasks = ["start", "stop", "promote", "demote"];

/** collect_resource_data: each instance's role and its required, runnable actions. */
function collect(working: Working, clone: ResourceState): Collected {
  const lists = new Map<string, Entry[]>(
    ["start", "stop", "promote", "demote", "active", "inactive", "promoted", "unpromoted"].map((name) => [name, []]),
  );
  const add = (list: string, entry: Entry): void => {
    lists.get(list)?.push(entry);
  };
  for (const instance of primitiveStates(clone)) {
    const entry = { resource: instance, node: instance.runningOn[0] };
    if (instance.role === "Stopped" || instance.role === "Unknown") add("inactive", entry);
    else add("active", entry);
    if (instance.role === "Unpromoted") add("unpromoted", entry);
    if (instance.role === "Promoted") add("promoted", entry);
    for (const action of instance.actions) {
      if (action.optional || action.node === undefined || !activityTasks.includes(action.task)) continue;
      const unclean = working.model.nodeByName.get(action.node)?.unclean === true;
      if (!action.runnable && !(action.task === "stop" && unclean)) continue;
      add(action.task, { resource: instance, node: action.node });
    }
  }
  return { lists };
}

function nodeId(working: Working, name: string | undefined): string {
  return name === undefined ? "" : (working.model.nodeByName.get(name)?.id ?? name);
}

/** notify_entries_to_strings: sorted by resource then node id, one entry per instance. */
function words(working: Working, entries: readonly Entry[], withNodes: boolean): [string, string] {
  const sorted = [...entries]
    .filter((entry) => !withNodes || entry.node !== undefined)
    .sort((a, b) => compareText(a.resource.id, b.resource.id) || compareText(nodeId(working, a.node), nodeId(working, b.node)));
  const resources: string[] = [];
  const nodes: string[] = [];
  let last: string | undefined;
  for (const entry of sorted) {
    if (entry.resource.id === last) continue;
    last = entry.resource.id;
    resources.push(entry.resource.id);
    if (entry.node !== undefined) nodes.push(entry.node);
  }
  return [resources.join(" ") || " ", nodes.join(" ") || " "];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** add_notif_keys: the notify_* environment every notify action of this data carries. */
function notifyKeys(working: Working, clone: ResourceState, collected: Collected): Map<string, string> {
  const keys = new Map<string, string>();
  const list = (name: string): Entry[] => collected.lists.get(name) ?? [];
  for (const name of ["stop", "start", "demote", "promote", "active"]) {
    const [resources, nodes] = words(working, list(name), true);
    keys.set(`notify_${name}_resource`, resources);
    keys.set(`notify_${name}_uname`, nodes);
  }
  for (const [name, legacy] of [["unpromoted", "slave"], ["promoted", "master"]] as const) {
    const [resources, nodes] = words(working, list(name), true);
    for (const key of [name, legacy]) {
      keys.set(`notify_${key}_resource`, resources);
      keys.set(`notify_${key}_uname`, nodes);
    }
  }
  keys.set("notify_inactive_resource", words(working, list("inactive"), false)[0]);
  const allowed = [...clone.allowed.keys()].sort(compareText);
  keys.set("notify_available_uname", allowed.join(" ") || " ");
  keys.set("notify_all_uname", working.nodes.map((node) => node.name).join(" ") || " ");
  return keys;
}

function withKeys(action: ActionState, keys: ReadonlyMap<string, string>): void {
  for (const [name, value] of keys) if (!action.meta.has(name)) action.meta.set(name, value);
}

/** new_notify_action: a notify on one node, after the pseudo `op` and before `done`. */
function notifyAction(working: Working, instance: ResourceState, node: string, op: ActionState | undefined, done: ActionState | undefined, keys: ReadonlyMap<string, string>): ActionState | undefined {
  if (op === undefined || done === undefined || !op.runnable) return undefined;
  if (working.model.nodeByName.get(node)?.online !== true) return undefined;
  const type = op.meta.get("notify_type") ?? "pre";
  const task = op.meta.get("notify_operation") ?? "";
  const action = newAction(working, {
    key: notifyKey(instance.id, type, task), task: "notify", resource: instance, node, optional: op.optional,
  });
  for (const [name, value] of op.meta) if (!action.meta.has(name)) action.meta.set(name, value);
  withKeys(action, keys);
  orderActions(op, action, Order.optional);
  orderActions(action, done, Order.optional);
  return action;
}

function postNotify(working: Working, instance: ResourceState, node: string, data: NotificationData, keys: ReadonlyMap<string, string>): void {
  notifyAction(working, instance, node, data.post, data.postDone, keys);
  if (data.postDone === undefined) return;
  for (const monitor of instance.actions) {
    if (monitor.intervalMs > 0 && monitor.task !== "cancel") orderActions(data.postDone, monitor, Order.optional);
  }
}

/** create_notify_actions for one instance. */
function instanceNotifications(working: Working, instance: ResourceState, data: NotificationData, collected: Collected, keys: ReadonlyMap<string, string>): void {
  for (const action of instance.actions) {
    if (!action.optional && action.node !== undefined && activityTasks.includes(action.task)) withKeys(action, keys);
  }
  if (data.task !== "stop" && (collected.lists.get(data.task) ?? []).length === 0) return;
  if (instance.role !== "Stopped" && (data.task === "stop" || data.task === "demote")) {
    const stop = instance.actions.find((action) => action.task === "stop");
    for (const node of instance.runningOn) {
      if (stop?.pseudo === true && working.model.nodeByName.get(node)?.unclean === true) continue;
      notifyAction(working, instance, node, data.pre, data.preDone, keys);
      if (data.task === "demote" || stop === undefined || stop.optional) postNotify(working, instance, node, data, keys);
    }
  }
  if (instance.nextRole !== "Stopped" && (data.task === "start" || data.task === "promote")) {
    const start = instance.actions.find((action) => action.task === "start");
    const node = instance.assignedTo;
    if (node === undefined) return;
    if (data.task !== "start" || start === undefined || start.optional) {
      notifyAction(working, instance, node, data.pre, data.preDone, keys);
    }
    postNotify(working, instance, node, data, keys);
  }
}

/** The task a clone's notification is about must be required for its pseudo actions to be. */
function required(data: NotificationData, collected: Collected): boolean {
  return (collected.lists.get(data.task) ?? []).length > 0;
}

/** pe__create_notifications for every clone with notify=true (the graph's expand stage). */
export function createNotifications(working: Working): void {
  for (const data of working.notifications) {
    for (const action of data.clone.actions) actionFlags(action, undefined);
    const collected = collect(working, data.clone);
    const keys = notifyKeys(working, data.clone, collected);
    if (required(data, collected)) {
      for (const action of [data.pre, data.preDone, data.post, data.postDone]) if (action !== undefined) action.optional = false;
    }
    for (const instance of primitiveStates(data.clone)) instanceNotifications(working, instance, data, collected, keys);
  }
}
