// The membership notification crm_mon redraws on: a client subscribes with
// quorum_subscribe_requested and is pushed quorum_changed when a node leaves or joins.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ClientConnection, subscribeQuorum } from "../../../backend/client/index.js";
import {
  decodeClientRequest,
  decodeServerMessage,
  encodeMessage,
} from "../../../backend/protocol/index.js";
import type { QuorumStatus, ServerMessage } from "../../../backend/protocol/index.js";
import { InProcessCluster, until } from "../cib-host/in-process-cluster.js";

const solo: QuorumStatus = {
  provider: "corosync_votequorum",
  localNodeid: 1,
  localName: "node1",
  ringId: { representative: 1, sequence: 12 },
  quorate: true,
  expectedVotes: 2,
  highestExpected: 2,
  totalVotes: 1,
  quorum: 1,
  flags: ["2Node", "Quorate"],
  members: [{ nodeid: 1, name: "node1", votes: 1 }],
};

describe("quorum subscription frames", () => {
  test("decode the request and the pushed change", () => {
    const request = decodeClientRequest('{"kind":"quorum_subscribe_requested","id":7}');
    expect(request.ok && request.value).toEqual({ kind: "quorum_subscribe_requested", id: 7 });
    const pushed: ServerMessage = { kind: "quorum_changed", id: null, status: solo };
    expect(decodeServerMessage(encodeMessage(pushed))).toEqual({
      ok: true,
      value: pushed,
      issues: [],
    });
  });

  test("refuse a quorum_changed that answers a request id", () => {
    const frame = JSON.stringify({ kind: "quorum_changed", id: 3, status: solo });
    const result = decodeServerMessage(frame);
    expect(result.ok ? undefined : result.issues[0]?.message).toBe('Field "id" must be null');
  });
});

describe("a node's quorum subscribers", () => {
  let cluster: InProcessCluster;
  beforeAll(async () => {
    cluster = await InProcessCluster.create(2);
    await Promise.all([cluster.start("node1"), cluster.start("node2")]);
  }, 30_000);
  afterAll(async () => {
    await cluster.destroy();
  });

  test("are pushed the membership when a node leaves and when it comes back", async () => {
    const node1 = cluster.node("node1");
    const token = readFileSync(join(cluster.stateDir("node1"), "client.token"), "utf8");
    const connection = await ClientConnection.open(`ws://127.0.0.1:${node1.clientPort}/`, {
      token,
    });
    const pushed: QuorumStatus[] = [];
    const stop = await subscribeQuorum(connection, (status) => pushed.push(status));
    const memberNames = (): string[] => (pushed.at(-1)?.members ?? []).map((member) => member.name);
    try {
      await until(() => memberNames().length === 2 || pushed.length === 0, "the first view");
      await cluster.stop("node2");
      await until(() => memberNames().join(" ") === "node1", "node2 leaving");
      await cluster.start("node2");
      await until(() => memberNames().join(" ") === "node1 node2", "node2 rejoining", 20_000);
      const rings = pushed.map((status) => status.ringId.sequence);
      expect(rings).toEqual([...rings].sort((a, b) => a - b));
    } finally {
      stop();
      connection.close();
    }
  }, 40_000);
});
