/** Nodes: the `<nodes>` section and each node's `node_state` (membership, attributes). */
import { childElements, firstChild, type XmlElement } from "../../backend/cib/index.js";
import type { ClusterOptions, NodeModel } from "./model.js";
import { isTrue, readNvpairSets, toNumberMap, type NvpairContext } from "./nvpairs.js";
import { compareNatural, parseScore } from "./score.js";

export function unpackNodes(
  configuration: XmlElement | undefined,
  options: ClusterOptions,
  context: NvpairContext,
): NodeModel[] {
  const section = configuration === undefined ? undefined : firstChild(configuration, "nodes");
  const nodes: NodeModel[] = [];
  for (const node of section === undefined ? [] : childElements(section, "node")) {
    const type = node.attributes["type"] ?? "member";
    if (type === "remote" || type === "ping") continue;
    const id = node.attributes["id"] ?? "";
    const name = node.attributes["uname"] ?? id;
    const attributes = readNvpairSets(node, "instance_attributes", context);
    nodes.push({
      name, id, type,
      score: parseScore(node.attributes["score"]),
      online: false,
      unclean: options.startupFencing && options.stonithEnabled,
      pending: false, standby: false, standbyOnFail: false, maintenance: false,
      shutdown: false, unseen: true, expectedUp: false, isDc: false,
      fenceReason: undefined,
      attributes,
      utilization: toNumberMap(readNvpairSets(node, "utilization", context)),
    });
  }
  return nodes.sort((a, b) => compareNatural(a.name, b.name));
}

/** Applies `node_state` entries; returns the node_state elements by node name. */
export function unpackNodeStates(
  status: XmlElement | undefined,
  nodes: readonly NodeModel[],
  options: ClusterOptions,
  context: NvpairContext,
): Map<string, XmlElement> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const states = new Map<string, XmlElement>();
  for (const state of status === undefined ? [] : childElements(status, "node_state")) {
    const node = byId.get(state.attributes["id"] ?? "") ?? byName.get(state.attributes["uname"] ?? "");
    if (node === undefined || states.has(node.name)) continue;
    states.set(node.name, state);
    const transient = firstChild(state, "transient_attributes");
    if (transient !== undefined) {
      const values = readNvpairSets(transient, "instance_attributes", context);
      for (const [key, value] of values) node.attributes.set(key, value);
    }
    node.unclean = false;
    node.unseen = false;
    judgeNodeState(node, state, options);
  }
  for (const node of nodes) finishNode(node);
  return states;
}

function judgeNodeState(node: NodeModel, state: XmlElement, options: ClusterOptions): void {
  const shutdown = node.attributes.get("shutdown");
  node.shutdown = shutdown !== undefined && shutdown !== "0" && shutdown !== "";
  node.expectedUp = state.attributes["expected"] === "member";
  const online = options.stonithEnabled
    ? onlineWithFencing(node, state)
    : onlineWithoutFencing(node, state);
  node.online = online;
}

function fence(node: NodeModel, reason: string): void {
  if (node.unclean) return;
  node.unclean = true;
  node.fenceReason = reason;
}

function terminateRequested(value: string | undefined): boolean {
  if (isTrue(value)) return true;
  return value !== undefined && /^[1-9]/.test(value);
}

function onlineWithFencing(node: NodeModel, state: XmlElement): boolean {
  const inCluster = state.attributes["in_ccm"];
  const controllerOnline = state.attributes["crmd"] === "online";
  const join = state.attributes["join"];
  const expected = state.attributes["expected"] ?? "down";
  const terminate = terminateRequested(node.attributes.get("terminate"));
  const online = isTrue(inCluster);
  if (node.shutdown) return controllerOnline;
  if (inCluster === undefined) fence(node, "peer has not been seen by the cluster");
  else if (join === "banned") fence(node, "peer failed Pacemaker membership criteria");
  else if (!terminate && expected === "down") {
    if (online || controllerOnline) markPending(node);
  } else if (terminate && join === "down" && !online && !controllerOnline) {
    return false;
  } else if (!online) fence(node, "peer is no longer part of the cluster");
  else if (!controllerOnline) fence(node, "peer process is no longer available");
  else if (terminate) fence(node, "termination was requested");
  else if (join === "member") return online;
  else if (join === "pending" || join === "down") markPending(node);
  else fence(node, "peer was in an unknown state");
  return online;
}

function markPending(node: NodeModel): boolean {
  node.pending = true;
  node.standby = true;
  return true;
}

function onlineWithoutFencing(node: NodeModel, state: XmlElement): boolean {
  if (!isTrue(state.attributes["in_ccm"])) return false;
  if (state.attributes["crmd"] === "online") return state.attributes["join"] === "member";
  if (!node.expectedUp) return false;
  fence(node, "peer is unexpectedly down");
  return false;
}

function finishNode(node: NodeModel): void {
  if (isTrue(node.attributes.get("standby"))) node.standby = true;
  if (isTrue(node.attributes.get("maintenance"))) node.maintenance = true;
  node.attributes.set("#uname", node.name);
  node.attributes.set("#id", node.id);
  node.attributes.set("#kind", "cluster");
}

/** True when the node can run resources (online, clean, not standby/maintenance/shutdown). */
export function canRunResources(node: NodeModel): boolean {
  return (
    node.online && !node.unclean && !node.standby && !node.standbyOnFail &&
    !node.maintenance && !node.shutdown && !node.pending
  );
}
