import {
  SimCluster,
  SimViolation,
  converged,
  ownBroadcasts,
  injectFault,
  safetyCheckers,
  swarmPlan,
  type ReachabilityFaults,
} from "../../daemons/sim/index.js";
import { Prng } from "../../daemons/kernel/index.js";
import type { QuorumSection } from "../../daemons/quorum/index.js";

/** Small timeouts so a seed runs in milliseconds: token 200 ms = 20 ticks of 10 ms. */
export const simTiming = { tokenMs: 200, tokenCoefficientMs: 10, joinMs: 30, maxMessages: 17 };

export interface SwarmResult {
  readonly seed: number;
  readonly nodeCount: number;
  readonly convergenceTicks: number;
  readonly faults: number;
}

function quorumSectionFor(prng: Prng, nodeCount: number): QuorumSection {
  const choice = prng.int(5);
  if (nodeCount === 2 && choice === 0) return { twoNode: true };
  if (choice === 1) return { waitForAll: true };
  if (choice === 2 && nodeCount % 2 === 0) return { autoTieBreaker: true };
  if (choice === 3) return { lastManStanding: true, lastManStandingWindowMs: 500 };
  return {};
}

/**
 * Most seeds have transports that report a crashed peer unreachable (kill -9: every reconnect
 * refused), some late or not at all, and some report live peers (flapping links).
 */
function reachabilityFor(prng: Prng): ReachabilityFaults | undefined {
  if (prng.chance(25)) return undefined;
  return {
    crashReportPercent: 50 + prng.int(51),
    reportDelayTicksMin: 1 + prng.int(3),
    reportDelayTicksSpread: prng.int(6),
    spuriousPercent: prng.chance(50) ? 0 : 1 + prng.int(2),
  };
}

/**
 * After convergence every live node broadcasts once; every live node must deliver them all,
 * and each node must have delivered every broadcast it requested before (none lost).
 */
function demandDelivery(cluster: SimCluster, own: ReturnType<typeof ownBroadcasts>): void {
  const before = new Map(
    [...own.outstanding()].map(([nodeId, payloads]) => [nodeId, [...payloads]]),
  );
  const delivered = new Set<string>();
  cluster.addChecker({
    name: "final broadcasts",
    observe(event) {
      if (event.kind === "delivered" && event.payload.startsWith("final:")) {
        delivered.add(`${event.nodeId}<-${event.payload}`);
      }
      return undefined;
    },
  });
  const live = cluster.liveNodeIds;
  for (const nodeId of live) cluster.broadcast(nodeId, "cib", `final:${nodeId}`);
  cluster.runUntil(() => delivered.size === live.length * live.length, 200);
  for (const [nodeId, payloads] of before) {
    const lost = payloads.filter((payload) => own.outstanding().get(nodeId)?.has(payload) === true);
    if (lost.length > 0) {
      throw new SimViolation(
        `node ${nodeId} never delivered its own ${lost.join(", ")}\nreplay: ${cluster.replayCommand}`,
      );
    }
  }
}

/** One seed: a safety phase under faults with every checker on, then heal and demand one view. */
export interface SwarmOptions {
  readonly safetyTicks: number;
  readonly nodeCountMin?: number;
  readonly nodeCountMax?: number;
}

export function runSwarmSeed(seed: number, options: SwarmOptions): SwarmResult {
  const prng = new Prng(seed);
  const plan = swarmPlan(prng.fork(), options.nodeCountMax ?? 5, options.nodeCountMin ?? 2);
  const quorum = quorumSectionFor(prng.fork(), plan.nodeCount);
  const faultStream = prng.fork();
  const reachability = reachabilityFor(prng.fork());
  const cluster = SimCluster.create({
    ...(reachability === undefined ? {} : { reachability }),
    seed,
    nodeCount: plan.nodeCount,
    faults: plan.network,
    timing: simTiming,
    quorum,
    broadcastPercent: plan.broadcastPercent,
  });
  // two_node and last_man_standing allow two quorate partitions by design (fencing decides).
  const quorumPartitions = quorum.twoNode !== true && quorum.lastManStanding !== true;
  for (const checker of safetyCheckers({ quorumPartitions })) {
    cluster.addChecker(checker);
  }
  const own = ownBroadcasts();
  cluster.addChecker(own);
  let faults = 0;
  for (let tick = 0; tick < options.safetyTicks; tick += 1) {
    if (injectFault(cluster, faultStream, plan) !== undefined) faults += 1;
    cluster.tick();
  }
  cluster.heal();
  cluster.reachability?.calm();
  cluster.network.setFaults({ ...plan.network, lossPercent: 0, duplicatePercent: 0 });
  for (const nodeId of cluster.nodeIds) if (!cluster.node(nodeId).up) cluster.restart(nodeId);
  const convergenceTicks = cluster.runUntil(converged, 600);
  // A node may still time out on what it saw before the heal: let the view settle first.
  cluster.runTicks(40);
  cluster.runUntil(converged, 600);
  demandDelivery(cluster, own);
  return { seed, nodeCount: plan.nodeCount, convergenceTicks, faults };
}
