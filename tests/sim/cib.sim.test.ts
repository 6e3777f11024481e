import { describe, expect, test } from "vitest";
import { runCibSeed } from "./cib-swarm.js";
import { seedChunks, simSeeds } from "./seeds.js";

// SIM_SEED=n replays one seed; SIM_COUNT=n runs seeds 1..n.
const seeds = simSeeds(300);

describe("replicated CIB under crashes, corrupted disks, partitions and restarts", () => {
  test.each(seedChunks(seeds, 50).map((chunk) => [chunk[0], chunk.at(-1), chunk] as const))(
    "seeds %i..%i: versions only move forward, one version is one document, no acknowledged write is lost, all converge",
    (_first, _last, chunk) => {
      let acknowledged = 0;
      for (const seed of chunk) {
        try {
          acknowledged += runCibSeed(seed, 300).acknowledged;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(
            `Seed ${seed} failed: ${message}\nreplay: SIM_SEED=${seed} npx vitest run tests/sim/cib.sim.test.ts`,
          );
        }
      }
      // The workload is real: writes are acknowledged, not only refused.
      expect(acknowledged).toBeGreaterThan(chunk.length);
    },
  );
});
