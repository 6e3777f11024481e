import { sortedNodeIds, type NodeId, type RingId } from "../kernel/index.js";
import type { Context } from "./core-state.js";
import type { InstallMessage, OrderedMessage } from "./messages.js";
import type { GroupMemberChange } from "./types.js";

/** A delivered group_join / group_leave: every member applies it at the same place in order. */
export function applyGroupControl(context: Context, ringId: RingId, message: OrderedMessage): void {
  const { state, config } = context;
  const members = state.groups.get(message.group) ?? new Set<NodeId>();
  const self = config.nodeId;
  if (message.control === "group_join") {
    if (members.has(message.sender)) return;
    members.add(message.sender);
    state.groups.set(message.group, members);
    if (!members.has(self)) return;
    const joined = [{ nodeId: message.sender, reason: "join" } as const];
    announce(context, { group: message.group, ringId, members, joined, left: [] });
  } else {
    if (!members.has(message.sender)) return;
    const wasMember = members.has(self);
    members.delete(message.sender);
    if (members.size === 0) state.groups.delete(message.group);
    if (!wasMember) return;
    const left = [{ nodeId: message.sender, reason: "leave" } as const];
    announce(context, { group: message.group, ringId, members, joined: [], left });
  }
}

interface GroupChange {
  readonly group: string;
  readonly ringId: RingId;
  readonly members: ReadonlySet<NodeId>;
  readonly joined: readonly GroupMemberChange[];
  readonly left: readonly GroupMemberChange[];
}

function announce(context: Context, change: GroupChange): void {
  context.outbox.push({
    kind: "group_changed",
    group: change.group,
    ringId: change.ringId,
    members: sortedNodeIds(change.members),
    joined: change.joined,
    left: change.left,
  });
}

/**
 * At a new view every member takes the same group table from the install (each member's own
 * report), and reports the differences for the groups this node is in, as CPG's confchg does.
 */
export function installGroups(
  context: Context,
  install: InstallMessage,
  previousMembers: readonly NodeId[],
): void {
  const { state, config } = context;
  const next = new Map<string, Set<NodeId>>();
  for (const entry of install.groups) {
    for (const group of entry.groups)
      next.set(group, (next.get(group) ?? new Set()).add(entry.nodeId));
  }
  const names = [...new Set([...state.groups.keys(), ...next.keys()])].sort();
  for (const group of names) {
    const before = state.groups.get(group) ?? new Set<NodeId>();
    const after = next.get(group) ?? new Set<NodeId>();
    if (!before.has(config.nodeId) && !after.has(config.nodeId)) continue;
    const joined = sortedNodeIds([...after].filter((nodeId) => !before.has(nodeId))).map(
      (nodeId): GroupMemberChange => ({
        nodeId,
        reason: previousMembers.includes(nodeId) ? "join" : "nodeup",
      }),
    );
    const left = sortedNodeIds([...before].filter((nodeId) => !after.has(nodeId))).map(
      (nodeId): GroupMemberChange => ({
        nodeId,
        reason: install.members.includes(nodeId) ? "leave" : "nodedown",
      }),
    );
    if (joined.length === 0 && left.length === 0) continue;
    announce(context, { group, ringId: install.ringId, members: after, joined, left });
  }
  state.groups.clear();
  for (const [group, members] of next) state.groups.set(group, members);
}
