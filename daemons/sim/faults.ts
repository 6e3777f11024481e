import type { Prng } from "../kernel/index.js";
import type { SimCluster } from "./cluster.js";
import type { NetworkFaults, PartitionMode } from "./network.js";

/** A seed's fault mix (swarm testing: each seed draws its own). */
export interface SwarmPlan {
  readonly nodeCount: number;
  readonly network: NetworkFaults;
  /** Chance per tick of one fault action (crash, restart, stop, partition, heal). */
  readonly faultPercent: number;
  readonly partitionModes: readonly PartitionMode[];
  readonly broadcastPercent: number;
}

export function swarmPlan(prng: Prng, nodeCountMax: number, nodeCountMin = 2): SwarmPlan {
  const modes: PartitionMode[] = ["isolate_single", "halves", "asymmetric"];
  return {
    nodeCount: nodeCountMin + prng.int(nodeCountMax - nodeCountMin + 1),
    network: {
      lossPercent: prng.chance(30) ? 0 : prng.int(12),
      duplicatePercent: prng.chance(50) ? 0 : prng.int(8),
      delayTicksMin: 1 + prng.int(2),
      delayTicksSpread: prng.int(3),
    },
    faultPercent: 1 + prng.int(4),
    partitionModes: modes.filter(() => prng.chance(70)),
    broadcastPercent: 10 + prng.int(60),
  };
}

/** Maybe applies one fault action; returns its description for the failure message. */
export function injectFault(cluster: SimCluster, prng: Prng, plan: SwarmPlan): string | undefined {
  if (!prng.chance(plan.faultPercent)) return undefined;
  const live = cluster.liveNodeIds;
  const down = cluster.nodeIds.filter((nodeId) => !live.includes(nodeId));
  const action = prng.int(5);
  if (action === 0 && live.length > 1) {
    const nodeId = live[prng.int(live.length)];
    if (nodeId !== undefined) cluster.crash(nodeId);
    return `crash ${nodeId}`;
  }
  if (action === 1 && down.length > 0) {
    const nodeId = down[prng.int(down.length)];
    if (nodeId !== undefined) cluster.restart(nodeId);
    return `restart ${nodeId}`;
  }
  if (action === 2 && live.length > 1 && prng.chance(30)) {
    const nodeId = live[prng.int(live.length)];
    if (nodeId !== undefined) cluster.stop(nodeId);
    return `stop ${nodeId}`;
  }
  if (action === 3 && plan.partitionModes.length > 0) {
    const mode = plan.partitionModes[prng.int(plan.partitionModes.length)] ?? "none";
    cluster.partition(mode);
    return `partition ${mode}`;
  }
  cluster.heal();
  return "heal";
}
