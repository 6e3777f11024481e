import { childElements, firstChild } from "../../backend/cib/index.js";
import { ringIdText, type NodeId } from "../kernel/index.js";
import { primitivesOf, schedule } from "../scheduler/index.js";
import type { SimControllerCluster } from "./controller-cluster.js";

/** Safety on every step: one DC per view, no primitive running on two nodes. */
export function checkControllerStep(sim: SimControllerCluster): string | undefined {
  for (const [nodeId, daemons] of sim.daemons) {
    const { dc, ringId } = daemons.controller;
    if (dc === undefined || ringId === undefined) continue;
    const ring = ringIdText(ringId);
    const known = sim.dcByRing.get(ring);
    if (known === undefined) sim.dcByRing.set(ring, dc);
    else if (known !== dc)
      return `Two DCs in ring ${ring}: node ${known} and node ${dc} (seen by node ${nodeId})`;
  }
  const where = new Map<string, NodeId[]>();
  for (const [nodeId, daemons] of sim.daemons) {
    for (const resource of daemons.executor.running)
      where.set(resource, [...(where.get(resource) ?? []), nodeId]);
  }
  for (const [resource, nodes] of where) {
    if (nodes.length > 1) return `Resource ${resource} active on nodes ${nodes.join(", ")}`;
  }
  return undefined;
}

/**
 * Liveness: every node up in one view, one CIB digest, the DC idle and its plan empty, and
 * what runs (the simulated agents) is what the CIB's status says runs, each resource once.
 * Returns what is not there yet (undefined when steady).
 */
export function unsteadiness(sim: SimControllerCluster): string | undefined {
  const nodeIds = sim.cluster.nodeIds;
  const digests = new Set<string>();
  for (const nodeId of nodeIds) {
    const node = sim.cluster.node(nodeId);
    const daemons = sim.daemons.get(nodeId);
    if (!node.up || daemons === undefined) return `node ${nodeId} is down`;
    if (node.view?.members.length !== nodeIds.length)
      return `node ${nodeId} is not in the full view`;
    if (daemons.replica.syncing || daemons.replica.cib === undefined)
      return `node ${nodeId}'s CIB is syncing`;
    if (daemons.controller.local.busy || daemons.executor.busy)
      return `node ${nodeId} is running an operation`;
    if (!daemons.attrd.core.settled || daemons.attrd.core.requestsPending > 0)
      return `node ${nodeId}'s attrd has requests or writes in flight`;
    digests.add(daemons.replica.digest ?? "");
  }
  if (digests.size !== 1) return `CIB digests differ (${digests.size})`;
  const dcId = Math.min(...nodeIds);
  const dc = sim.daemons.get(dcId);
  if (dc?.controller.role?.idle !== true) return `the DC (node ${dcId}) is not idle`;
  return planProblem(sim, dcId);
}

function planProblem(sim: SimControllerCluster, dcId: NodeId): string | undefined {
  const cib = sim.node(dcId).replica.cib;
  if (cib === undefined) return "the DC holds no CIB";
  const result = schedule(cib, { now: String(Math.floor(sim.nowMs / 1000)) });
  if (result.graph.actions.length > 0)
    return `the plan is not empty: ${result.graph.actions.map((action) => action.key).join(", ")}`;
  const model = result.model;
  if (model === undefined) return "the CIB does not unpack";
  for (const resource of model.resources) {
    for (const primitive of primitivesOf(resource)) {
      const believed = [...primitive.activeOn.keys()].sort();
      const running = sim.cluster.nodeIds
        .filter((nodeId) => sim.daemons.get(nodeId)?.executor.running.has(primitive.id) === true)
        .map((nodeId) => sim.nodeName(nodeId));
      if (believed.join() !== running.join()) {
        return `${primitive.id}: the CIB says active on [${believed.join(", ")}], it runs on [${running.join(", ")}]`;
      }
    }
  }
  return undefined;
}

/** Resources the configuration holds that run nowhere (a steady cluster runs them all). */
export function stoppedResources(sim: SimControllerCluster): string[] {
  const any = sim.daemons.values().next().value;
  const configuration =
    any?.replica.cib === undefined ? undefined : firstChild(any.replica.cib, "configuration");
  const resources =
    configuration === undefined ? undefined : firstChild(configuration, "resources");
  const ids = (resources === undefined ? [] : childElements(resources, "primitive")).map(
    (entry) => entry.attributes["id"] ?? "",
  );
  return ids.filter(
    (id) => ![...sim.daemons.values()].some((daemons) => daemons.executor.running.has(id)),
  );
}
