import { describe, expect, test } from "vitest";
import {
  SimCluster,
  SimViolation,
  converged,
  deliveryInView,
  singleQuoratePartition,
  totalOrder,
  viewAgreement,
  virtualSynchrony,
  type SimEvent,
} from "../../daemons/sim/index.js";
import { simTiming } from "./swarm.js";

const ring = (representative: number, seq: number) => ({ representative, seq });

function view(
  nodeId: number,
  ringId: { representative: number; seq: number },
  members: number[],
  previous?: { ringId: { representative: number; seq: number }; deliveredThrough: number },
): SimEvent {
  return {
    kind: "view_installed",
    tick: 1,
    nodeId,
    ringId,
    members,
    ...(previous === undefined ? {} : { previous }),
  };
}

function delivered(
  nodeId: number,
  ringId: { representative: number; seq: number },
  seq: number,
  payload: string,
  sender = 1,
): SimEvent {
  return { kind: "delivered", tick: 1, nodeId, ringId, sender, group: "cib", payload, seq };
}

describe("checkers catch what they guard", () => {
  test("viewAgreement() flags one ring id installed with two member lists", () => {
    const checker = viewAgreement();
    expect(checker.observe?.(view(1, ring(1, 4), [1, 2]))).toBeUndefined();
    expect(checker.observe?.(view(2, ring(1, 4), [1, 2, 3]))).toMatch(/ring 1.4/);
  });

  test("totalOrder() flags two messages at one seq and a seq going back", () => {
    const checker = totalOrder();
    expect(checker.observe?.(delivered(1, ring(1, 4), 1, "a"))).toBeUndefined();
    expect(checker.observe?.(delivered(2, ring(1, 4), 1, "b"))).toMatch(/seq 1/);
    expect(checker.observe?.(delivered(1, ring(1, 4), 2, "c"))).toBeUndefined();
    expect(checker.observe?.(delivered(1, ring(1, 4), 1, "a"))).toMatch(/after 2/);
  });

  test("virtualSynchrony() flags two nodes moving together after delivering different prefixes", () => {
    const checker = virtualSynchrony();
    expect(
      checker.observe?.(view(1, ring(1, 8), [1, 2], { ringId: ring(1, 4), deliveredThrough: 5 })),
    ).toBeUndefined();
    expect(
      checker.observe?.(view(2, ring(1, 8), [1, 2], { ringId: ring(1, 4), deliveredThrough: 4 })),
    ).toMatch(/through 4/);
  });

  test("deliveryInView() flags a delivery from an old view or a non-member", () => {
    const checker = deliveryInView();
    checker.observe?.(view(1, ring(1, 8), [1, 2]));
    expect(checker.observe?.(delivered(1, ring(1, 4), 1, "old"))).toMatch(/outside its view/);
    expect(checker.observe?.(delivered(1, ring(1, 8), 1, "stranger", 3))).toMatch(/non-member 3/);
  });

  test("singleQuoratePartition() catches two_node's split brain, which fencing must settle", () => {
    const sim = SimCluster.create({
      seed: 3,
      nodeCount: 2,
      timing: simTiming,
      quorum: { twoNode: true },
    });
    sim.addChecker(singleQuoratePartition());
    sim.runUntil(converged, 200);
    sim.network.split([[1], [2]]);
    expect(() => sim.runTicks(200)).toThrow(SimViolation);
  });

  test("auto_tie_breaker keeps one quorate half after cascading splits (seeds 30423, 97706)", () => {
    const sim = SimCluster.create({
      seed: 3,
      nodeCount: 4,
      timing: simTiming,
      quorum: { autoTieBreaker: true },
    });
    sim.addChecker(singleQuoratePartition());
    sim.runUntil(converged, 200);
    const viewsAre = (groups: number[][]) => () =>
      groups.every((group) =>
        group.every((nodeId) => sim.node(nodeId).view?.members.join() === group.join()),
      );
    sim.network.split([[1], [2, 3, 4]]);
    sim.runUntil(viewsAre([[1], [2, 3, 4]]), 2000);
    expect(sim.node(2).quorate).toBe(true);
    sim.network.heal();
    sim.network.split([
      [1, 3],
      [2, 4],
    ]);
    sim.runUntil(
      viewsAre([
        [1, 3],
        [2, 4],
      ]),
      2000,
    );
    sim.runTicks(50);
    // The fixed tie-breaker (lowest nodeid of the nodelist, 1) decides; node 2 never does.
    expect([1, 2, 3, 4].map((nodeId) => sim.node(nodeId).quorate)).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  test("singleQuoratePartition() holds for a majority quorum under the same split", () => {
    const sim = SimCluster.create({ seed: 3, nodeCount: 3, timing: simTiming });
    sim.addChecker(singleQuoratePartition());
    sim.runUntil(converged, 200);
    sim.network.split([[1], [2, 3]]);
    sim.runTicks(200);
    expect([1, 2, 3].map((nodeId) => sim.node(nodeId).quorate)).toEqual([false, true, true]);
  });
});
