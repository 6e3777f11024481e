import type { XmlElement } from "../cib/index.js";
import { childElements, ensureChild, firstChild } from "../cib/index.js";

/** The status section's <node_state> elements. */
export function nodeStates(cib: XmlElement): XmlElement[] {
  const status = firstChild(cib, "status");
  return status === undefined ? [] : childElements(status, "node_state");
}

export function nodeStateOf(cib: XmlElement, nodeId: string): XmlElement | undefined {
  return nodeStates(cib).find((state) => state.attributes["id"] === nodeId);
}

/** A node the cluster sees as up: in the membership and its controller online. */
export function isOnline(state: XmlElement): boolean {
  const inMembership = state.attributes["in_ccm"];
  return (
    inMembership !== undefined && inMembership !== "false" && state.attributes["crmd"] === "online"
  );
}

/** The <lrm_resource> entries of a node's history. */
export function lrmResources(state: XmlElement): XmlElement[] {
  const lrm = firstChild(state, "lrm");
  const resources = lrm === undefined ? undefined : firstChild(lrm, "lrm_resources");
  return resources === undefined ? [] : childElements(resources, "lrm_resource");
}

/** Removes a node's <lrm_resource> entries for which `drop` holds; returns the removed ids. */
export function removeLrmResources(
  state: XmlElement,
  drop: (entry: XmlElement) => boolean,
): string[] {
  const lrm = firstChild(state, "lrm");
  const resources = lrm === undefined ? undefined : firstChild(lrm, "lrm_resources");
  if (resources === undefined) return [];
  const removed: string[] = [];
  resources.children = resources.children.filter((child) => {
    const gone = child.kind === "element" && child.name === "lrm_resource" && drop(child);
    if (gone) removed.push(child.attributes["id"] ?? "");
    return !gone;
  });
  return removed;
}

/** The node's transient attribute set (`status-ID`), created when `create` is set. */
export function transientSet(state: XmlElement, create: boolean): XmlElement | undefined {
  const nodeId = state.attributes["id"] ?? "";
  let transient = firstChild(state, "transient_attributes");
  if (transient === undefined) {
    if (!create) return undefined;
    transient = ensureChild(state, "transient_attributes");
    transient.attributes["id"] = nodeId;
  }
  const existing = firstChild(transient, "instance_attributes");
  if (existing !== undefined || !create) return existing;
  const created = ensureChild(transient, "instance_attributes");
  created.attributes["id"] = `status-${nodeId}`;
  return created;
}

/** The last non-recurring operation of a history entry (Pacemaker's `RSC_last_0`). */
export function lastOperation(entry: XmlElement): XmlElement | undefined {
  const operations = childElements(entry, "lrm_rsc_op");
  const named = operations.find((operation) => operation.attributes["id"]?.endsWith("_last_0"));
  if (named !== undefined) return named;
  const oneShot = operations.filter(
    (operation) => (operation.attributes["interval"] ?? "0") === "0",
  );
  const callId = (operation: XmlElement): number => Number(operation.attributes["call-id"] ?? "0");
  return oneShot.sort((left, right) => callId(right) - callId(left))[0];
}

/** Active role a history entry shows: undefined when stopped (or never run). */
export function activeRole(entry: XmlElement): "Started" | "Promoted" | undefined {
  const operation = lastOperation(entry);
  if (operation === undefined) return undefined;
  const task = operation.attributes["operation"] ?? "";
  const rc = Number(operation.attributes["rc-code"] ?? "0");
  if (rc === 7 && (task === "monitor" || task === "stop")) return undefined;
  if (task === "stop" && rc === 0) return undefined;
  if (task === "migrate_to" && rc === 0) return undefined;
  if (rc === 8 || (task === "promote" && rc === 0)) return "Promoted";
  return "Started";
}

/** True when the entry recorded a failed operation (Pacemaker keeps `RSC_last_failure_0`). */
export function hasFailure(entry: XmlElement): boolean {
  return childElements(entry, "lrm_rsc_op").some(
    (operation) =>
      operation.attributes["id"]?.includes("_last_failure_") === true ||
      !["0", undefined].includes(operation.attributes["op-status"]),
  );
}
