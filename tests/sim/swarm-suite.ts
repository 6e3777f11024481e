import { describe, expect, test } from "vitest";
import { runSwarmSeed } from "./swarm.js";
import { seedChunks, seedShare, simSeeds } from "./seeds.js";

/** Declares the swarm tests for one share of the seeds (one share per test file). */
export function describeSwarm(part: number, parts: number): void {
  const seeds = seedShare(simSeeds(2000), part, parts);
  describe(`membership and quorum under faults (share ${part + 1} of ${parts})`, () => {
    // SIM_SEED=n replays one seed: the other shares are empty.
    if (seeds.length === 0) test.skip("no seed in this share", () => undefined);
    test.each(seedChunks(seeds, 100).map((chunk) => [chunk[0], chunk.at(-1), chunk] as const))(
      "seeds %i..%i keep every invariant and converge after healing",
      (_first, _last, chunk) => {
        for (const seed of chunk) {
          let convergenceTicks: number;
          try {
            convergenceTicks = runSwarmSeed(seed, { safetyTicks: 300 }).convergenceTicks;
          } catch (error) {
            // Core assertions (BugError) and checker violations alike name the seed to replay.
            const message = error instanceof Error ? error.message : String(error);
            throw new Error(
              `Seed ${seed} failed: ${message}\nreplay: SIM_SEED=${seed} npm run sim`,
            );
          }
          expect(convergenceTicks).toBeLessThanOrEqual(600);
        }
      },
    );
  });
}
