import { expect, test } from "vitest";
import { runSwarmSeed } from "./swarm.js";

/**
 * Seeds the 100k soak once failed on, always run. Each node's ring sequence must grow: a
 * restarted node (no ring, only its persisted sequence) accepted a stale commit whose
 * sequence equalled the ring it had installed before the crash.
 */
const ringSeqGrowsSeeds = [19943, 24239, 28357, 69184, 90169, 91844];

test.each(ringSeqGrowsSeeds)("seed %i keeps every invariant and converges", (seed) => {
  expect(runSwarmSeed(seed, { safetyTicks: 300 }).convergenceTicks).toBeLessThanOrEqual(600);
});
