import { describe, expect, test } from "vitest";
import { controllerReplay, controllerSeeds, runControllerSeed } from "./controller-swarm.js";
import { seedChunks } from "./seeds.js";

/** Ticks of faults per seed before healing. */
const safetyTicks = 100;

/**
 * One share of the controller soak (two test files run the shares side by side): 1,000 seeds
 * in all by default; CONTROLLER_SIM_COUNT=n runs seeds 1..n, SIM_SEED=n replays one.
 */
export function controllerSuite(part: number, parts: number): void {
  const seeds = controllerSeeds(part, parts);
  describe(`controllers, CIB replicas and simulated agents under faults (share ${part + 1} of ${parts})`, () => {
    test
      .skipIf(seeds.length === 0)
      .each(seedChunks(seeds, 100).map((chunk) => [chunk[0], chunk.at(-1), chunk] as const))(
      "seeds %i..%i: one DC per view, no resource active twice, nothing started without quorum, then steady with every resource where the CIB says",
      (_first, _last, chunk) => {
        let fencings = 0;
        for (const seed of chunk) {
          try {
            fencings += runControllerSeed(seed, safetyTicks).fencings;
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            throw new Error(`Seed ${seed} failed: ${message}\nreplay: ${controllerReplay(seed)}`);
          }
        }
        // The faults are real: nodes get fenced, not only restarted.
        if (chunk.length >= 50) expect(fencings).toBeGreaterThan(0);
      },
      300_000,
    );
  });
}
