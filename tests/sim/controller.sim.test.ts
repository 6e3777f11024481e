import { describe, expect, test } from "vitest";
import { controllerReplay, runControllerSeed } from "./controller-swarm.js";
import { seedChunks } from "./seeds.js";

// 1,000 seeds by default (about 150 ticks of faults each, then healing). SIM_SEED=n replays
// one; CONTROLLER_SIM_COUNT=n runs seeds 1..n.
const replay = process.env["SIM_SEED"] ?? "";
const count = Number(process.env["CONTROLLER_SIM_COUNT"] ?? 1000);
const seeds =
  replay !== "" ? [Number(replay)] : Array.from({ length: count }, (_, index) => index + 1);
const safetyTicks = 150;

describe("controllers, CIB replicas and simulated agents under crashes, partitions, shutdowns and resource failures", () => {
  test.each(seedChunks(seeds, 100).map((chunk) => [chunk[0], chunk.at(-1), chunk] as const))(
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
    120_000,
  );
});
