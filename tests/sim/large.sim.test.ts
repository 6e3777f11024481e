import { expect, test } from "vitest";
import { simSeeds } from "./seeds.js";
import { runSwarmSeed } from "./swarm.js";

// Fewer, larger clusters (6 to 9 nodes) under the same faults.
// SIM_COUNT=n runs n / 50 of them (a large seed costs about ten small ones).
const replaying = (process.env["SIM_SEED"] ?? "") !== "";
const count = Math.max(1, Math.ceil(Number(process.env["SIM_COUNT"] ?? 2000) / 50));
const seeds = replaying
  ? simSeeds(0)
  : Array.from({ length: count }, (_, index) => index + 1_000_001);

test.each(seeds)("a 6 to 9 node cluster keeps every invariant and converges (seed %i)", (seed) => {
  let convergenceTicks: number;
  try {
    convergenceTicks = runSwarmSeed(seed, {
      safetyTicks: 300,
      nodeCountMin: 6,
      nodeCountMax: 9,
    }).convergenceTicks;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Seed ${seed} failed: ${message}\nreplay: SIM_SEED=${seed} npx vitest run tests/sim/large.sim.test.ts`,
    );
  }
  expect(convergenceTicks).toBeLessThanOrEqual(600);
});
