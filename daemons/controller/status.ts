/**
 * The status section as the DC writes it: node_state entries, each node's lrm history and
 * transient attributes, and the node entries of the configuration. Pure: changes are applied
 * to a copy of the CIB, which gets the next version; the host writes the resulting patchset.
 */
import {
  childElements,
  cloneNode,
  element,
  ensureChild,
  firstChild,
  nodesEqual,
  type XmlElement,
} from "../../backend/cib/index.js";
import { cibVersion, diffCib, nextVersion, setCibVersion, type Patchset } from "../cib/index.js";
import type { AgentRef, OpRecord, ResourceHistory } from "./core-types.js";
import { endsRecurring, isRecurringRecord } from "./history.js";

interface NodeRef {
  readonly nodeId: string;
  readonly name: string;
}

export type StatusChange =
  /** Create or update a node_state (in_ccm, crmd, join, expected). */
  | (NodeRef & {
      readonly kind: "node_state";
      readonly attributes: Readonly<Record<string, string>>;
    })
  /** Replace the node's whole lrm section with what its controller reported at join. */
  | (NodeRef & { readonly kind: "replace_history"; readonly resources: readonly ResourceHistory[] })
  /** Put one result's records into the node's history. */
  | (NodeRef & {
      readonly kind: "record_op";
      readonly resource: string;
      readonly agent: AgentRef;
      readonly records: readonly OpRecord[];
    })
  /** One resource's history on the node erased (lrm_delete). */
  | (NodeRef & { readonly kind: "delete_history"; readonly resource: string })
  /** After fencing: the node's history and transient attributes are gone. */
  | (NodeRef & { readonly kind: "clear_node" })
  /** Transient attributes (undefined deletes). */
  | (NodeRef & {
      readonly kind: "set_attributes";
      readonly attributes: Readonly<Record<string, string | undefined>>;
    })
  /** A `<node>` entry in configuration/nodes (as the controller adds joining nodes). */
  | (NodeRef & { readonly kind: "node_entry" })
  /** Cluster options the DC records in cib-bootstrap-options (dc-version, the stack). */
  | { readonly kind: "cluster_options"; readonly options: Readonly<Record<string, string>> }
  /** Attributes of the `<cib>` element (have-quorum, dc-uuid). */
  | { readonly kind: "cib_attributes"; readonly attributes: Readonly<Record<string, string>> };

function nodeState(cib: XmlElement, node: NodeRef): XmlElement {
  const status = ensureChild(cib, "status");
  const found = childElements(status, "node_state").find(
    (state) => state.attributes["id"] === node.nodeId,
  );
  if (found !== undefined) return found;
  const created = element("node_state", { id: node.nodeId, uname: node.name });
  status.children.push(created);
  return created;
}

function lrmResources(state: XmlElement): XmlElement {
  const lrm = ensureChild(state, "lrm");
  lrm.attributes["id"] ??= state.attributes["id"] ?? "";
  return ensureChild(lrm, "lrm_resources");
}

function resourceElement(history: ResourceHistory): XmlElement {
  return element(
    "lrm_resource",
    agentAttributes(history.id, history.agent),
    history.ops.map((op) => element("lrm_rsc_op", { ...op })),
  );
}

function agentAttributes(id: string, agent: AgentRef): Record<string, string> {
  return {
    id,
    type: agent.type,
    class: agent.className,
    ...(agent.provider === undefined ? {} : { provider: agent.provider }),
  };
}

function recordOp(state: XmlElement, change: Extract<StatusChange, { kind: "record_op" }>): void {
  const section = lrmResources(state);
  let entry = childElements(section, "lrm_resource").find(
    (child) => child.attributes["id"] === change.resource,
  );
  if (entry === undefined) {
    entry = element("lrm_resource", agentAttributes(change.resource, change.agent));
    section.children.push(entry);
  }
  if (endsRecurring(change.records)) {
    entry.children = entry.children.filter(
      (child) => child.kind !== "element" || !isRecurringRecord(child.attributes),
    );
  }
  for (const record of change.records) {
    const replacement = element("lrm_rsc_op", { ...record });
    const index = entry.children.findIndex(
      (child) => child.kind === "element" && child.attributes["id"] === record["id"],
    );
    if (index < 0) entry.children.push(replacement);
    else entry.children[index] = replacement;
  }
}

function setAttributes(
  state: XmlElement,
  values: Readonly<Record<string, string | undefined>>,
): void {
  const nodeId = state.attributes["id"] ?? "";
  // Deleting from a node without transient attributes changes nothing (creates no containers).
  const deletesOnly = Object.values(values).every((value) => value === undefined);
  if (deletesOnly && firstChild(state, "transient_attributes") === undefined) return;
  const transient = ensureChild(state, "transient_attributes");
  transient.attributes["id"] ??= nodeId;
  const set = ensureChild(transient, "instance_attributes");
  set.attributes["id"] ??= `status-${nodeId}`;
  for (const [name, value] of Object.entries(values)) {
    const id = `status-${nodeId}-${name}`;
    const index = set.children.findIndex(
      (child) => child.kind === "element" && child.attributes["name"] === name,
    );
    if (value === undefined) {
      if (index >= 0) set.children.splice(index, 1);
      continue;
    }
    const pair = element("nvpair", { id, name, value });
    if (index < 0) set.children.push(pair);
    else set.children[index] = pair;
  }
}

function addNodeEntry(cib: XmlElement, node: NodeRef): boolean {
  const nodes = ensureChild(ensureChild(cib, "configuration"), "nodes");
  const known = childElements(nodes, "node").some(
    (entry) => entry.attributes["id"] === node.nodeId || entry.attributes["uname"] === node.name,
  );
  if (!known) nodes.children.push(element("node", { id: node.nodeId, uname: node.name }));
  return !known;
}

/** Sets the options in crm_config's cib-bootstrap-options; true when one changed. */
function setClusterOptions(cib: XmlElement, options: Readonly<Record<string, string>>): boolean {
  const crmConfig = ensureChild(ensureChild(cib, "configuration"), "crm_config");
  const setId = "cib-bootstrap-options";
  let set = childElements(crmConfig, "cluster_property_set").find(
    (entry) => entry.attributes["id"] === setId,
  );
  let changed = false;
  for (const [name, value] of Object.entries(options)) {
    const pair = set?.children.find(
      (child): child is XmlElement => child.kind === "element" && child.attributes["name"] === name,
    );
    if (pair?.attributes["value"] === value) continue;
    changed = true;
    if (pair !== undefined) {
      pair.attributes = { ...pair.attributes, value };
      continue;
    }
    if (set === undefined) {
      set = element("cluster_property_set", { id: setId });
      crmConfig.children.unshift(set);
    }
    set.children.push(element("nvpair", { id: `${setId}-${name}`, name, value }));
  }
  return changed;
}

/** Applies one change in place; true when it changed the configuration (epoch, not num_updates). */
function applyChange(cib: XmlElement, change: StatusChange): boolean {
  switch (change.kind) {
    case "cib_attributes":
      Object.assign(cib.attributes, change.attributes);
      return false;
    case "cluster_options":
      return setClusterOptions(cib, change.options);
    case "node_entry":
      return addNodeEntry(cib, change);
    default:
      break;
  }
  const state = nodeState(cib, change);
  switch (change.kind) {
    case "node_state":
      Object.assign(state.attributes, change.attributes, {
        "crm-debug-origin": "do_state_transition",
      });
      return false;
    case "replace_history":
      lrmResources(state).children = change.resources.map(resourceElement);
      return false;
    case "record_op":
      recordOp(state, change);
      return false;
    case "delete_history": {
      const section = lrmResources(state);
      section.children = section.children.filter(
        (child) => child.kind !== "element" || child.attributes["id"] !== change.resource,
      );
      return false;
    }
    case "clear_node":
      state.children = state.children.filter(
        (child) =>
          child.kind !== "element" ||
          (child.name !== "lrm" && child.name !== "transient_attributes"),
      );
      return false;
    case "set_attributes":
      setAttributes(state, change.attributes);
      return false;
  }
}

/** Applies the changes to this CIB in place (the caller's copy; the version is left alone). */
export function editStatus(cib: XmlElement, changes: readonly StatusChange[]): XmlElement {
  for (const change of changes) applyChange(cib, change);
  return cib;
}

/** The CIB after the changes, at the next version; undefined when nothing changed. */
export function applyStatusChanges(
  cib: XmlElement,
  changes: readonly StatusChange[],
): { readonly cib: XmlElement; readonly patchset: Patchset } | undefined {
  const next = cloneNode(cib);
  let configuration = false;
  for (const change of changes) configuration = applyChange(next, change) || configuration;
  if (nodesEqual(cib, next)) return undefined;
  setCibVersion(next, nextVersion(cibVersion(cib), configuration));
  return { cib: next, patchset: diffCib(cib, next) };
}

/** Transient attributes of one node in a CIB, by name. */
export function transientAttributes(cib: XmlElement, nodeId: string): Map<string, string> {
  const values = new Map<string, string>();
  const status = firstChild(cib, "status");
  const state =
    status === undefined
      ? undefined
      : childElements(status, "node_state").find((entry) => entry.attributes["id"] === nodeId);
  const transient = state === undefined ? undefined : firstChild(state, "transient_attributes");
  for (const set of transient === undefined
    ? []
    : childElements(transient, "instance_attributes")) {
    for (const pair of childElements(set, "nvpair")) {
      const name = pair.attributes["name"];
      if (name !== undefined) values.set(name, pair.attributes["value"] ?? "");
    }
  }
  return values;
}

/** True when the node's node_state holds a transient_attributes section. */
export function hasTransientAttributes(cib: XmlElement, nodeId: string): boolean {
  const status = firstChild(cib, "status");
  const state =
    status === undefined
      ? undefined
      : childElements(status, "node_state").find((entry) => entry.attributes["id"] === nodeId);
  return state !== undefined && firstChild(state, "transient_attributes") !== undefined;
}

/** The ids of the lrm_resource entries a CIB holds for one node (undefined: no lrm section). */
export function historyIds(cib: XmlElement, nodeId: string): Set<string> | undefined {
  const status = firstChild(cib, "status");
  const state =
    status === undefined
      ? undefined
      : childElements(status, "node_state").find((entry) => entry.attributes["id"] === nodeId);
  const lrm = state === undefined ? undefined : firstChild(state, "lrm");
  const section = lrm === undefined ? undefined : firstChild(lrm, "lrm_resources");
  if (section === undefined) return undefined;
  return new Set(
    childElements(section, "lrm_resource").map((entry) => entry.attributes["id"] ?? ""),
  );
}
