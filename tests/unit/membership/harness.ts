import {
  SimCluster,
  safetyCheckers,
  type SimClusterOptions,
  type SimEvent,
} from "../../../daemons/sim/index.js";

/** Token 1000 ms as corosync.conf users set for fast failover; 10 ms ticks. */
export const fastTiming = { tokenMs: 1000, tokenCoefficientMs: 650, joinMs: 50, maxMessages: 17 };

export function cluster(nodeCount: number, options: Partial<SimClusterOptions> = {}): SimCluster {
  const sim = SimCluster.create({
    seed: 1,
    nodeCount,
    timing: fastTiming,
    keepEvents: true,
    ...options,
  });
  for (const checker of safetyCheckers({ quorumPartitions: true })) sim.addChecker(checker);
  return sim;
}

export function viewsOf(
  sim: SimCluster,
  nodeId: number,
  sinceTick = 0,
): (SimEvent & { kind: "view_installed" })[] {
  return sim.events.filter(
    (event): event is SimEvent & { kind: "view_installed" } =>
      event.kind === "view_installed" && event.nodeId === nodeId && event.tick >= sinceTick,
  );
}

export function deliveredPayloads(sim: SimCluster, nodeId: number, group = "cib"): string[] {
  return sim.events
    .filter(
      (event) => event.kind === "delivered" && event.nodeId === nodeId && event.group === group,
    )
    .map((event) => (event.kind === "delivered" ? event.payload : ""));
}

/** Every live node in one operational view of exactly the live nodes. */
export function oneView(sim: SimCluster): boolean {
  const live = sim.liveNodeIds;
  const rings = new Set(
    live.map((nodeId) => {
      const status = sim.node(nodeId).membership.status();
      const members = status.members.join(",");
      return status.phase === "operational" && members === live.join(",")
        ? `${status.ringId?.representative}.${status.ringId?.seq}`
        : `not-${nodeId}`;
    }),
  );
  return rings.size === 1 && ![...rings].some((ring) => ring.startsWith("not-"));
}
