import { describe, expect, test } from "vitest";
import { formatQuorumStatus } from "../../../backend/corosync/index.js";
import {
  Quorum,
  quorumConfig,
  quorumStatus,
  type QuorumSection,
} from "../../../daemons/quorum/index.js";

function quorumOf(nodeCount: number, section: QuorumSection = {}, nodeId = 1): Quorum {
  const nodes = Array.from({ length: nodeCount }, (_, index) => ({ nodeId: index + 1 }));
  return new Quorum(quorumConfig(nodeId, nodes, { section, tickMs: 10 }));
}

let ringSeq = 0;
function view(quorum: Quorum, members: number[]): boolean {
  ringSeq += 4;
  quorum.step({
    kind: "view_installed",
    ringId: { representative: members[0] ?? 1, seq: ringSeq },
    members,
  });
  quorum.drain();
  return quorum.state().quorate;
}

function ticks(quorum: Quorum, count: number): void {
  for (let index = 0; index < count; index += 1) quorum.step({ kind: "tick" });
}

describe("Quorum", () => {
  test("a majority partition is quorate and quorum stays at the majority after losses", () => {
    const quorum = quorumOf(3);
    expect(view(quorum, [1])).toBe(false);
    expect(view(quorum, [1, 2, 3])).toBe(true);
    expect(view(quorum, [1, 2])).toBe(true);
    expect(view(quorum, [1])).toBe(false);
    expect(quorum.state().quorum).toBe(2);
  });

  test("two_node keeps a lone survivor quorate but waits for both at start", () => {
    const quorum = quorumOf(2, { twoNode: true });
    expect(quorum.config.waitForAll).toBe(true);
    expect(view(quorum, [1])).toBe(false);
    expect(quorum.state().waitingForAll).toBe(true);
    expect(view(quorum, [1, 2])).toBe(true);
    expect(view(quorum, [1])).toBe(true);
    expect(quorum.state().quorum).toBe(1);
  });

  test("two_node with wait_for_all: 0 is quorate alone from the start", () => {
    const quorum = quorumOf(2, { twoNode: true, waitForAll: false });
    expect(view(quorum, [1])).toBe(true);
  });

  test("wait_for_all needs every expected vote once, and again after losing quorum", () => {
    const quorum = quorumOf(3, { waitForAll: true });
    expect(view(quorum, [1, 2])).toBe(false);
    expect(view(quorum, [1, 2, 3])).toBe(true);
    expect(view(quorum, [1, 2])).toBe(true);
    expect(view(quorum, [1])).toBe(false);
    expect(view(quorum, [1, 2])).toBe(false);
    expect(view(quorum, [1, 2, 3])).toBe(true);
  });

  test("last_man_standing lowers expected votes after the window, down to two nodes", () => {
    const quorum = quorumOf(5, { lastManStanding: true, lastManStandingWindowMs: 1000 });
    expect(view(quorum, [1, 2, 3, 4, 5])).toBe(true);
    expect(view(quorum, [1, 2, 3])).toBe(true);
    ticks(quorum, 99);
    expect(quorum.state().expectedVotes).toBe(5);
    ticks(quorum, 1);
    expect(quorum.drain()).toContainEqual({ kind: "announce", expectedVotes: 3 });
    expect(quorum.state()).toMatchObject({ expectedVotes: 3, quorum: 2, quorate: true });
    expect(view(quorum, [1, 2])).toBe(true);
    ticks(quorum, 100);
    expect(quorum.state()).toMatchObject({ expectedVotes: 2, quorum: 2 });
    expect(view(quorum, [1])).toBe(false);
  });

  test("without last_man_standing the expected votes never go down", () => {
    const quorum = quorumOf(5);
    view(quorum, [1, 2, 3, 4, 5]);
    view(quorum, [1, 2, 3]);
    ticks(quorum, 5000);
    expect(quorum.state()).toMatchObject({ expectedVotes: 5, quorum: 3 });
    expect(view(quorum, [1, 2])).toBe(false);
  });

  test("auto_tie_breaker keeps the half with the lowest node quorate in a 50% split", () => {
    const withLowest = quorumOf(4, { autoTieBreaker: true }, 1);
    const withoutLowest = quorumOf(4, { autoTieBreaker: true }, 3);
    view(withLowest, [1, 2, 3, 4]);
    view(withoutLowest, [1, 2, 3, 4]);
    expect(view(withLowest, [1, 2])).toBe(true);
    expect(view(withoutLowest, [3, 4])).toBe(false);
  });

  test("auto_tie_breaker_node highest picks the other half", () => {
    const section: QuorumSection = {
      autoTieBreaker: true,
      autoTieBreakerNode: { kind: "highest" },
    };
    const low = quorumOf(4, section, 1);
    const high = quorumOf(4, section, 4);
    view(low, [1, 2, 3, 4]);
    view(high, [1, 2, 3, 4]);
    expect(view(low, [1, 2])).toBe(false);
    expect(view(high, [3, 4])).toBe(true);
  });

  test("a higher expected_votes announced by a member raises the quorum", () => {
    const quorum = quorumOf(3);
    view(quorum, [1, 2]);
    quorum.step({ kind: "announced", nodeId: 2, expectedVotes: 5 });
    expect(quorum.state()).toMatchObject({ highestExpected: 5, quorum: 3, quorate: false });
  });

  test("quorum_changed is emitted on each change, with the view", () => {
    const quorum = quorumOf(3);
    quorum.step({ kind: "view_installed", ringId: { representative: 1, seq: 8 }, members: [1, 2] });
    expect(quorum.drain()).toEqual([
      {
        kind: "quorum_changed",
        quorate: true,
        ringId: { representative: 1, seq: 8 },
        members: [1, 2],
      },
      { kind: "announce", expectedVotes: 3 },
    ]);
  });
});

describe("quorumStatus() printed by formatQuorumStatus()", () => {
  test("prints what corosync-quorumtool -s prints", () => {
    const quorum = quorumOf(3, { waitForAll: true });
    quorum.step({
      kind: "view_installed",
      ringId: { representative: 1, seq: 13 },
      members: [1, 2, 3],
    });
    const status = quorumStatus(quorum.state(), quorum.config);
    const names = new Map([
      [1, "node1"],
      [2, "node2"],
      [3, "node3"],
    ]);
    const ringId = quorum.state().ringId;
    const printable = {
      provider: "corosync_votequorum",
      localNodeid: status.nodeId,
      localName: names.get(status.nodeId) ?? "",
      ringId: { representative: ringId?.representative ?? 0, sequence: ringId?.seq ?? 0 },
      quorate: status.quorate,
      expectedVotes: status.expectedVotes,
      highestExpected: status.highestExpected,
      totalVotes: status.totalVotes,
      quorum: status.quorum,
      flags: status.flags,
      members: status.members.map((member) => ({
        nodeid: member.nodeId,
        votes: member.votes,
        name: names.get(member.nodeId) ?? String(member.nodeId),
      })),
    };
    const date = new Date(2023, 0, 18, 10, 23, 45);
    expect(formatQuorumStatus(printable, { date })).toEqual([
      "Quorum information",
      "------------------",
      "Date:             Wed Jan 18 10:23:45 2023",
      "Quorum provider:  corosync_votequorum",
      "Nodes:            3",
      "Node ID:          1",
      "Ring ID:          1.d",
      "Quorate:          Yes",
      "",
      "Votequorum information",
      "----------------------",
      "Expected votes:   3",
      "Highest expected: 3",
      "Total votes:      3",
      "Quorum:           2  ",
      "Flags:            Quorate WaitForAll ",
      "",
      "Membership information",
      "----------------------",
      "    Nodeid      Votes Name",
      "         1          1 node1 (local)",
      "         2          1 node2",
      "         3          1 node3",
    ]);
  });
});
