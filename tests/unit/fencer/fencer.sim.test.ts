import { expect, test } from "vitest";
import { SimFencerCluster } from "./sim-fencer.js";

// 30 seeds by default (FENCER_SIM_COUNT=n for more, SIM_SEED=n to replay one). Known open: of
// seeds 1..200, 92 156 163 leave requests unanswered after swarm faults (after a
// merge the chosen executioner does not hold the operation); the fencer's liveness there is
// not done.
const replay = process.env["SIM_SEED"] ?? "";
const count = Number(process.env["FENCER_SIM_COUNT"] ?? "30");
const seeds =
  replay !== "" ? [Number(replay)] : Array.from({ length: count }, (_, index) => index + 1);

test.each(seeds)(
  "seed %i: every request of a surviving origin is answered, completed histories agree, no node fences itself when a peer could",
  (seed) => {
    const sim = new SimFencerCluster(seed, 3 + (seed % 3));
    sim.runSwarm(600);
    const replayHint = `replay: SIM_SEED=${seed} npx vitest run tests/unit/fencer`;
    expect(sim.settled(), `${sim.cluster.describe()}\n${replayHint}`).toBe(true);
    expect(sim.selfFencing, replayHint).toEqual([]);
    expect(sim.answered.length).toBeGreaterThan(0);
  },
);
