import { describe, expect, test } from "vitest";
import { ringIdText } from "../../../daemons/kernel/index.js";
import { cluster, deliveredPayloads, oneView, viewsOf } from "./harness.js";

describe("Membership views", () => {
  test("three nodes started together install one view with the same ring id", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    const rings = [1, 2, 3].map((nodeId) => sim.node(nodeId).membership.status().ringId);
    expect(rings.map((ring) => (ring === undefined ? "-" : ringIdText(ring)))).toEqual([
      "1.4",
      "1.4",
      "1.4",
    ]);
    expect([1, 2, 3].map((nodeId) => sim.node(nodeId).quorate)).toEqual([true, true, true]);
  });

  test("after kill -9 the survivors install a new view within token + 150 ms", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    sim.runTicks(37);
    const crashTick = sim.now;
    sim.crash(3);
    const ticks = sim.runUntil(oneView, 1000);
    const effectiveTokenTicks = 165;
    expect(ticks).toBeLessThanOrEqual(effectiveTokenTicks + 15);
    // Not before the token timeout either: a silent member is only failed after it.
    expect(ticks).toBeGreaterThan(effectiveTokenTicks - 10);
    const view = viewsOf(sim, 1, crashTick).at(-1);
    expect(view?.members).toEqual([1, 2]);
  });

  test("an orderly leave re-forms at once, long before the token timeout", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    sim.stop(2);
    expect(sim.runUntil(oneView, 1000)).toBeLessThan(20);
    expect(sim.node(1).membership.status().members).toEqual([1, 3]);
  });

  test("a restarted node rejoins with a ring sequence above everything it saw before", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    const before = sim.node(3).persistedRingSeq;
    sim.crash(3);
    sim.runUntil(oneView, 1000);
    sim.restart(3);
    sim.runUntil(oneView, 1000);
    const status = sim.node(3).membership.status();
    expect(status.members).toEqual([1, 2, 3]);
    expect(status.ringId?.seq).toBeGreaterThan(before);
    expect(sim.node(3).persistedRingSeq).toBe(status.ringId?.seq);
  });

  test("halves form their own views; only the majority stays quorate; healing merges them", () => {
    const sim = cluster(5);
    sim.runUntil(oneView, 500);
    sim.network.split([
      [1, 2],
      [3, 4, 5],
    ]);
    sim.runTicks(400);
    expect(sim.node(1).membership.status().members).toEqual([1, 2]);
    expect(sim.node(4).membership.status().members).toEqual([3, 4, 5]);
    expect([1, 2, 3, 4, 5].map((nodeId) => sim.node(nodeId).quorate)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
    sim.heal();
    sim.runUntil(oneView, 1000);
    expect(sim.node(1).membership.status().members).toEqual([1, 2, 3, 4, 5]);
    expect(sim.node(1).quorate).toBe(true);
  });

  test("an isolated node forms a view of itself and rejoins after the heal", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    sim.network.split([[2], [1, 3]]);
    sim.runTicks(400);
    expect(sim.node(2).membership.status().members).toEqual([2]);
    expect(sim.node(2).quorate).toBe(false);
    sim.heal();
    sim.runUntil(oneView, 1000);
  });

  test("ring sequences grow by 4 from the highest one seen, as Totem's", () => {
    const sim = cluster(2);
    sim.runUntil(oneView, 500);
    sim.crash(2);
    sim.runUntil(oneView, 1000);
    expect(viewsOf(sim, 1).map((view) => view.ringId.seq)).toEqual([4, 8]);
  });
});

describe("agreed order", () => {
  test("concurrent broadcasts are delivered in the same order at every member", () => {
    const sim = cluster(3, {
      faults: { lossPercent: 5, duplicatePercent: 5, delayTicksMin: 1, delayTicksSpread: 3 },
    });
    sim.runUntil(oneView, 1000);
    for (let round = 0; round < 20; round += 1) {
      for (const nodeId of [1, 2, 3]) sim.broadcast(nodeId, "cib", `${nodeId}-${round}`);
      sim.runTicks(2);
    }
    sim.runTicks(300);
    const orders = [1, 2, 3].map((nodeId) => deliveredPayloads(sim, nodeId));
    expect(orders[0]).toHaveLength(60);
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
    // FIFO per sender.
    const fromTwo = orders[0]?.filter((payload) => payload.startsWith("2-"));
    expect(fromTwo).toEqual(Array.from({ length: 20 }, (_, round) => `2-${round}`));
  });

  test("broadcasts requested during a view change are delivered in the next view", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    sim.crash(3);
    sim.runUntil((state) => state.node(1).membership.status().phase !== "operational", 1000);
    sim.broadcast(1, "cib", "during-gather");
    sim.runUntil(oneView, 1000);
    sim.runTicks(20);
    expect(deliveredPayloads(sim, 2)).toEqual(["during-gather"]);
    const delivered = sim.events.find(
      (event) => event.kind === "delivered" && event.payload === "during-gather",
    );
    expect(delivered?.kind === "delivered" && delivered.ringId.seq).toBe(8);
  });
});

describe("nodeids as corosync.conf gives them", () => {
  test("sparse nodeids: the lowest leads, and the next lowest leads once it is gone", () => {
    const sim = cluster(3, { nodeIds: [300, 7, 12] });
    sim.runUntil(oneView, 500);
    expect(sim.node(12).membership.status().ringId?.representative).toBe(7);
    expect(sim.node(300).membership.status().members).toEqual([7, 12, 300]);
    sim.crash(7);
    sim.runUntil(oneView, 1000);
    expect(sim.node(300).membership.status().ringId).toMatchObject({ representative: 12 });
  });
});
