import { describe, expect, test } from "vitest";
import { runSwarmSeed } from "./swarm.js";
import { seedChunks, simSeeds } from "./seeds.js";

const seeds = simSeeds(2000);

describe("membership and quorum under faults", () => {
  test.each(seedChunks(seeds, 100).map((chunk) => [chunk[0], chunk.at(-1), chunk] as const))(
    "seeds %i..%i keep every invariant and converge after healing",
    (_first, _last, chunk) => {
      for (const seed of chunk) {
        const result = runSwarmSeed(seed, { safetyTicks: 300 });
        expect(result.convergenceTicks).toBeLessThanOrEqual(600);
      }
    },
  );
});
