import { childElements, element, ensureChild, firstChild } from "../../backend/cib/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import type { NodeId } from "../kernel/index.js";
import type { AttributeWriteValue } from "./core-types.js";

/** As Pacemaker's crm_xml_sanitize_id: ':' and '#' are not allowed in an XML id. */
export function sanitizeId(text: string): string {
  return text.replace(/[:#]/g, ".");
}

/** The nvpair id attrd gives a transient attribute: `status-<nodeid>-<name>`. */
export function transientNvpairId(nodeId: NodeId, name: string): string {
  return sanitizeId(`status-${nodeId}-${name}`);
}

/** The nvpair id crm_attribute gives a permanent node attribute: `nodes-<nodeid>-<name>`. */
export function permanentNvpairId(nodeId: NodeId, name: string): string {
  return sanitizeId(`nodes-${nodeId}-${name}`);
}

function childWithId(parent: XmlElement, name: string, id: string): XmlElement | undefined {
  return childElements(parent, name).find((child) => child.attributes["id"] === id);
}

function ensureChildWithId(
  parent: XmlElement,
  name: string,
  attributes: Record<string, string>,
): XmlElement {
  const id = attributes["id"] ?? "";
  const existing = childWithId(parent, name, id);
  if (existing !== undefined) return existing;
  const created = element(name, attributes);
  parent.children.push(created);
  return created;
}

/** Sets (or with null removes) one nvpair of an attribute set; drops the set when emptied. */
function setNvpair(
  owner: XmlElement,
  setId: string,
  pair: { readonly id: string; readonly name: string; readonly value: string | null },
): void {
  const existing = childWithId(owner, "instance_attributes", setId);
  if (pair.value === null && existing === undefined) return;
  const set = existing ?? ensureChildWithId(owner, "instance_attributes", { id: setId });
  const nvpair = childElements(set, "nvpair").find(
    (candidate) => candidate.attributes["name"] === pair.name,
  );
  if (pair.value === null) {
    if (nvpair !== undefined) set.children = set.children.filter((child) => child !== nvpair);
    if (childElements(set).length === 0)
      owner.children = owner.children.filter((child) => child !== set);
    return;
  }
  if (nvpair === undefined) {
    set.children.push(element("nvpair", { id: pair.id, name: pair.name, value: pair.value }));
  } else nvpair.attributes["value"] = pair.value;
}

function nodeState(status: XmlElement, nodeId: NodeId, uname: string): XmlElement {
  return ensureChildWithId(status, "node_state", { id: String(nodeId), uname });
}

/**
 * Writes transient attributes as pacemaker-attrd does: status/node_state[@id]/
 * transient_attributes[@id]/instance_attributes[@id=status-<nodeid>]/nvpair. Mutates `cib`.
 */
export function applyTransientValues(
  cib: XmlElement,
  values: readonly AttributeWriteValue[],
): void {
  const status = ensureChild(cib, "status");
  for (const entry of values) {
    const id = String(entry.nodeId);
    const state =
      entry.value === null
        ? childWithId(status, "node_state", id)
        : nodeState(status, entry.nodeId, entry.node);
    if (state === undefined) continue;
    const transient =
      entry.value === null
        ? childWithId(state, "transient_attributes", id)
        : ensureChildWithId(state, "transient_attributes", { id });
    if (transient === undefined) continue;
    setNvpair(transient, `status-${id}`, {
      id: transientNvpairId(entry.nodeId, entry.name),
      name: entry.name,
      value: entry.value,
    });
  }
}

/** Removes every transient attribute of a node (what happens when it leaves). Mutates `cib`. */
export function clearTransientValues(cib: XmlElement, nodeId: NodeId): void {
  const status = firstChild(cib, "status");
  const state =
    status === undefined ? undefined : childWithId(status, "node_state", String(nodeId));
  if (state === undefined) return;
  state.children = state.children.filter(
    (child) => child.kind !== "element" || child.name !== "transient_attributes",
  );
}

/** Sets or removes a permanent node attribute in configuration/nodes (crm_attribute -t nodes). */
export function applyPermanentValue(
  cib: XmlElement,
  node: { readonly nodeId: NodeId; readonly name: string },
  pair: { readonly name: string; readonly value: string | null },
): void {
  const configuration = ensureChild(cib, "configuration");
  const nodes = ensureChild(configuration, "nodes");
  const id = String(node.nodeId);
  const existing =
    childWithId(nodes, "node", id) ??
    childElements(nodes, "node").find((candidate) => candidate.attributes["uname"] === node.name);
  if (existing === undefined && pair.value === null) return;
  const owner = existing ?? ensureChildWithId(nodes, "node", { id, uname: node.name });
  const ownerId = owner.attributes["id"] ?? id;
  setNvpair(owner, `nodes-${ownerId}`, {
    id: sanitizeId(`nodes-${ownerId}-${pair.name}`),
    name: pair.name,
    value: pair.value,
  });
}

/** The transient attributes the status section holds, node by node (node_state uname). */
export function transientValuesOf(
  cib: XmlElement,
): { node: string; nodeId: string; name: string; value: string }[] {
  const status = firstChild(cib, "status");
  if (status === undefined) return [];
  const found: { node: string; nodeId: string; name: string; value: string }[] = [];
  for (const state of childElements(status, "node_state")) {
    for (const transient of childElements(state, "transient_attributes")) {
      for (const set of childElements(transient, "instance_attributes")) {
        for (const nvpair of childElements(set, "nvpair")) {
          found.push({
            node: state.attributes["uname"] ?? "",
            nodeId: state.attributes["id"] ?? "",
            name: nvpair.attributes["name"] ?? "",
            value: nvpair.attributes["value"] ?? "",
          });
        }
      }
    }
  }
  return found;
}
