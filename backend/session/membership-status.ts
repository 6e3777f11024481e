import type { XmlElement } from "../cib/index.js";
import { childElements, cloneNode, element, ensureChild } from "../cib/index.js";
import type { QuorumStatus } from "../protocol/index.js";

/** The configured <node> of a member (by uname, else by nodeid as id). */
function configuredNode(nodes: XmlElement, nodeid: number, name: string): XmlElement | undefined {
  return childElements(nodes, "node").find(
    (node) => node.attributes["uname"] === name || node.attributes["id"] === String(nodeid),
  );
}

/**
 * The CIB with every member of the membership in its nodes section: members it does not list
 * yet are added with id = nodeid, as Pacemaker on corosync names them when they join. Node
 * commands on a live cluster work on this, so a node can be put in standby before the cluster
 * wrote its entry.
 */
export function withMemberNodes(cib: XmlElement, quorum: QuorumStatus): XmlElement {
  const result = cloneNode(cib);
  const nodes = ensureChild(ensureChild(result, "configuration"), "nodes");
  for (const member of quorum.members) {
    if (configuredNode(nodes, member.nodeid, member.name) !== undefined) continue;
    nodes.children.push(element("node", { id: String(member.nodeid), uname: member.name }));
  }
  return result;
}

/**
 * The CIB as crm_mon should see it on a live cluster: what the membership layer knows joined
 * to the replicated CIB. Members missing from the nodes section are added, members without a
 * node_state get one saying they are online, and `have-quorum` follows the quorum status.
 * What the CIB already records wins.
 */
export function withMembership(cib: XmlElement, quorum: QuorumStatus): XmlElement {
  const result = withMemberNodes(cib, quorum);
  result.attributes["have-quorum"] = quorum.quorate ? "1" : "0";
  const nodes = ensureChild(ensureChild(result, "configuration"), "nodes");
  const status = ensureChild(result, "status");
  for (const member of quorum.members) {
    const nodeId = configuredNode(nodes, member.nodeid, member.name)?.attributes["id"];
    const id = nodeId ?? String(member.nodeid);
    const known = childElements(status, "node_state").some(
      (state) => state.attributes["id"] === id || state.attributes["uname"] === member.name,
    );
    if (known) continue;
    status.children.push(
      element("node_state", {
        id,
        uname: member.name,
        in_ccm: "true",
        crmd: "online",
        join: "member",
        expected: "member",
      }),
    );
  }
  return result;
}
