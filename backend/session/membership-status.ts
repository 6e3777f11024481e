import type { XmlElement } from "../cib/index.js";
import { childElements, cloneNode, element, ensureChild, firstChild } from "../cib/index.js";
import type { QuorumStatus } from "../protocol/index.js";

/**
 * The CIB as crm_mon should see it on a live cluster: what the membership layer knows joined
 * to the replicated CIB. Members missing from the nodes section are added (id = nodeid, as
 * Pacemaker on corosync names them), members without a node_state get one saying they are
 * online, and `have-quorum` follows the quorum status. What the CIB already records wins.
 */
export function withMembership(cib: XmlElement, quorum: QuorumStatus): XmlElement {
  const result = cloneNode(cib);
  result.attributes["have-quorum"] = quorum.quorate ? "1" : "0";
  const configuration = ensureChild(result, "configuration");
  const nodes = ensureChild(configuration, "nodes");
  const status = ensureChild(result, "status");
  for (const member of quorum.members) {
    const id = String(member.nodeid);
    const configured = childElements(nodes, "node").find(
      (node) => node.attributes["uname"] === member.name || node.attributes["id"] === id,
    );
    if (configured === undefined) nodes.children.push(element("node", { id, uname: member.name }));
    const nodeId = configured?.attributes["id"] ?? id;
    const known = childElements(status, "node_state").some(
      (state) => state.attributes["id"] === nodeId || state.attributes["uname"] === member.name,
    );
    if (known) continue;
    status.children.push(
      element("node_state", {
        id: nodeId,
        uname: member.name,
        in_ccm: "true",
        crmd: "online",
        join: "member",
        expected: "member",
      }),
    );
  }
  if (firstChild(result, "status") === undefined) result.children.push(status);
  return result;
}
