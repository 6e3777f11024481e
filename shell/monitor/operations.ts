/**
 * crm_mon's "Operations" section (-o, -t adds timing): per online node and resource, the
 * recorded operations in call order, read from the CIB's status section.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import { childElements, firstChild } from "../../backend/cib/index.js";
import type { ClusterModel, ResourceModel } from "../../daemons/scheduler/index.js";
import type { ListItem } from "../render/status/index.js";
import { listItem } from "../render/status/index.js";
import { formatCtime } from "./dates.js";
import { failCountOn, failNameOf, usesLegacyFailCounts, type FailCount } from "./fail-counts.js";
import { migrationThreshold } from "./node-sections.js";
import { ocfExitName } from "../../backend/ra/index.js";

function numberOf(op: XmlElement, name: string): number | undefined {
  const text = op.attributes[name];
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : undefined;
}

export interface HistoryEntry {
  readonly callId: number;
  readonly task: string;
  readonly intervalMs: number;
  readonly rc: number;
  readonly lastRcChange: number | undefined;
  readonly execMs: number | undefined;
  readonly queueMs: number | undefined;
}

function isProbeNotRunning(entry: HistoryEntry): boolean {
  return entry.task === "monitor" && entry.intervalMs === 0 && entry.rc === 7;
}

/** Pacemaker's order of history entries: call id, then (same call id) last-rc-change. */
function byCallThenChange(a: HistoryEntry, b: HistoryEntry): number {
  if (a.callId !== b.callId) return a.callId - b.callId;
  if (a.lastRcChange === undefined || b.lastRcChange === undefined) return 0;
  return a.lastRcChange - b.lastRcChange;
}

/**
 * The operations crm_mon lists for one lrm_resource, by call id: completed ones, without
 * notifications and probes that found the resource stopped.
 */
export function historyEntries(resource: XmlElement): HistoryEntry[] {
  return childElements(resource, "lrm_rsc_op")
    .filter((op) => op.attributes["operation"] !== "notify" && numberOf(op, "op-status") !== -1)
    .map((op) => ({
      callId: numberOf(op, "call-id") ?? 0,
      task: op.attributes["operation"] ?? "",
      intervalMs: numberOf(op, "interval") ?? 0,
      rc: numberOf(op, "rc-code") ?? 0,
      lastRcChange: numberOf(op, "last-rc-change"),
      execMs: numberOf(op, "exec-time"),
      queueMs: numberOf(op, "queue-time"),
    }))
    .filter((entry) => entry.callId > 0 && !isProbeNotRunning(entry))
    .sort(byCallThenChange);
}

function entryText(entry: HistoryEntry, timing: boolean): string {
  const parts: string[] = [];
  if (entry.intervalMs > 0) parts.push(`interval="${entry.intervalMs}ms"`);
  if (timing) {
    if (entry.lastRcChange !== undefined && entry.lastRcChange > 0)
      parts.push(`last-rc-change="${formatCtime(entry.lastRcChange)}"`);
    if (entry.execMs !== undefined) parts.push(`exec-time="${entry.execMs}ms"`);
    if (entry.queueMs !== undefined) parts.push(`queue-time="${entry.queueMs}ms"`);
  }
  if (timing) parts.push(`rc=${entry.rc} (${ocfExitName(entry.rc)})`);
  const task = entry.task === "monitor" && entry.intervalMs === 0 ? "probe" : entry.task;
  const head = `(${entry.callId}) ${task}`;
  return parts.length === 0 ? head : `${head}: ${parts.join(" ")}`;
}

/** lrm_resource elements of each node_state, by node name. */
export function resourceHistories(cib: XmlElement): Map<string, XmlElement[]> {
  const histories = new Map<string, XmlElement[]>();
  const status = firstChild(cib, "status");
  for (const nodeState of status === undefined ? [] : childElements(status, "node_state")) {
    const node = nodeState.attributes["uname"] ?? nodeState.attributes["id"] ?? "";
    const resources = firstChild(firstChild(nodeState, "lrm") ?? nodeState, "lrm_resources");
    histories.set(node, resources === undefined ? [] : childElements(resources, "lrm_resource"));
  }
  return histories;
}

/** Base ids of primitives inside anonymous clones (shown without their instance numbers). */
export function anonymousCloneMembers(model: ClusterModel): Set<string> {
  const members = new Set<string>();
  const visit = (resource: ResourceModel, anonymous: boolean): void => {
    if (resource.kind === "primitive") {
      if (anonymous) members.add(resource.baseId);
    } else if (resource.kind === "group")
      resource.children.forEach((child) => visit(child, anonymous));
    else resource.instances.forEach((child) => visit(child, !resource.globallyUnique));
  };
  model.resources.forEach((resource) => visit(resource, false));
  return members;
}

/**
 * The id crm_mon shows for a history entry: an anonymous clone's instance by the primitive's
 * id (without `:N`); unique clone instances and orphans as recorded.
 */
export function shownId(id: string, anonymous: ReadonlySet<string>): string {
  const base = id.replace(/:\d+$/, "");
  return anonymous.has(base) ? base : id;
}

/** ` fail-count=N last-failure='DATE'`, each part only when there is one. */
export function failureText(failure: FailCount): string {
  const count = failure.failCount > 0 ? ` fail-count=${failure.failCount}` : "";
  const last =
    failure.lastFailure === undefined ? "" : ` last-failure='${formatCtime(failure.lastFailure)}'`;
  return `${count}${last}`;
}

/** "Operations" (-o): shown once any online node is in the status section. */
export function operationsSection(
  cib: XmlElement,
  model: ClusterModel,
  timing: boolean,
): ListItem | undefined {
  const histories = resourceHistories(cib);
  const anonymous = anonymousCloneMembers(model);
  const legacy = usesLegacyFailCounts(cib);
  const items: ListItem[] = [];
  let anyOnline = false;
  for (const [name, lrmResources] of histories) {
    const node = model.nodeByName.get(name);
    if (node === undefined || !node.online) continue;
    anyOnline = true;
    const resources: ListItem[] = [];
    for (const resource of lrmResources) {
      const entries = historyEntries(resource);
      if (entries.length === 0) continue;
      const lrmId = resource.attributes["id"] ?? "";
      const id = shownId(lrmId, anonymous);
      const failure = failCountOn(node, failNameOf(lrmId, anonymous), legacy);
      const failed = failureText(failure);
      const threshold = migrationThreshold(model, id);
      const lines = entries.map((entry) => listItem(entryText(entry, timing)));
      resources.push(listItem(`${id}: migration-threshold=${threshold}${failed}`, lines));
    }
    if (resources.length > 0) items.push(listItem(`Node: ${node.name}`, resources));
  }
  return anyOnline ? listItem("Operations", items) : undefined;
}
