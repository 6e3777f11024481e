/**
 * The node list, as Pacemaker's `node_list_text`: nodes in a special state get their own
 * `Node NAME: STATE` line (in node order), the rest are summarised as
 * `Online: [ … ]` and `OFFLINE: [ … ]` (remote nodes as `RemoteOnline`/`RemoteOFFLINE`).
 */
import type { StatusModel, StatusNode } from "./model.js";
import { primitivesOf } from "./resource-facts.js";
import type { ListItem } from "./tree.js";
import { listItem } from "./tree.js";

function isStandby(node: StatusNode): boolean {
  return node.standby && node.unseen !== true;
}

function isMaintenance(node: StatusNode): boolean {
  return node.maintenance && node.unseen !== true;
}

/** Pacemaker's `node_text_status`. */
export function nodeStateText(node: StatusNode, hasActiveResources: boolean): string {
  if (node.unclean) {
    if (node.online) return "UNCLEAN (online)";
    return node.pending ? "UNCLEAN (pending)" : "UNCLEAN (offline)";
  }
  if (node.pending) return "pending";
  if (node.standbyOnFail && node.online) return "standby (on-fail)";
  if (isStandby(node)) {
    if (!node.online) return "OFFLINE (standby)";
    return hasActiveResources ? "standby (with active resources)" : "standby";
  }
  if (isMaintenance(node)) return node.online ? "maintenance" : "OFFLINE (maintenance)";
  return node.online ? "online" : "OFFLINE";
}

function isShownAlone(node: StatusNode): boolean {
  return (
    node.unclean ||
    node.pending ||
    (node.standbyOnFail && node.online) ||
    isStandby(node) ||
    isMaintenance(node)
  );
}

/** Names of nodes where some primitive is active. */
export function nodesRunningResources(model: StatusModel): Set<string> {
  const busy = new Set<string>();
  for (const resource of model.resources) {
    for (const primitive of primitivesOf(resource)) {
      for (const node of primitive.activeOn.keys()) busy.add(node);
    }
  }
  return busy;
}

export function renderNodeList(model: StatusModel): ListItem[] {
  const busy = nodesRunningResources(model);
  const items: ListItem[] = [];
  const summaries = new Map<string, string[]>([
    ["Online", []],
    ["OFFLINE", []],
    ["RemoteOnline", []],
    ["RemoteOFFLINE", []],
  ]);
  for (const node of model.nodes) {
    if (isShownAlone(node)) {
      const kind = node.type === "remote" ? "RemoteNode" : "Node";
      items.push(listItem(`${kind} ${node.name}: ${nodeStateText(node, busy.has(node.name))}`));
      continue;
    }
    const remote = node.type === "remote" ? "Remote" : "";
    const list = summaries.get(`${remote}${node.online ? "Online" : "OFFLINE"}`);
    list?.push(node.name);
  }
  for (const [label, names] of summaries) {
    if (names.length === 0) continue;
    const list = `[ ${names.join(" ")} ]`;
    items.push({ text: `${label}: ${list}`, plain: list });
  }
  return items;
}
