/**
 * The CIB crm_mon shows for a running quorated cluster: the replicated CIB joined with what the
 * membership layer knows right now. Members it lacks are added (withMembership); nodes the CIB
 * still records as members but the membership has lost are shown as they will be once the DC
 * writes it (in_ccm false, controller offline), so a node leaving shows at once; and the stack
 * is named after the membership layer (quorated runs Corosync's: corosync.conf, votequorum),
 * as Pacemaker's DC records cluster-infrastructure=corosync.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import { childElements, element, ensureChild, firstChild } from "../../backend/cib/index.js";
import type { QuorumStatus } from "../../backend/protocol/index.js";
import { withMembership } from "../../backend/session/index.js";

/** The stack name crm_mon prints for a quorum provider (`corosync_votequorum` → corosync). */
export function stackOfProvider(provider: string): string {
  return provider.startsWith("corosync") ? "corosync" : provider;
}

function markDeparted(status: XmlElement, quorum: QuorumStatus): void {
  const members = new Set(quorum.members.map((member) => member.name));
  const memberIds = new Set(quorum.members.map((member) => String(member.nodeid)));
  for (const state of childElements(status, "node_state")) {
    const name = state.attributes["uname"] ?? "";
    if (members.has(name) || memberIds.has(state.attributes["id"] ?? "")) continue;
    if (state.attributes["in_ccm"] === "false" && state.attributes["crmd"] === "offline") continue;
    state.attributes = { ...state.attributes, in_ccm: "false", crmd: "offline" };
  }
}

function hasProperty(crmConfig: XmlElement, name: string): boolean {
  return childElements(crmConfig, "cluster_property_set").some((set) =>
    childElements(set, "nvpair").some((pair) => pair.attributes["name"] === name),
  );
}

function nameStack(cib: XmlElement, quorum: QuorumStatus): void {
  const crmConfig = ensureChild(ensureChild(cib, "configuration"), "crm_config");
  if (hasProperty(crmConfig, "cluster-infrastructure")) return;
  const options =
    childElements(crmConfig, "cluster_property_set").find(
      (set) => set.attributes["id"] === "cib-bootstrap-options",
    ) ?? firstChild(crmConfig, "cluster_property_set");
  const pair = element("nvpair", {
    id: "cib-bootstrap-options-cluster-infrastructure",
    name: "cluster-infrastructure",
    value: stackOfProvider(quorum.provider),
  });
  if (options === undefined) {
    crmConfig.children.push(
      element("cluster_property_set", { id: "cib-bootstrap-options" }, [pair]),
    );
  } else options.children.push(pair);
}

/** The CIB joined with the membership and quorum, for display only (never written back). */
export function liveClusterCib(cib: XmlElement, quorum: QuorumStatus): XmlElement {
  const joined = withMembership(cib, quorum);
  markDeparted(ensureChild(joined, "status"), quorum);
  nameStack(joined, quorum);
  return joined;
}
