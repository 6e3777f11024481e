import { Prng } from "../../daemons/kernel/index.js";
import {
  SimControllerCluster,
  SimViolation,
  injectFault,
  stoppedResources,
  swarmPlan,
  unsteadiness,
} from "../../daemons/sim/index.js";
import { simTiming } from "./swarm.js";

export interface ControllerSeedResult {
  readonly seed: number;
  readonly nodeCount: number;
  readonly fencings: number;
  readonly convergenceTicks: number;
}

/** How to replay one seed of this suite. */
export function controllerReplay(seed: number): string {
  return `SIM_SEED=${seed} npx vitest run tests/sim/controller.sim.test.ts`;
}

function injectResourceFault(sim: SimControllerCluster, prng: Prng, percent: number): void {
  if (!prng.chance(percent)) return;
  const live = sim.cluster.liveNodeIds;
  const nodeId = live[prng.int(live.length)];
  if (nodeId === undefined) return;
  if (prng.chance(10)) return sim.requestShutdown(nodeId);
  // The fence device has no monitor: its death would go unseen, as in Pacemaker.
  const running = [...(sim.daemons.get(nodeId)?.executor.running ?? [])].filter(
    (resource) => resource !== "fencing",
  );
  const resource = running[prng.int(running.length)];
  if (resource !== undefined) sim.failResource(nodeId, resource);
}

function runUntilSteady(sim: SimControllerCluster, ticksMax: number): number {
  const start = sim.cluster.now;
  for (let problem = unsteadiness(sim); problem !== undefined; problem = unsteadiness(sim)) {
    for (const nodeId of sim.cluster.nodeIds) {
      // An administrator starts every node that shut down or lost power.
      if (!sim.cluster.node(nodeId).up) sim.cluster.restart(nodeId);
    }
    if (sim.cluster.now - start >= ticksMax) {
      throw new SimViolation(
        `No steady state within ${ticksMax} ticks: ${problem}; ${sim.cluster.describe()}`,
      );
    }
    sim.tick();
  }
  return sim.cluster.now - start;
}

/**
 * One seed: crashes, restarts, clean shutdowns, partitions, loss and resource failures with
 * the checkers on every step; then heal, restart every node, and demand a steady cluster
 * running every resource exactly where its CIB says.
 */
export function runControllerSeed(seed: number, safetyTicks: number): ControllerSeedResult {
  const prng = new Prng(seed);
  // A start failure bans the node (start-failure-is-fatal): only some seeds have them.
  const startFailurePercent = prng.chance(50) ? 0 : 1 + prng.int(8);
  const plan = swarmPlan(prng.fork(), 5, 2);
  const sim = SimControllerCluster.create(
    { seed, nodeCount: plan.nodeCount, faults: plan.network, timing: simTiming },
    {
      resources: { dummies: 1 + prng.int(3), monitorIntervalMs: 200 + 100 * prng.int(5) },
      executor: { delayTicksMin: 1, delayTicksSpread: 1 + prng.int(6), startFailurePercent },
    },
  );
  const faults = prng.fork();
  const resourceFaultPercent = prng.int(4);
  for (let tick = 0; tick < safetyTicks; tick += 1) {
    injectFault(sim.cluster, faults, plan);
    injectResourceFault(sim, faults, resourceFaultPercent);
    sim.tick();
  }
  sim.cluster.heal();
  sim.cluster.network.setFaults({ ...plan.network, lossPercent: 0, duplicatePercent: 0 });
  for (const nodeId of sim.cluster.nodeIds) {
    if (!sim.cluster.node(nodeId).up) sim.cluster.restart(nodeId);
  }
  const convergenceTicks = runUntilSteady(sim, 3000);
  const stopped = stoppedResources(sim);
  if (startFailurePercent === 0 && stopped.length > 0)
    throw new SimViolation(`Steady, but not running: ${stopped.join(", ")}`);
  return { seed, nodeCount: plan.nodeCount, fencings: sim.fencings.length, convergenceTicks };
}

/** The seeds of one suite file: SIM_SEED replays one, CONTROLLER_SIM_COUNT sets how many. */
export function controllerSeeds(part: number, parts: number): number[] {
  const replay = process.env["SIM_SEED"] ?? "";
  if (replay !== "") return part === 0 ? [Number(replay)] : [];
  const count = Number(process.env["CONTROLLER_SIM_COUNT"] ?? 1000);
  const all = Array.from({ length: count }, (_, index) => index + 1);
  return all.filter((_, index) => index % parts === part);
}
