import type { XmlElement } from "../cib/index.js";
import { childElements, firstChild } from "../cib/index.js";
import type { AdminIssue } from "./change.js";
import { unknownName } from "./change.js";
import { nodeStates } from "./status-section.js";

/** The configuration's <node> elements. */
export function configuredNodes(cib: XmlElement): XmlElement[] {
  const configuration = firstChild(cib, "configuration");
  const nodes = configuration === undefined ? undefined : firstChild(configuration, "nodes");
  return nodes === undefined ? [] : childElements(nodes, "node");
}

function named(candidate: XmlElement, name: string): boolean {
  return candidate.attributes["uname"] === name || candidate.attributes["id"] === name;
}

/** Every node name the CIB knows (configured or seen in the status section). */
export function knownNodeNames(cib: XmlElement): string[] {
  const names = [...configuredNodes(cib), ...nodeStates(cib)].map(
    (node) => node.attributes["uname"] ?? node.attributes["id"] ?? "",
  );
  return [...new Set(names)].filter((name) => name !== "");
}

/** The configured <node> named (uname, else id), or an issue with the nearest name. */
export function findNode(cib: XmlElement, name: string): XmlElement | AdminIssue {
  const found = configuredNodes(cib).find((node) => named(node, name));
  return found ?? unknownName("unknown_node", name, knownNodeNames(cib));
}

/** The node's <node_state> in the status section, or an issue when the cluster never saw it. */
export function findNodeState(cib: XmlElement, name: string): XmlElement | AdminIssue {
  const configured = configuredNodes(cib).find((node) => named(node, name));
  const id = configured?.attributes["id"];
  const found = nodeStates(cib).find(
    (state) => named(state, name) || (id !== undefined && state.attributes["id"] === id),
  );
  if (found !== undefined) return found;
  if (configured === undefined) return unknownName("unknown_node", name, knownNodeNames(cib));
  return {
    code: "no_status",
    message: `Node ${name} has no status in the CIB yet (the cluster has not seen it)`,
  };
}
