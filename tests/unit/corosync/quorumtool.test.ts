import { expect, test } from "vitest";
import { formatLinkStatus, formatQuorumStatus } from "../../../backend/corosync/index.js";

test("formatQuorumStatus() prints corosync-quorumtool -s's layout", () => {
  const lines = formatQuorumStatus(
    {
      provider: "corosync_votequorum",
      localNodeid: 2,
      localName: "node2",
      ringId: { representative: 1, sequence: 0x11a },
      quorate: true,
      expectedVotes: 3,
      highestExpected: 3,
      totalVotes: 2,
      quorum: 2,
      flags: ["Quorate"],
      members: [
        { nodeid: 2, name: "node2", votes: 1 },
        { nodeid: 1, name: "node1", votes: 1 },
      ],
    },
    { date: new Date(2026, 10, 2, 3, 4, 5) },
  );
  expect(lines.join("\n")).toBe(`Quorum information
------------------
Date:             Mon Nov  2 03:04:05 2026
Quorum provider:  corosync_votequorum
Nodes:            2
Node ID:          2
Ring ID:          1.11a
Quorate:          Yes

Votequorum information
----------------------
Expected votes:   3
Highest expected: 3
Total votes:      2
Quorum:           2  
Flags:            Quorate 

Membership information
----------------------
    Nodeid      Votes Name
         1          1 node1
         2          1 node2 (local)`);
});

test("formatLinkStatus() prints corosync-cfgtool -s's layout, one block per link", () => {
  const zero = {
    frames_sent: 0,
    frames_delivered: 0,
    dropped_forged: 0,
    dropped_replayed: 0,
    dropped_truncated: 0,
    dropped_oversized: 0,
    dropped_queue_full: 0,
    handshakes_refused: 0,
  };
  const lines = formatLinkStatus({
    localNodeid: 2,
    localAddresses: ["127.0.0.1", "127.0.0.2"],
    counters: zero,
    links: [
      { peer: "node1", peerNodeid: 1, link: 0, connected: false },
      { peer: "node1", peerNodeid: 1, link: 1, connected: true },
    ],
  });
  expect(lines.join("\n")).toBe(
    [
      "Local node ID 2, transport knet",
      "LINK ID 0 ws",
      "\taddr\t= 127.0.0.1",
      "\tstatus:",
      "\t\tnodeid:          1:\tdisconnected",
      "\t\tnodeid:          2:\tlocalhost",
      "LINK ID 1 ws",
      "\taddr\t= 127.0.0.2",
      "\tstatus:",
      "\t\tnodeid:          1:\tconnected",
      "\t\tnodeid:          2:\tlocalhost",
    ].join("\n"),
  );
});
