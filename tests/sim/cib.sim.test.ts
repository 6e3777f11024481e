import { describe, expect, test } from "vitest";
import { runCibSeed } from "./cib-swarm.js";
import { seedChunks } from "./seeds.js";

// 300 seeds by default. SIM_SEED=n replays one; CIB_SIM_COUNT=n runs n / 20 (a CIB seed costs
// about twenty membership seeds), so `npm run sim:cib` soaks 5,000 of them. It has its own
// variable because this soak still finds the failure below, while `npm run sim` (the
// membership soak) is expected to pass.
//
// Known limit, visible in the soak: writes commit on agreed (not safe) delivery. Writes still
// pending at a view change are completed by the next quorate sync round, which closed most
// cases; of seeds 1..3000, one (2348) still shows two documents under one version (0.6.0),
// with no acknowledged write lost. Replay: SIM_SEED=2348 npx vitest run tests/sim/cib.sim.test.ts
const replay = process.env["SIM_SEED"] ?? "";
const soak = process.env["CIB_SIM_COUNT"];
const count = soak === undefined ? 300 : Math.max(1, Math.ceil(Number(soak) / 20));
const seeds =
  replay !== "" ? [Number(replay)] : Array.from({ length: count }, (_, index) => index + 1);

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
            `Seed ${seed} failed: ${message}\n` +
              `replay: SIM_SEED=${seed} npx vitest run tests/sim/cib.sim.test.ts`,
          );
        }
      }
      // The workload is real: writes are acknowledged, not only refused.
      expect(acknowledged).toBeGreaterThan(chunk.length);
    },
  );
});
