import { describe, expect, test } from "vitest";
import { SimControllerCluster, stoppedResources, unsteadiness } from "../../daemons/sim/index.js";
import type { NodeId } from "../../daemons/kernel/index.js";
import { simTiming } from "./swarm.js";

function cluster(seed: number, migrationThreshold?: number): SimControllerCluster {
  return SimControllerCluster.create(
    { seed, nodeCount: 3, timing: simTiming },
    {
      resources: {
        dummies: 1,
        monitorIntervalMs: 200,
        ...(migrationThreshold === undefined ? {} : { migrationThreshold }),
      },
      executor: { delayTicksMin: 1, delayTicksSpread: 2, startFailurePercent: 0 },
    },
  );
}

function runningOn(sim: SimControllerCluster, resource: string): NodeId[] {
  return [...sim.daemons]
    .filter(([, daemons]) => daemons.executor.running.has(resource))
    .map(([nodeId]) => nodeId);
}

function steady(sim: SimControllerCluster, ticksMax = 2000): void {
  for (let tick = 0; tick < ticksMax && unsteadiness(sim) !== undefined; tick += 1) sim.tick();
  expect(unsteadiness(sim)).toBeUndefined();
}

describe("the whole cluster simulated", () => {
  test("starts every resource once, and after a crash fences the node before starting it elsewhere", () => {
    const sim = cluster(7);
    steady(sim);
    expect(stoppedResources(sim)).toEqual([]);
    const [node] = runningOn(sim, "d1");
    expect(node).toBeDefined();
    sim.cluster.crash(node ?? 0);
    let startedAt: number | undefined;
    for (let tick = 0; tick < 1000 && startedAt === undefined; tick += 1) {
      sim.tick();
      if (runningOn(sim, "d1").length === 1) startedAt = sim.cluster.now;
    }
    expect(startedAt).toBeDefined();
    const fencing = sim.fencings.find((line) => line.endsWith(`fenced node${node}`));
    expect(fencing).toBeDefined();
    expect(Number(fencing?.split(":")[0])).toBeLessThanOrEqual(startedAt ?? 0);
  });

  test("a failed monitor restarts the resource; at migration-threshold=1 it moves", () => {
    const restarted = cluster(11);
    steady(restarted);
    const [here] = runningOn(restarted, "d1");
    restarted.failResource(here ?? 0, "d1");
    steady(restarted);
    expect(runningOn(restarted, "d1")).toEqual([here]);
    const moving = cluster(11, 1);
    steady(moving);
    const [before] = runningOn(moving, "d1");
    moving.failResource(before ?? 0, "d1");
    steady(moving);
    expect(runningOn(moving, "d1")).toHaveLength(1);
    expect(runningOn(moving, "d1")).not.toContain(before);
  });

  test("a node asked to shut down leaves after its resources moved away", () => {
    const sim = cluster(5);
    steady(sim);
    const [here] = runningOn(sim, "d1");
    sim.requestShutdown(here ?? 0);
    for (let tick = 0; tick < 1000 && sim.cluster.node(here ?? 0).up; tick += 1) sim.tick();
    expect(sim.cluster.node(here ?? 0).up).toBe(false);
    for (let tick = 0; tick < 500 && runningOn(sim, "d1").length === 0; tick += 1) sim.tick();
    expect(runningOn(sim, "d1")).toHaveLength(1);
    expect(sim.fencings).toEqual([]);
  });
});
