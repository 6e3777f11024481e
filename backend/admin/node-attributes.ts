import type { Result } from "../base/index.js";
import { fail, issue, ok } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { firstChild } from "../cib/index.js";
import type { AdminChange, AdminCode, AdminIssue } from "./change.js";
import { changeCopy } from "./change.js";
import { findNode, findNodeState } from "./nodes.js";
import { idsOf, nvpairsNamed, removeAttribute, setAttribute } from "./nvpairs.js";
import { transientSet } from "./status-section.js";

/**
 * Where a node attribute lives, as crm_attribute's scopes: `nodes` (the node's
 * instance_attributes, `crm node attribute`), `utilization` (`crm node utilization`, -z) and
 * `status` (transient attributes that end with the node's membership, `crm node status-attr`).
 */
export type NodeAttributeScope = "nodes" | "utilization" | "status";

export interface NodeAttributeRequest {
  readonly node: string;
  readonly scope: NodeAttributeScope;
  readonly name: string;
}

interface Owner {
  readonly element: XmlElement;
  readonly setName: string;
  readonly setId: string;
}

function ownerOf(
  cib: XmlElement,
  request: NodeAttributeRequest,
  create: boolean,
): Owner | AdminIssue | undefined {
  if (request.scope === "status") {
    const state = findNodeState(cib, request.node);
    if ("code" in state) return state;
    if (transientSet(state, create) === undefined) return undefined;
    const transient = firstChild(state, "transient_attributes");
    if (transient === undefined) return undefined;
    const setId = `status-${state.attributes["id"] ?? request.node}`;
    return { element: transient, setName: "instance_attributes", setId };
  }
  const node = findNode(cib, request.node);
  if ("code" in node) return node;
  const id = node.attributes["id"] ?? request.node;
  return request.scope === "nodes"
    ? { element: node, setName: "instance_attributes", setId: `nodes-${id}` }
    : { element: node, setName: "utilization", setId: `nodes-${id}-utilization` };
}

/** `set`: as crm_attribute -N NODE -n NAME -v VALUE (with -t nodes, -z, or -l reboot). */
export function setNodeAttribute(
  cib: XmlElement,
  request: NodeAttributeRequest & { readonly value: string },
): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const owner = ownerOf(copy, request, true);
    if (owner === undefined) return issue("no_status", `Node ${request.node} has no status`);
    if ("code" in owner) return owner;
    const ids = idsOf(copy);
    setAttribute(
      owner.element,
      {
        setName: owner.setName,
        choice: "named",
        defaultSetId: owner.setId,
        name: request.name,
        value: request.value,
      },
      ids,
    );
    return [];
  });
}

/** `delete`: crm_attribute -D, printing `Deleted nodes attribute: id=… name=…`. */
export function deleteNodeAttribute(
  cib: XmlElement,
  request: NodeAttributeRequest,
): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const owner = ownerOf(copy, request, false);
    if (owner === undefined) return [];
    if ("code" in owner) return owner;
    const scope = request.scope === "utilization" ? "nodes" : request.scope;
    const removed = removeAttribute(owner.element, owner.setName, request.name);
    return removed.map(
      (pair) =>
        `Deleted ${scope} attribute: id=${pair.attributes["id"] ?? ""} name=${request.name}`,
    );
  });
}

/** `show`: crm_attribute -G's `scope=nodes  name=NAME value=VALUE`; an issue when unset. */
export function showNodeAttribute(
  cib: XmlElement,
  request: NodeAttributeRequest,
): Result<string, AdminCode> {
  const owner = ownerOf(cib, request, false);
  if (owner !== undefined && "code" in owner) return fail([owner]);
  const value =
    owner === undefined
      ? undefined
      : nvpairsNamed(owner.element, owner.setName, request.name)[0]?.attributes["value"];
  if (value === undefined) {
    return fail([
      issue("unknown_attribute", `Attribute "${request.name}" is not set for node ${request.node}`),
    ]);
  }
  const scope = request.scope === "utilization" ? "nodes" : request.scope;
  return ok(`scope=${scope}  name=${request.name} value=${value}`);
}
