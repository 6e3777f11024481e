import { describe, expect, test } from "vitest";
import { cluster, oneView, viewsOf } from "./harness.js";

/** Effective token of the harness's 3-node clusters: 1000 + 650 ms = 165 ticks of 10 ms. */
const tokenTicks = 165;

describe("peer_unreachable: a transport's proof that a peer's process is gone", () => {
  test("kill -9 reported by both survivors' transports: a new view long before the token", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    sim.runTicks(37);
    const crashTick = sim.now;
    sim.crash(3);
    sim.runTicks(2);
    sim.reportUnreachable(1, 3);
    sim.reportUnreachable(2, 3);
    const ticks = sim.runUntil(oneView, 1000) + 2;
    // join (5 ticks) + the commit's round trips: well under a tenth of the token.
    expect(ticks).toBeLessThanOrEqual(12);
    expect(viewsOf(sim, 1, crashTick).map((view) => view.members)).toEqual([[1, 2]]);
    expect(viewsOf(sim, 2, crashTick).map((view) => view.members)).toEqual([[1, 2]]);
    expect(sim.node(1).quorate).toBe(true);
  });

  test("one survivor reported late: the view forms when the second report arrives", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    sim.crash(3);
    sim.reportUnreachable(2, 3);
    sim.runTicks(30);
    // Node 2 gathers without node 3; node 1 still proposes it until its own signal.
    expect(sim.node(1).membership.status().members).toEqual([1, 2, 3]);
    sim.reportUnreachable(1, 3);
    expect(sim.runUntil(oneView, 1000)).toBeLessThanOrEqual(10);
    expect(sim.node(2).membership.status().members).toEqual([1, 2]);
  });

  test("with only one survivor's report the other waits for the token, as without it", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    sim.crash(3);
    sim.reportUnreachable(1, 3);
    const ticks = sim.runUntil(oneView, 1000);
    expect(ticks).toBeGreaterThan(tokenTicks - 10);
    expect(ticks).toBeLessThanOrEqual(tokenTicks + 15);
    expect(sim.node(2).membership.status().members).toEqual([1, 2]);
  });

  test("a report about a node outside the ring changes nothing", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    sim.stop(3);
    sim.runUntil(oneView, 1000);
    const ring = sim.node(1).membership.status().ringId;
    sim.reportUnreachable(1, 3);
    sim.reportUnreachable(2, 3);
    sim.runTicks(50);
    expect(sim.node(1).membership.status().ringId).toEqual(ring);
    expect(sim.node(1).membership.status().phase).toBe("operational");
  });

  test("the coordinator drops a member that died before answering its commit", () => {
    const sim = cluster(3, {
      faults: { lossPercent: 0, duplicatePercent: 0, delayTicksMin: 4, delayTicksSpread: 0 },
    });
    sim.runUntil(oneView, 500);
    sim.crash(3);
    sim.reportUnreachable(1, 3);
    sim.reportUnreachable(2, 3);
    sim.runUntil(oneView, 1000);
    sim.restart(3);
    sim.runUntil(() => sim.node(1).membership.status().phase === "commit", 500);
    // The commit is on its way to node 3 (4 ticks): it dies before it can answer.
    sim.crash(3);
    sim.reportUnreachable(1, 3);
    sim.reportUnreachable(2, 3);
    const ticks = sim.runUntil(oneView, 1000);
    expect(ticks).toBeLessThan(40);
    expect(sim.node(1).membership.status().members).toEqual([1, 2]);
    expect(sim.node(2).membership.status().members).toEqual([1, 2]);
  });

  test("a node reported in error is failed like after a token loss, then heard again and merged", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    const reportTick = sim.now;
    const ring = sim.node(1).membership.status().ringId;
    sim.reportUnreachable(1, 2);
    expect(sim.node(1).membership.status().phase).toBe("gather");
    // Node 2 hears node 1's join, answers, and is taken back: one new ring with everyone.
    expect(sim.runUntil(oneView, 1000)).toBeLessThan(30);
    const views = viewsOf(sim, 1, reportTick);
    expect(views.map((view) => view.members)).toEqual([[1, 2, 3]]);
    expect(views[0]?.ringId.seq).toBeGreaterThan(ring?.seq ?? Infinity);
    expect(sim.node(2).membership.status().members).toEqual([1, 2, 3]);
  });

  test("a restarted node is heard again and rejoins", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    sim.crash(3);
    sim.reportUnreachable(1, 3);
    sim.reportUnreachable(2, 3);
    sim.runUntil(oneView, 1000);
    sim.restart(3);
    expect(sim.runUntil(oneView, 1000)).toBeLessThan(50);
    expect(sim.node(3).membership.status().members).toEqual([1, 2, 3]);
  });

  test("reports by seed in a cluster of 5: every seed keeps the safety checkers and converges", () => {
    for (let seed = 1; seed <= 30; seed += 1) {
      const sim = cluster(5, {
        seed,
        faults: { lossPercent: 5, duplicatePercent: 2, delayTicksMin: 1, delayTicksSpread: 2 },
        reachability: {
          crashReportPercent: 80,
          reportDelayTicksMin: 1,
          reportDelayTicksSpread: 4,
          spuriousPercent: 1,
        },
        broadcastPercent: 30,
      });
      sim.runUntil(oneView, 1000);
      sim.crash(1 + (seed % 5));
      sim.runTicks(400);
      expect(sim.reachability?.reportCount ?? 0).toBeGreaterThan(0);
      sim.reachability?.calm();
      sim.runUntil(oneView, 1000);
    }
  });
});
