/**
 * The Transition Summary lines, in Pacemaker's wording (pcmk_output.c rsc_action_default and
 * rsc_action_item): Start, Stop, Move, Restart, Recover, Promote, Demote, Re-promote, Fence.
 */
import type { Role } from "./model.js";
import { currentNode, type ActionState, type ResourceState, type Working } from "./working.js";

const roleRank: Record<Role, number> = {
  Unknown: 0,
  Stopped: 1,
  Started: 2,
  Unpromoted: 3,
  Promoted: 4,
};

interface Widths {
  resource: number;
  details: number;
}

function findFirst(
  state: ResourceState,
  task: string,
  node: string | undefined,
): ActionState | undefined {
  return state.actions.find(
    (action) =>
      action.task === task &&
      action.intervalMs === 0 &&
      (node === undefined || action.node === undefined || action.node === node),
  );
}

interface Item {
  readonly change: string;
  readonly state: ResourceState;
  readonly role: Role;
  readonly origin: string | undefined;
  readonly destination: string | undefined;
  readonly action: ActionState | undefined;
  readonly source: ActionState | undefined;
}

function details(item: Item): string {
  const { state, role, origin, destination } = item;
  const nextRole = state.nextRole;
  const needRole = roleRank[role] > roleRank.Started || roleRank[nextRole] > roleRank.Unpromoted;
  const sameHost = origin !== undefined && destination !== undefined && origin === destination;
  const sameRole = role === nextRole;
  if (needRole && origin === undefined) return `${role} -> ${nextRole} ${destination ?? ""}`;
  if (origin === undefined) return destination ?? "";
  if (needRole && destination === undefined) return `${role} ${origin}`;
  if (destination === undefined) return origin;
  if (needRole && sameRole && sameHost) return `${role} ${origin}`;
  if (sameRole && sameHost) return origin;
  if (needRole && sameRole) return `${origin} -> ${destination} ${role}`;
  if (sameRole) return `${origin} -> ${destination}`;
  if (sameHost) return `${role} -> ${nextRole} ${origin}`;
  return `${role} ${origin} -> ${nextRole} ${destination}`;
}

function formatItem(item: Item, widths: Widths): string | undefined {
  const action = item.action;
  if (action === undefined) return undefined;
  if (item.origin === undefined && item.destination === undefined) return undefined;
  const source = item.source ?? action;
  const text = details(item);
  if (item.state.id.length > widths.resource) widths.resource = item.state.id.length + 2;
  if (text.length > widths.details) widths.details = text.length;
  let reason = "";
  if (source.reason !== undefined && !action.runnable) reason = `due to ${source.reason} (blocked)`;
  else if (source.reason !== undefined) reason = `due to ${source.reason}`;
  else if (!action.runnable) reason = "blocked";
  const change = item.change.padEnd(8);
  const id = item.state.id.padEnd(widths.resource);
  const padded = text.padStart(widths.details);
  return `  * ${change}   ${id}   ( ${padded} )${reason === "" ? "" : "  "}${reason}`;
}

/** A reload-agent that no required stop or demote cancelled (pe_rsc_reload). */
function reloading(state: ResourceState): boolean {
  return state.actions.some((action) => action.task === "reload-agent" && !action.optional);
}

function sameRoleItems(
  base: Omit<Item, "change" | "action" | "source" | "destination" | "origin">,
  actions: Record<string, ActionState | undefined>,
  nodes: { current: string | undefined; next: string | undefined; moving: boolean },
): Item[] {
  const { start, stop, promote, demote } = actions;
  const item = (
    change: string,
    origin: string | undefined,
    destination: string | undefined,
    action: ActionState | undefined,
    source?: ActionState,
  ): Item => ({ ...base, change, origin, destination, action, source });
  if (nodes.next === undefined) return [];
  const migrateFrom = base.state.actions.find(
    (action) => action.task === "migrate_from" && action.node === nodes.next,
  );
  if (migrateFrom !== undefined && nodes.current !== undefined && migrateFrom.runnable) {
    return [item("Migrate", nodes.current, nodes.next, start)];
  }
  if (reloading(base.state)) return [item("Reload", nodes.current, nodes.next, start)];
  if (start === undefined || start.optional) {
    if (demote !== undefined && promote !== undefined && !demote.optional && !promote.optional) {
      return [item("Re-promote", nodes.current, nodes.next, promote, demote)];
    }
    return [];
  }
  if (!start.runnable)
    return [
      item("Stop", nodes.current, undefined, stop, stop?.reason !== undefined ? stop : start),
    ];
  if (nodes.moving && nodes.current !== undefined) {
    return [item(base.state.failed ? "Recover" : "Move", nodes.current, nodes.next, stop)];
  }
  if (base.state.failed) return [item("Recover", nodes.current, undefined, stop)];
  return [item("Restart", nodes.current, nodes.next, start)];
}

function resourceItems(state: ResourceState): Item[] {
  if (!state.managed) return [];
  const current = currentNode(state);
  const next = state.assignedTo;
  if (current === undefined && next === undefined) return [];
  let role = state.role;
  if (state.runningOn.length > 0 && role === "Stopped") role = "Started";
  if (current === undefined && state.orphan) return [];
  const moving = current !== undefined && next !== undefined && current !== next;
  const start = findFirst(state, "start", next);
  const startNode = start === undefined || !start.runnable ? undefined : current;
  const stop = findFirst(state, "stop", startNode) ?? (state.stopUnexpected ? findFirst(state, "stop", undefined) : undefined);
  const promote = findFirst(state, "promote", next);
  const demote = findFirst(state, "demote", next);
  const base = { state, role };
  const item = (
    change: string,
    origin: string | undefined,
    destination: string | undefined,
    action: ActionState | undefined,
    source?: ActionState,
  ): Item => ({ ...base, change, origin, destination, action, source });
  if (role === state.nextRole)
    return sameRoleItems(base, { start, stop, promote, demote }, { current, next, moving });
  if (
    stop !== undefined &&
    (state.nextRole === "Stopped" || (start !== undefined && !start.runnable))
  ) {
    return state.runningOn.map((node) => {
      const stopOnNode = state.actions.find(
        (action) => action.task === "stop" && action.node === node,
      );
      return item(
        "Stop",
        node,
        undefined,
        stopOnNode,
        stopOnNode?.reason !== undefined ? stopOnNode : start,
      );
    });
  }
  if (stop !== undefined && state.failed && state.stopFlag)
    return [item("Recover", current, next, stop, start)];
  if (moving) return [item("Move", current, next, stop)];
  if (reloading(state)) return [item("Reload", current, next, start)];
  if (stop !== undefined && !stop.optional) return [item("Restart", current, next, start)];
  if (role === "Promoted") return [item("Demote", current, next, demote)];
  if (state.nextRole === "Promoted") return [item("Promote", current, next, promote)];
  if (role === "Stopped" && roleRank[state.nextRole] > roleRank.Stopped)
    return [item("Start", current, next, start)];
  return [];
}

function walk(state: ResourceState, into: ResourceState[]): void {
  if (state.children.length === 0) {
    if (state.resource.kind === "primitive") into.push(state);
    return;
  }
  for (const child of state.children) walk(child, into);
}

export function transitionSummary(working: Working): string[] {
  const lines: string[] = [];
  for (const action of [...working.actions].reverse()) {
    if (action.resource !== undefined || action.optional || action.task !== "stonith") continue;
    if (action.reason === undefined) continue;
    lines.push(
      `  * Fence (${action.meta.get("stonith_action") ?? "reboot"}) ${action.node ?? ""} '${action.reason}'`,
    );
  }
  const widths: Widths = { resource: 5, details: 5 };
  const primitives: ResourceState[] = [];
  for (const state of working.topLevel) walk(state, primitives);
  for (const state of primitives) {
    for (const item of resourceItems(state)) {
      const line = formatItem(item, widths);
      if (line !== undefined) lines.push(line);
    }
  }
  return lines;
}
