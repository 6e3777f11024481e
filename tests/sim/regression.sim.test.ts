import { expect, test } from "vitest";
import { runSwarmSeed } from "./swarm.js";

/**
 * Seeds the 100k soak once failed on, always run. Ring sequences must grow: a restarted node
 * (no ring, only its persisted sequence) accepted a stale commit whose sequence equalled the
 * ring it had installed before the crash.
 */
const ringSeqGrowsSeeds = [19943, 24239, 28357, 69184, 90169, 91844];

/**
 * auto_tie_breaker after cascading splits: two halves each quorate by the tie-breaker they last
 * knew, as votequorum allows; the checker must accept it and still reject a majority beside it.
 */
const tieBreakerSeeds = [30423, 97706];

/**
 * Liveness after a heal: consensus-timeout failures of live nodes stayed in force for the
 * whole gather, so nodes that fell out of step re-formed as singletons forever.
 */
const staggeredGatherSeeds = [33483, 37988, 73916];

test.each([...ringSeqGrowsSeeds, ...tieBreakerSeeds, ...staggeredGatherSeeds])(
  "seed %i keeps every invariant and converges",
  (seed) => {
    expect(runSwarmSeed(seed, { safetyTicks: 300 }).convergenceTicks).toBeLessThanOrEqual(600);
  },
);
