/**
 * What the DC writes when a join round completes: every node of the nodelist in the nodes
 * section; every member online with the history it reported; every other node that was up
 * marked out of the membership (its history kept, so the scheduler knows what to fence and
 * recover), or, when it had asked to shut down, marked cleanly down. A node never seen gets no
 * node_state: the scheduler's startup fencing fences it.
 */
import { childElements, firstChild, type XmlElement } from "../../backend/cib/index.js";
import type { NodeId } from "../kernel/index.js";
import type { ControllerConfig, ResourceHistory } from "./core-types.js";
import { transientAttributes, type StatusChange } from "./status.js";

function stateAttributes(
  cib: XmlElement,
  nodeId: string,
): Readonly<Record<string, string>> | undefined {
  const status = firstChild(cib, "status");
  if (status === undefined) return undefined;
  return childElements(status, "node_state").find((state) => state.attributes["id"] === nodeId)
    ?.attributes;
}

function memberChanges(
  cib: XmlElement,
  node: { readonly nodeId: string; readonly name: string },
  report: JoinReport,
): StatusChange[] {
  const { nodeId, name } = node;
  const previous = stateAttributes(cib, nodeId);
  const changes: StatusChange[] = [];
  // A node coming back from down starts without the transient attributes of its last life.
  if (previous?.["crmd"] !== "online") changes.push({ kind: "clear_node", nodeId, name });
  // The member says whether it is leaving: a restarted one is not, whatever the CIB holds
  // (the DC's copy may be older than the one the write lands on, so the delete is always made).
  if (!report.shuttingDown) {
    changes.push({ kind: "set_attributes", nodeId, name, attributes: { shutdown: undefined } });
  }
  changes.push(
    {
      kind: "node_state",
      nodeId,
      name,
      attributes: { in_ccm: "true", crmd: "online", join: "member", expected: "member" },
    },
    { kind: "replace_history", nodeId, name, resources: report.history },
  );
  return changes;
}

function lostChanges(cib: XmlElement, nodeId: string, name: string): StatusChange[] {
  const previous = stateAttributes(cib, nodeId);
  // Never seen since the cluster formed: no node_state, so with startup-fencing the scheduler
  // fences it before its resources count as stopped (the fencer's success writes it down).
  if (previous === undefined) return [];
  if (previous["in_ccm"] === "false" && previous["crmd"] === "offline") return [];
  const shutdown = transientAttributes(cib, nodeId).get("shutdown");
  if (shutdown !== undefined && shutdown !== "0" && shutdown !== "") {
    return [
      {
        kind: "node_state",
        nodeId,
        name,
        attributes: { in_ccm: "false", crmd: "offline", join: "down", expected: "down" },
      },
      { kind: "clear_node", nodeId, name },
    ];
  }
  return [
    {
      kind: "node_state",
      nodeId,
      name,
      attributes: { in_ccm: "false", crmd: "offline", join: "down" },
    },
  ];
}

/** What a member reported in its join request. */
export interface JoinReport {
  readonly history: readonly ResourceHistory[];
  readonly shuttingDown: boolean;
}

/** The status changes of a completed join round. */
export function joinChanges(
  cib: XmlElement,
  round: {
    readonly config: ControllerConfig;
    readonly histories: ReadonlyMap<NodeId, JoinReport>;
  },
): StatusChange[] {
  const changes: StatusChange[] = [
    {
      kind: "cib_attributes",
      attributes: { "have-quorum": "1", "dc-uuid": String(round.config.nodeId) },
    },
    // As Pacemaker's DC: what runs the cluster, for crm_mon's "Current DC" and "Stack" lines.
    {
      kind: "cluster_options",
      options: { "dc-version": round.config.dcVersion, "cluster-infrastructure": "corosync" },
    },
  ];
  for (const node of round.config.nodes) {
    const nodeId = String(node.nodeId);
    const history = round.histories.get(node.nodeId);
    // Every node of the nodelist is in the nodes section (corosync_initialize_nodelist).
    changes.push({ kind: "node_entry", nodeId, name: node.name });
    changes.push(
      ...(history === undefined
        ? lostChanges(cib, nodeId, node.name)
        : memberChanges(cib, { nodeId, name: node.name }, history)),
    );
  }
  return changes;
}
