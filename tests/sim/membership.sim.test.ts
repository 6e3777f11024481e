import { describe, expect, test } from "vitest";
import { runSwarmSeed } from "./swarm.js";
import { seedChunks, simSeeds } from "./seeds.js";

const seeds = simSeeds(2000);

describe("membership and quorum under faults", () => {
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
          throw new Error(`Seed ${seed} failed: ${message}\nreplay: SIM_SEED=${seed} npm run sim`);
        }
        expect(convergenceTicks).toBeLessThanOrEqual(600);
      }
    },
  );
});
