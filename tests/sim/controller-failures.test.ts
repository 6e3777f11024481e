import { describe, expect, test } from "vitest";
import { cleanupResource } from "../../backend/admin/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { cibVersion, diffCib, nextVersion, setCibVersion } from "../../daemons/cib/index.js";
import { transientAttributes } from "../../daemons/controller/index.js";
import type { NodeId } from "../../daemons/kernel/index.js";
import { SimControllerCluster, unsteadiness } from "../../daemons/sim/index.js";
import type { SimResourcesOptions } from "../../daemons/sim/index.js";
import { simTiming } from "./swarm.js";

const monitorMs = 200;
const failCount = `fail-count-d1#monitor_${monitorMs}`;

function cluster(seed: number, resources: Partial<SimResourcesOptions> = {}): SimControllerCluster {
  return SimControllerCluster.create(
    { seed, nodeCount: 3, timing: simTiming },
    {
      resources: { dummies: 1, monitorIntervalMs: monitorMs, ...resources },
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

function dcCib(sim: SimControllerCluster): XmlElement {
  const cib = sim.node(1).replica.cib;
  if (cib === undefined) throw new Error("node1 holds no CIB");
  return cib;
}

/** What every node's attrd holds for a node's attribute (one entry per node). */
function attrdValues(
  sim: SimControllerCluster,
  node: NodeId,
  name: string,
): (string | undefined)[] {
  return [...sim.daemons.values()].map((daemons) =>
    daemons.attrd.core.value(sim.nodeName(node), name),
  );
}

/** `crm resource cleanup RSC` committed on node1, as the shell's commit would write it. */
function cleanup(sim: SimControllerCluster, resource: string): void {
  const cib = dcCib(sim);
  const cleaned = cleanupResource(cib, { mode: "cleanup", resource });
  if (!cleaned.ok) throw new Error(cleaned.issues[0]?.message);
  const next = cleaned.value.cib;
  setCibVersion(next, nextVersion(cibVersion(cib), false));
  sim.writeCib(1, diffCib(cib, next));
}

describe("failures through attrd", () => {
  test("a monitor failure's fail count is counted by attrd (value++ on every member) and written to the status section; a cleanup clears it in attrd too", () => {
    const sim = cluster(11, { migrationThreshold: 3 });
    steady(sim);
    const [here = 0] = runningOn(sim, "d1");
    for (const expected of ["1", "2"]) {
      sim.failResource(here, "d1");
      steady(sim);
      expect(runningOn(sim, "d1")).toEqual([here]);
      expect(attrdValues(sim, here, failCount)).toEqual([expected, expected, expected]);
      expect(transientAttributes(dcCib(sim), String(here)).get(failCount)).toBe(expected);
      expect(
        transientAttributes(dcCib(sim), String(here)).get(`last-failure-d1#monitor_${monitorMs}`),
      ).toBeDefined();
    }
    cleanup(sim, "d1");
    for (
      let tick = 0;
      tick < 100 && transientAttributes(dcCib(sim), String(here)).has(failCount);
      tick += 1
    )
      sim.tick();
    steady(sim);
    expect(attrdValues(sim, here, failCount)).toEqual([undefined, undefined, undefined]);
    expect(transientAttributes(dcCib(sim), String(here)).has(failCount)).toBe(false);
    // Counting starts again from nothing (attrd did not keep the old count).
    sim.failResource(here, "d1");
    steady(sim);
    expect(transientAttributes(dcCib(sim), String(here)).get(failCount)).toBe("1");
    expect(runningOn(sim, "d1")).toEqual([here]);
  });

  test("at migration-threshold=1 the scheduler waits for the fail count: the resource moves without a restart in place", () => {
    const sim = cluster(11, { migrationThreshold: 1 });
    steady(sim);
    const [before = 0] = runningOn(sim, "d1");
    const starts = (): number => (sim.node(before).executor.running.has("d1") ? 1 : 0);
    sim.failResource(before, "d1");
    let restartedInPlace = false;
    for (let tick = 0; tick < 2000 && unsteadiness(sim) !== undefined; tick += 1) {
      sim.tick();
      if (starts() === 1) restartedInPlace = true;
    }
    expect(unsteadiness(sim)).toBeUndefined();
    expect(restartedInPlace).toBe(false);
    expect(runningOn(sim, "d1")).toHaveLength(1);
    expect(runningOn(sim, "d1")).not.toContain(before);
  });
});

describe("recheck-by: the DC reruns the scheduler when a failure expires", () => {
  test("failure-timeout=2s: the fail count expires and the resource returns to its preferred node about 3 s after the failure, not at a 60 s or 15 min recheck", () => {
    const sim = cluster(5, {
      migrationThreshold: 1,
      failureTimeout: "2s",
      prefer: { resource: "d1", node: "node2", score: 100 },
    });
    steady(sim);
    expect(runningOn(sim, "d1")).toEqual([2]);
    sim.failResource(2, "d1");
    const failedAtMs = sim.nowMs;
    steady(sim);
    expect(runningOn(sim, "d1")).not.toContain(2);
    // Steady and idle: only the recheck timer can bring it back.
    // The first recheck is when the kept last_failure record expires: last-rc-change is in
    // whole seconds, so 1-2 s after the failure; the fail count itself a second later.
    const recheckAtMs = sim.node(1).controller.role?.recheckAtMs ?? 0;
    expect(recheckAtMs - failedAtMs).toBeGreaterThan(1_000);
    expect(recheckAtMs - failedAtMs).toBeLessThanOrEqual(4_000);
    let backAtMs: number | undefined;
    for (let tick = 0; tick < 1000 && backAtMs === undefined; tick += 1) {
      sim.tick();
      if (runningOn(sim, "d1").includes(2)) backAtMs = sim.nowMs;
    }
    expect(backAtMs).toBeDefined();
    expect((backAtMs ?? 0) - failedAtMs).toBeGreaterThan(2_000);
    expect((backAtMs ?? 0) - failedAtMs).toBeLessThan(5_000);
    // The DC cleared the expired fail count through attrd (clear_failcount).
    steady(sim);
    expect(attrdValues(sim, 2, failCount)).toEqual([undefined, undefined, undefined]);
    expect(transientAttributes(dcCib(sim), "2").has(failCount)).toBe(false);
  });
});

describe("startup fencing", () => {
  test("a node of the nodelist never seen since the cluster formed is fenced before any resource starts", () => {
    const sim = cluster(7);
    sim.cluster.crash(3);
    let startedAt: number | undefined;
    for (let tick = 0; tick < 2000 && startedAt === undefined; tick += 1) {
      sim.tick();
      if (runningOn(sim, "d1").length > 0) startedAt = sim.cluster.now;
    }
    expect(startedAt).toBeDefined();
    const fencing = sim.fencings.find((line) => line.endsWith("fenced node3"));
    expect(fencing).toBeDefined();
    expect(Number(fencing?.split(":")[0])).toBeLessThanOrEqual(startedAt ?? 0);
  });
});
