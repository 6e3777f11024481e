import { describe, expect, test } from "vitest";
import { SimCluster, converged } from "../../../daemons/sim/index.js";

const timing = { tokenMs: 200, tokenCoefficientMs: 0, joinMs: 30, maxMessages: 17 };

function quorateNodes(sim: SimCluster): number[] {
  return sim.liveNodeIds.filter((nodeId) => sim.node(nodeId).quorate);
}

describe("quorum over the membership (votes announced in the votequorum group)", () => {
  test("last_man_standing lets a five-node cluster shrink one node at a time down to two", () => {
    const quorum = { lastManStanding: true, lastManStandingWindowMs: 1000 };
    const sim = SimCluster.create({ seed: 1, nodeCount: 5, timing, quorum });
    sim.runUntil(converged, 500);
    for (const nodeId of [5, 4, 3]) {
      sim.crash(nodeId);
      sim.runUntil(converged, 500);
      sim.runTicks(150);
      expect(quorateNodes(sim)).toEqual(sim.liveNodeIds);
    }
    expect(sim.node(1).quorum.state()).toMatchObject({ expectedVotes: 2, quorum: 2 });
    sim.crash(2);
    sim.runUntil(converged, 500);
    expect(quorateNodes(sim)).toEqual([]);
  });

  test("without last_man_standing two of five are not quorate", () => {
    const sim = SimCluster.create({ seed: 1, nodeCount: 5, timing });
    sim.runUntil(converged, 500);
    for (const nodeId of [5, 4, 3]) {
      sim.crash(nodeId);
      sim.runUntil(converged, 500);
    }
    expect(quorateNodes(sim)).toEqual([]);
    expect(sim.node(1).quorum.state()).toMatchObject({ expectedVotes: 5, quorum: 3 });
  });

  test("after last_man_standing lowered expected votes, a rejoining node raises them back to the total", () => {
    const quorum = { lastManStanding: true, lastManStandingWindowMs: 500 };
    const sim = SimCluster.create({ seed: 2, nodeCount: 3, timing, quorum });
    sim.runUntil(converged, 500);
    sim.crash(3);
    sim.runUntil(converged, 500);
    sim.runTicks(80);
    expect(sim.node(1).quorum.state().expectedVotes).toBe(2);
    sim.restart(3);
    sim.runUntil(converged, 500);
    sim.runTicks(20);
    expect([1, 2, 3].map((nodeId) => sim.node(nodeId).quorum.state().highestExpected)).toEqual([
      3, 3, 3,
    ]);
    expect(quorateNodes(sim)).toEqual([1, 2, 3]);
  });

  test("wait_for_all keeps a restarted lone node inquorate until it has seen every node", () => {
    const sim = SimCluster.create({ seed: 3, nodeCount: 3, timing, quorum: { waitForAll: true } });
    sim.network.split([[1], [2, 3]]);
    sim.runTicks(200);
    expect(quorateNodes(sim)).toEqual([]);
    sim.heal();
    sim.runUntil(converged, 500);
    sim.runTicks(5);
    expect(quorateNodes(sim)).toEqual([1, 2, 3]);
  });
});
