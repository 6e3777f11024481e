/**
 * Clone notification pseudo actions (pe__clone_notif_pseudo_ops): for a clone with notify=true,
 * each of start, stop, promote and demote gets "pre" and "confirmed-pre" pseudo actions before
 * the clone's action, and "post" and "confirmed-post" ones after its completion. The per-instance
 * notify actions are added once flags are settled (notifications.ts).
 */
import {
  newAction,
  Order,
  orderActions,
  type ActionState,
  type NotificationData,
  type ResourceState,
  type Working,
} from "./working.js";

/** pcmk__notify_key: `rsc_pre_notify_start_0`, `rsc_confirmed-post_notify_running_0`. */
export function notifyKey(resourceId: string, type: string, task: string): string {
  return `${resourceId}_${type}_notify_${task}_0`;
}

function pseudoNotify(
  working: Working,
  clone: ResourceState,
  about: ActionState,
  spec: { task: "notify" | "notified"; keyType: string; notifyType: "pre" | "post"; operation: string },
): ActionState {
  const action = newAction(working, {
    key: notifyKey(clone.id, spec.keyType, about.task),
    task: spec.task,
    resource: clone,
    node: undefined,
    optional: about.optional,
  });
  action.pseudo = true;
  action.meta.set("notify_key_type", spec.keyType);
  action.meta.set("notify_key_operation", about.task);
  action.meta.set("notify_type", spec.notifyType);
  action.meta.set("notify_operation", spec.operation);
  return action;
}

function notificationOps(
  working: Working,
  clone: ResourceState,
  task: string,
  action: ActionState,
  complete: ActionState,
): NotificationData {
  const pre = pseudoNotify(working, clone, action, { task: "notify", keyType: "pre", notifyType: "pre", operation: task });
  const preDone = pseudoNotify(working, clone, action, {
    task: "notified", keyType: "confirmed-pre", notifyType: "pre", operation: task,
  });
  orderActions(pre, preDone, Order.optional);
  orderActions(preDone, action, Order.optional);
  const post = pseudoNotify(working, clone, complete, { task: "notify", keyType: "post", notifyType: "post", operation: task });
  const postDone = pseudoNotify(working, clone, complete, {
    task: "notified", keyType: "confirmed-post", notifyType: "post", operation: task,
  });
  post.runnable = complete.runnable;
  postDone.runnable = complete.runnable;
  orderActions(complete, post, Order.impliesThen);
  orderActions(post, postDone, Order.impliesThen);
  orderActions(preDone, post, Order.optional);
  const data: NotificationData = { clone, task, pre, preDone, post, postDone };
  working.notifications.push(data);
  return data;
}

function cloneAction(clone: ResourceState, task: string): ActionState | undefined {
  return clone.actions.find((action) => action.task === task && action.node === undefined);
}

function opsFor(working: Working, clone: ResourceState, task: string, complete: string): NotificationData | undefined {
  const action = cloneAction(clone, task);
  const done = cloneAction(clone, complete);
  if (action === undefined || done === undefined) return undefined;
  return notificationOps(working, clone, task, action, done);
}

function after(first: NotificationData | undefined, then: NotificationData | undefined): void {
  if (first?.postDone !== undefined && then?.pre !== undefined) orderActions(first.postDone, then.pre, Order.optional);
}

/** The clone's notification pseudo actions and their orderings (clone and promotable pseudo ops). */
export function createNotificationPseudoOps(working: Working, clone: ResourceState, promotable: boolean): void {
  if (clone.resource.kind !== "clone" || !clone.resource.notify) return;
  const start = opsFor(working, clone, "start", "running");
  const stop = opsFor(working, clone, "stop", "stopped");
  after(stop, start);
  if (!promotable) return;
  const promote = opsFor(working, clone, "promote", "promoted");
  const demote = opsFor(working, clone, "demote", "demoted");
  after(stop, promote);
  after(start, promote);
  after(demote, promote);
  after(demote, start);
  after(demote, stop);
}
