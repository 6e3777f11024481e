import type { Result } from "../base/index.js";
import { issue } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { element, firstChild } from "../cib/index.js";
import type { AdminChange, AdminCode } from "./change.js";
import { changeCopy } from "./change.js";
import { findNode, findNodeState } from "./nodes.js";
import { idsOf, nvpairsNamed, removeAttribute, setAttribute } from "./nvpairs.js";
import { isOnline, transientSet } from "./status-section.js";

/** crmsh's id prefix rule: an all-digit id (a corosync nodeid) becomes `num-ID`, an XML name. */
export function crmshIdPrefix(id: string): string {
  return /^\d+$/.test(id) ? `num-${id}` : id;
}

/** `crm node standby NODE [forever|reboot]`: crmsh's standby nvpair, moved between scopes. */
export function standbyNode(
  cib: XmlElement,
  request: { readonly node: string; readonly lifetime: "forever" | "reboot" },
): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const node = findNode(copy, request.node);
    if ("code" in node) return node;
    const nodeId = node.attributes["id"] ?? request.node;
    const state = findNodeState(copy, request.node);
    const transient = "code" in state ? undefined : firstChild(state, "transient_attributes");
    const ids = idsOf(copy);
    if (request.lifetime === "reboot") {
      if ("code" in state) return state;
      removeAttribute(node, "instance_attributes", "standby");
      transientSet(state, true);
      const holder = firstChild(state, "transient_attributes") ?? state;
      const setId = `status-${nodeId}`;
      setAttribute(
        holder,
        {
          setName: "instance_attributes",
          choice: "first",
          defaultSetId: setId,
          name: "standby",
          value: "on",
        },
        ids,
      );
    } else {
      if (transient !== undefined) removeAttribute(transient, "instance_attributes", "standby");
      const setId = `${crmshIdPrefix(nodeId)}-instance_attributes`;
      setAttribute(
        node,
        {
          setName: "instance_attributes",
          choice: "first",
          defaultSetId: setId,
          name: "standby",
          value: "on",
        },
        ids,
      );
    }
    return [`standby node ${request.node}`];
  });
}

/** `crm node online NODE`: every standby nvpair of the node (both scopes) set to off. */
export function onlineNode(cib: XmlElement, node: string): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const configured = findNode(copy, node);
    if ("code" in configured) return configured;
    const state = findNodeState(copy, node);
    const transient = "code" in state ? undefined : firstChild(state, "transient_attributes");
    const pairs = [
      ...nvpairsNamed(configured, "instance_attributes", "standby"),
      ...(transient === undefined ? [] : nvpairsNamed(transient, "instance_attributes", "standby")),
    ];
    for (const pair of pairs) pair.attributes["value"] = "off";
    return [`online node ${node}`];
  });
}

/** `crm node maintenance|ready NODE`: crm_attribute -t nodes -n maintenance -v true|off. */
export function nodeMaintenance(
  cib: XmlElement,
  request: { readonly node: string; readonly on: boolean },
): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const node = findNode(copy, request.node);
    if ("code" in node) return node;
    const setId = `nodes-${node.attributes["id"] ?? request.node}`;
    const value = request.on ? "true" : "off";
    setAttribute(
      node,
      {
        setName: "instance_attributes",
        choice: "named",
        defaultSetId: setId,
        name: "maintenance",
        value,
      },
      idsOf(copy),
    );
    return [];
  });
}

/**
 * `crm node delete NODE`: removes the node from the configuration and its status, refused
 * while the cluster sees the node online (as crmsh asks crm_node).
 */
export function deleteNode(cib: XmlElement, node: string): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const configured = findNode(copy, node);
    const state = findNodeState(copy, node);
    if ("code" in configured && "code" in state) return configured;
    if (!("code" in state) && isOnline(state)) {
      return issue("node_active", `Cannot delete node ${node}: it is still active in the cluster`, {
        suggestion: "stop the cluster services on it first",
      });
    }
    const nodes = firstChild(firstChild(copy, "configuration") ?? copy, "nodes");
    if (nodes !== undefined && !("code" in configured)) {
      nodes.children = nodes.children.filter((child) => child !== configured);
    }
    const status = firstChild(copy, "status");
    if (status !== undefined && !("code" in state)) {
      status.children = status.children.filter((child) => child !== state);
    }
    return [`node ${node} deleted`];
  });
}

/**
 * `crm node clearstate NODE`: the node's status replaced by crmsh's cleared node_state (offline,
 * expected down, no history or transient attributes), so the cluster stops waiting to fence it.
 */
export function clearNodeState(cib: XmlElement, node: string): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const configured = findNode(copy, node);
    if ("code" in configured) return configured;
    const id = configured.attributes["id"] ?? node;
    const uname = configured.attributes["uname"] ?? node;
    const cleared = element("node_state", {
      id,
      uname,
      ha: "active",
      in_ccm: "false",
      crmd: "offline",
      join: "member",
      expected: "down",
      "crm-debug-origin": "manual_clear",
      shutdown: "0",
    });
    const status = firstChild(copy, "status") ?? element("status");
    if (!copy.children.includes(status)) copy.children.push(status);
    const index = status.children.findIndex(
      (child) =>
        child.kind === "element" && child.name === "node_state" && child.attributes["id"] === id,
    );
    if (index >= 0) status.children[index] = cleared;
    else status.children.push(cleared);
    return [];
  });
}
