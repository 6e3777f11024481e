import { Prng } from "../../daemons/kernel/index.js";
import { SimCibCluster, SimViolation, injectFault, swarmPlan } from "../../daemons/sim/index.js";
import { simTiming } from "./swarm.js";

export interface CibSwarmResult {
  readonly seed: number;
  readonly nodeCount: number;
  readonly acknowledged: number;
  readonly refusedDisks: number;
  readonly convergenceTicks: number;
  readonly replies: ReadonlyMap<string, number>;
}

function runUntilConverged(cib: SimCibCluster, ticksMax: number): number {
  const start = cib.cluster.now;
  while (!cib.converged()) {
    if (cib.cluster.now - start >= ticksMax) {
      throw new SimViolation(
        `CIB replicas did not converge within ${ticksMax} ticks: ${cib.cluster.describe()}\n` +
          `replay: ${cib.cluster.replayCommand}`,
      );
    }
    cib.tick();
  }
  return cib.cluster.now - start;
}

/**
 * One seed: CIB writes from random nodes under crashes (a crash may truncate cib.xml),
 * restarts, partitions, loss and duplication, with the version checker on every step; then
 * heal, restart every node, and demand one digest everywhere holding every acknowledged write.
 */
export function runCibSeed(
  seed: number,
  safetyTicks: number,
  oneDocumentPerVersion = true,
): CibSwarmResult {
  const prng = new Prng(seed);
  const plan = swarmPlan(prng.fork(), 5, 2);
  const cib = SimCibCluster.create(
    { seed, nodeCount: plan.nodeCount, faults: plan.network, timing: simTiming },
    { writePercent: 5 + prng.int(30), corruptPercent: prng.int(40), oneDocumentPerVersion },
  );
  const faultStream = prng.fork();
  for (let tick = 0; tick < safetyTicks; tick += 1) {
    injectFault(cib.cluster, faultStream, plan);
    cib.tick();
  }
  cib.writing = false;
  cib.cluster.heal();
  cib.cluster.network.setFaults({ ...plan.network, lossPercent: 0, duplicatePercent: 0 });
  for (const nodeId of cib.cluster.nodeIds) {
    if (!cib.cluster.node(nodeId).up) cib.cluster.restart(nodeId);
  }
  const convergenceTicks = runUntilConverged(cib, 1500);
  const missing = cib.missingWrites();
  if (missing.length > 0) {
    throw new SimViolation(
      `Acknowledged writes missing after healing: ${missing.slice(0, 5).join("; ")}\n` +
        `replay: ${cib.cluster.replayCommand}`,
    );
  }
  return {
    seed,
    nodeCount: plan.nodeCount,
    acknowledged: cib.acknowledged.length,
    refusedDisks: cib.refusedDisks.length,
    convergenceTicks,
    replies: cib.replies,
  };
}
