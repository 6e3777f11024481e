import { describe, expect, test } from "vitest";
import {
  holdsTieBreaker,
  isTieBreakerSplit,
  tieBreakerNode,
  quorumThreshold,
} from "../../../daemons/quorum/index.js";

const base = { twoNode: false, previousQuorum: 0, allowDecrease: false };

describe("quorumThreshold()", () => {
  test.each([
    // expected, total, members, quorum
    [1, 1, 1, 1],
    [2, 2, 2, 2],
    [3, 3, 3, 2],
    [4, 4, 4, 3],
    [5, 5, 5, 3],
    [5, 2, 2, 3],
    [6, 6, 6, 4],
    [16, 16, 16, 9],
    [3, 5, 5, 3], // more votes present than expected: the total counts
  ])("expected %i, total %i, %i members → quorum %i", (expected, total, members, quorum) => {
    const inputs = { ...base, highestExpected: expected, totalVotes: total, memberCount: members };
    expect(quorumThreshold(inputs)).toBe(quorum);
  });

  test("quorumThreshold() never goes down on its own, only when decrease is allowed", () => {
    const inputs = {
      ...base,
      highestExpected: 3,
      totalVotes: 3,
      memberCount: 3,
      previousQuorum: 3,
    };
    expect(quorumThreshold(inputs)).toBe(3);
    expect(quorumThreshold({ ...inputs, allowDecrease: true })).toBe(2);
  });

  test("quorumThreshold() is 1 in two_node mode while at most two nodes are members", () => {
    const inputs = { ...base, twoNode: true, highestExpected: 2, totalVotes: 1, memberCount: 1 };
    expect(quorumThreshold(inputs)).toBe(1);
    expect(quorumThreshold({ ...inputs, memberCount: 3, totalVotes: 3 })).toBe(2);
  });
});

describe("auto_tie_breaker", () => {
  test.each([
    // total, expected, previous members, members, quorum, split?
    [2, 4, 4, 2, 3, true],
    [1, 4, 4, 1, 3, false],
    [2, 5, 5, 2, 3, false], // half - 1: the other side (3) has quorum
    [2, 5, 4, 2, 3, false], // half - 1 again: the node outside the view may join the other side
    [3, 6, 6, 3, 4, true],
  ])(
    "total %i of %i (previously %i members, now %i, quorum %i) is a tie split: %s",
    (totalVotes, expectedVotes, previousMemberCount, memberCount, quorum, split) => {
      expect(
        isTieBreakerSplit({ totalVotes, expectedVotes, previousMemberCount, memberCount, quorum }),
      ).toBe(split);
    },
  );

  test("the tie-breaker is fixed by the nodelist: lowest, highest, or the first listed", () => {
    const configuredNodeIds = [4, 2, 1, 3];
    expect(tieBreakerNode({ kind: "lowest" }, configuredNodeIds)).toBe(1);
    expect(tieBreakerNode({ kind: "highest" }, configuredNodeIds)).toBe(4);
    expect(tieBreakerNode({ kind: "list", nodeIds: [9, 3, 1] }, configuredNodeIds)).toBe(3);
    expect(tieBreakerNode({ kind: "lowest" }, [])).toBeUndefined();
  });

  test("holdsTieBreaker() asks whether the fixed node is in this partition", () => {
    const common = { configuredNodeIds: [1, 2, 3, 4] };
    const lowest = { kind: "lowest" } as const;
    expect(holdsTieBreaker({ ...common, tieBreaker: lowest, members: [1, 3] })).toBe(true);
    expect(holdsTieBreaker({ ...common, tieBreaker: lowest, members: [2, 4] })).toBe(false);
    const highest = { kind: "highest" } as const;
    expect(holdsTieBreaker({ ...common, tieBreaker: highest, members: [3, 4] })).toBe(true);
    const list = { kind: "list", nodeIds: [3, 1] } as const;
    expect(holdsTieBreaker({ ...common, tieBreaker: list, members: [3, 4] })).toBe(true);
    // Node 3 is not here: it may be in the other half, so 1 does not take over.
    expect(holdsTieBreaker({ ...common, tieBreaker: list, members: [1, 2] })).toBe(false);
  });
});
