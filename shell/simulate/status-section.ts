/**
 * Edits of a CIB's status section as Pacemaker's injection code makes them: node_state
 * entries, resource history (`lrm_resource` / `lrm_rsc_op`) and transient attributes.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import { childElements, element, ensureChild, firstChild } from "../../backend/cib/index.js";

/** The origin and feature set crm_simulate stamps on what it writes. */
export const simulateOrigin = "crm_simulate";
export const simulateFeatureSet = "3.16.1";
const fakeTransitionUuid = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

export function statusOf(cib: XmlElement): XmlElement {
  return ensureChild(cib, "status");
}

/** The node's id from `<nodes>`, found by uname (or id). */
export function configuredNodeId(cib: XmlElement, name: string): string | undefined {
  const nodes = firstChild(firstChild(cib, "configuration") ?? element("configuration"), "nodes");
  for (const node of nodes === undefined ? [] : childElements(nodes, "node")) {
    if (node.attributes["uname"] === name) return node.attributes["id"] ?? name;
  }
  for (const node of nodes === undefined ? [] : childElements(nodes, "node")) {
    if (node.attributes["id"] === name && node.attributes["uname"] === undefined) return name;
  }
  return undefined;
}

export function findNodeState(cib: XmlElement, name: string): XmlElement | undefined {
  return childElements(statusOf(cib), "node_state").find(
    (state) => state.attributes["uname"] === name,
  );
}

/**
 * Counts one change of the CIB in `num_updates`, as the CIB manager does for each create,
 * modify, replace or delete crm_simulate sends it.
 */
export function countUpdate(cib: XmlElement): void {
  const updates = Number.parseInt(cib.attributes["num_updates"] ?? "0", 10);
  cib.attributes["num_updates"] = String((Number.isNaN(updates) ? 0 : updates) + 1);
}

/** The node's node_state, created (`id`, `uname`) when missing (`pcmk__inject_node`). */
export function ensureNodeState(cib: XmlElement, name: string, id: string): XmlElement {
  const existing = findNodeState(cib, name);
  if (existing !== undefined) return existing;
  const created = element("node_state", { id, uname: name });
  statusOf(cib).children.push(created);
  countUpdate(cib);
  return created;
}

/** Sets attributes in order, keeping existing ones in place (`crm_xml_add`). */
export function setAttributes(target: XmlElement, values: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(values)) target.attributes[name] = value;
}

/** Brings a node up or down (`pcmk__inject_node_state_change`). */
export function setNodeMembership(state: XmlElement, up: boolean): void {
  setAttributes(
    state,
    up
      ? { in_ccm: "true", crmd: "online", join: "member", expected: "member" }
      : { in_ccm: "false", crmd: "offline", join: "down", expected: "down" },
  );
  state.attributes["crm-debug-origin"] = simulateOrigin;
}

/** Removes the named children; true when there were any. */
export function removeChildren(parent: XmlElement, name: string): boolean {
  const before = parent.children.length;
  parent.children = parent.children.filter(
    (child) => child.kind !== "element" || child.name !== name,
  );
  return parent.children.length !== before;
}

export interface AgentOf {
  readonly className: string;
  readonly provider: string | undefined;
  readonly type: string;
}

function lrmResourcesOf(state: XmlElement): XmlElement {
  let lrm = firstChild(state, "lrm");
  if (lrm === undefined) {
    lrm = element("lrm", { id: state.attributes["id"] ?? "" });
    state.children.push(lrm);
  }
  return ensureChild(lrm, "lrm_resources");
}

interface HistoryIndex {
  /** children.length when the index was built: any other change rebuilds it. */
  size: number;
  readonly byId: Map<string, XmlElement>;
}

/**
 * lrm_resource entries by id, per lrm_resources element: a transition records one result per
 * action, and a linear search per result made large start-ups quadratic.
 */
const historyIndexes = new WeakMap<XmlElement, HistoryIndex>();

function historyIndex(container: XmlElement): HistoryIndex {
  const cached = historyIndexes.get(container);
  if (cached !== undefined && cached.size === container.children.length) return cached;
  const byId = new Map<string, XmlElement>();
  for (const entry of childElements(container, "lrm_resource")) {
    const id = entry.attributes["id"] ?? "";
    if (!byId.has(id)) byId.set(id, entry);
  }
  const index = { size: container.children.length, byId };
  historyIndexes.set(container, index);
  return index;
}

/** The node's history entry for a resource, created when missing. */
export function ensureResourceHistory(
  state: XmlElement,
  ids: readonly string[],
  agent: AgentOf,
): XmlElement {
  const container = lrmResourcesOf(state);
  const index = historyIndex(container);
  for (const id of ids) {
    const found = index.byId.get(id);
    if (found !== undefined) return found;
  }
  const created = element("lrm_resource", {
    id: ids[ids.length - 1] ?? "",
    class: agent.className,
  });
  if (agent.provider !== undefined) created.attributes["provider"] = agent.provider;
  created.attributes["type"] = agent.type;
  container.children.push(created);
  index.byId.set(created.attributes["id"] ?? "", created);
  index.size = container.children.length;
  return created;
}

/** One above the highest call-id of the resource's history (Pacemaker's create_op). */
export function nextCallId(resourceHistory: XmlElement): number {
  let highest = 0;
  for (const operation of childElements(resourceHistory)) {
    const callId = Number.parseInt(operation.attributes["call-id"] ?? "0", 10);
    if (!Number.isNaN(callId) && callId > highest) highest = callId;
  }
  return highest + 1;
}

export interface OperationResult {
  readonly resource: string;
  readonly task: string;
  readonly intervalMs: number;
  readonly rc: number;
  readonly opStatus: number;
  readonly callId: number;
  readonly targetRc: number;
  readonly exitReason: string;
  /** Epoch seconds written as last-rc-change. */
  readonly now: number;
  readonly digest?: string;
  /** For notifications: the history id `rsc_TYPE_notify_TASK_0`. */
  readonly notifyId?: string;
}

function historyIds(result: OperationResult, failed: boolean): string[] {
  if (result.notifyId !== undefined) return [result.notifyId];
  if (failed) {
    const last = `${result.resource}_last_failure_0`;
    return result.intervalMs === 0 ? [last, `${result.resource}_last_0`] : [last];
  }
  if (result.intervalMs > 0) return [`${result.resource}_${result.task}_${result.intervalMs}`];
  return [`${result.resource}_last_0`];
}

/** Records an executor result as the controller does (`pcmk__create_history_xml`). */
export function recordOperation(
  resourceHistory: XmlElement,
  result: OperationResult,
): XmlElement[] {
  const failed =
    result.notifyId === undefined && (result.rc !== result.targetRc || result.opStatus !== 0);
  const key = `${result.callId}:-1:${result.targetRc}:${fakeTransitionUuid}`;
  const written: XmlElement[] = [];
  for (const id of historyIds(result, failed)) {
    let entry = childElements(resourceHistory, "lrm_rsc_op").find(
      (op) => op.attributes["id"] === id,
    );
    if (entry === undefined) {
      entry = element("lrm_rsc_op");
      resourceHistory.children.push(entry);
    }
    setAttributes(entry, {
      id,
      operation_key: `${result.resource}_${result.task}_${result.intervalMs}`,
      operation: result.task,
      "crm-debug-origin": simulateOrigin,
      crm_feature_set: simulateFeatureSet,
      "transition-key": key,
      "transition-magic": `${result.opStatus}:${result.rc};${key}`,
      "exit-reason": failed ? result.exitReason : "",
      "call-id": String(result.callId),
      "rc-code": String(result.rc),
      "op-status": String(result.opStatus),
      interval: String(result.intervalMs),
      "last-rc-change": String(result.now),
      "exec-time": "0",
      "queue-time": "0",
    });
    if (result.digest !== undefined) entry.attributes["op-digest"] = result.digest;
    written.push(entry);
  }
  return written;
}

/** Pacemaker's crm_xml_sanitize_id: characters an XML id cannot hold become '.'. */
export function sanitizeId(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]/g, ".");
}

/**
 * Sets a transient attribute of the node (`inject_transient_attr`); `value++` increments an
 * existing integer value as the CIB manager expands it.
 */
export function setTransientAttribute(state: XmlElement, name: string, value: string): void {
  const nodeId = state.attributes["id"] ?? "";
  let attributes = firstChild(state, "transient_attributes");
  if (attributes === undefined) {
    attributes = element("transient_attributes", { id: nodeId });
    state.children.push(attributes);
  }
  let set = firstChild(attributes, "instance_attributes");
  if (set === undefined) {
    set = element("instance_attributes", { id: nodeId });
    attributes.children.push(set);
  }
  let pair = childElements(set, "nvpair").find(
    (candidate) => candidate.attributes["name"] === name,
  );
  if (pair === undefined) {
    pair = element("nvpair", {
      id: sanitizeId(`${set.attributes["id"] ?? nodeId}-${name}`),
      name,
      value: "",
    });
    set.children.push(pair);
  }
  pair.attributes["value"] = value === "value++" ? incremented(pair.attributes["value"]) : value;
}

function incremented(previous: string | undefined): string {
  if (previous === "INFINITY" || previous === "+INFINITY") return "INFINITY";
  const number = Number.parseInt(previous ?? "0", 10);
  const next = (Number.isNaN(number) ? 0 : number) + 1;
  return next >= 1000000 ? "INFINITY" : String(next);
}
