import { describe, expect, test } from "vitest";
import { Prng } from "../../daemons/kernel/index.js";
import { SimCluster, converged, safetyCheckers } from "../../daemons/sim/index.js";
import { seedChunks, simSeeds } from "./seeds.js";

/** Token 3000 ms as quorated's default: 3650 ms effective with 3 nodes, more with 5. */
const defaultTiming = { tokenMs: 3000, tokenCoefficientMs: 650, joinMs: 50, maxMessages: 17 };

/** Ticks a message may spend in the network here: min 1 + spread 2. */
const networkDelayTicksMax = 3;

/**
 * When each survivor's transport proves a node gone that just went down: 1..3 ticks after
 * everything it sent has arrived, as over TCP (its connections close after their data, then
 * reconnects are refused).
 */
function scheduleReports(sim: SimCluster, prng: Prng): Map<number, number> {
  const due = new Map<number, number>();
  for (const survivor of sim.liveNodeIds) {
    due.set(survivor, sim.now + networkDelayTicksMax + 1 + prng.int(3));
  }
  return due;
}

function deliverReports(sim: SimCluster, reports: readonly [number, Map<number, number>][]): void {
  for (const [about, due] of reports) {
    for (const [nodeId, tick] of due) if (tick === sim.now) sim.reportUnreachable(nodeId, about);
  }
}

/**
 * kill -9 of one node at a random moment (with broadcasts flowing, sometimes while the view
 * changes after an orderly stop), proved by every survivor's transport; the network delays,
 * reorders and duplicates but loses nothing. Returns the ticks from the crash to one view.
 */
function crashReported(seed: number): number {
  const prng = new Prng(seed);
  const nodeCount = 3 + prng.int(3);
  const sim = SimCluster.create({
    seed,
    nodeCount,
    faults: {
      lossPercent: 0,
      duplicatePercent: 5,
      delayTicksMin: 1,
      delayTicksSpread: networkDelayTicksMax - 1,
    },
    timing: defaultTiming,
    broadcastPercent: 40,
  });
  for (const checker of safetyCheckers({ quorumPartitions: true })) sim.addChecker(checker);
  sim.runUntil(converged, 2000);
  const reports: [number, Map<number, number>][] = [];
  if (prng.chance(30)) {
    const stopped = 1 + prng.int(nodeCount);
    sim.stop(stopped);
    reports.push([stopped, scheduleReports(sim, prng)]);
  }
  for (let ticks = prng.int(60); ticks > 0; ticks -= 1) {
    sim.tick();
    deliverReports(sim, reports);
  }
  const live = sim.liveNodeIds;
  const victim = live[prng.int(live.length)] ?? 1;
  sim.crash(victim);
  const crashTick = sim.now;
  reports.push([victim, scheduleReports(sim, prng)]);
  const reportedTick = crashTick + networkDelayTicksMax + 3;
  return sim.runUntil((cluster) => {
    deliverReports(cluster, reports);
    return cluster.now >= reportedTick && converged(cluster);
  }, 1000);
}

describe("kill -9 proved by every survivor's transport (quorated's default token)", () => {
  test.each(
    seedChunks(simSeeds(300), 100).map((chunk) => [chunk[0], chunk.at(-1), chunk] as const),
  )(
    "seeds %i..%i: one view of the survivors within 40 ticks (the token is 365+)",
    (_first, _last, chunk) => {
      for (const seed of chunk) {
        let ticks: number;
        try {
          ticks = crashReported(seed);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(`Seed ${seed} failed: ${message}`);
        }
        expect(ticks, `seed ${seed}`).toBeLessThanOrEqual(40);
      }
    },
  );
});
