import { randomBytes } from "node:crypto";
import WebSocket from "ws";
import { afterEach, describe, expect, test } from "vitest";
import { TransportHost, transportLanDefaults } from "../../../daemons/transport/host.js";
import type { TransportOptions } from "../../../daemons/transport/host.js";
import { freePort, waitUntil } from "../../support/wait-until.js";

const hosts: TransportHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

let lastPorts: number[] = [];

interface Node {
  readonly host: TransportHost;
  readonly received: string[];
}

async function cluster(
  options: { keys?: Uint8Array[]; mode?: TransportOptions["linkMode"] } = {},
): Promise<Node[]> {
  const key = new Uint8Array(randomBytes(256));
  const ports = [await freePort(), await freePort()];
  lastPorts = ports;
  const addresses = (index: number) =>
    ["127.0.0.1", "127.0.0.2"].map((host) => ({ host, port: ports[index] ?? 0 }));
  return Promise.all(
    [1, 2].map(async (nodeid, index) => {
      const host = new TransportHost({
        ...transportLanDefaults,
        localNodeId: nodeid,
        listen: addresses(index),
        peers: [{ nodeid: 3 - nodeid, name: `node${3 - nodeid}`, addresses: addresses(1 - index) }],
        authkey: options.keys?.[index] ?? key,
        linkMode: options.mode ?? "passive",
        linkPriorities: [2, 1],
        pingIntervalMs: 200,
        handshakeTimeoutMs: 300,
        log: () => undefined,
      });
      hosts.push(host);
      const received: string[] = [];
      host.onMessage((from, payload) =>
        received.push(`${from}:${new TextDecoder().decode(payload)}`),
      );
      await host.start();
      return { host, received };
    }),
  );
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const connected = (node: Node): number[] =>
  node.host
    .status()
    .links.filter((link) => link.connected)
    .map((link) => link.link);

describe("TransportHost", () => {
  test("delivers messages both ways over authenticated links, each exactly once", async () => {
    const [one, two] = await cluster({ mode: "active" });
    if (one === undefined || two === undefined) throw new Error("no nodes");
    await waitUntil(
      () => connected(one).length === 2 && connected(two).length === 2,
      "both links up",
    );
    for (const index of [1, 2, 3]) one.host.send(2, bytes(`m${index}`));
    two.host.send(1, bytes("reply"));
    await waitUntil(() => two.received.length === 3 && one.received.length === 1, "delivery");
    expect(two.received).toEqual(["1:m1", "1:m2", "1:m3"]);
    expect(one.received).toEqual(["2:reply"]);
    expect(two.host.status().counters.frames_delivered).toBe(3);
  });

  test("losing one link keeps messages flowing; losing both stops them; healing restores them", async () => {
    const [one, two] = await cluster();
    if (one === undefined || two === undefined) throw new Error("no nodes");
    await waitUntil(() => connected(one).length === 2, "both links up");
    one.host.cutLinks([2], [0]);
    await waitUntil(() => connected(one).join() === "1", "link 0 cut");
    one.host.send(2, bytes("over ring1"));
    await waitUntil(() => two.received.length === 1, "delivery over link 1");
    one.host.cutLinks([2]);
    one.host.send(2, bytes("lost"));
    await waitUntil(() => connected(one).length === 0, "all links cut");
    one.host.cutLinks([]);
    await waitUntil(
      () => connected(one).length === 2 && connected(two).length === 2,
      "links healed",
    );
    one.host.send(2, bytes("after heal"));
    await waitUntil(() => two.received.length === 2, "delivery after heal");
    expect(two.received).toEqual(["1:over ring1", "1:after heal"]);
  });

  test("a node with another authkey is refused, counted, and never delivers", async () => {
    const [one, two] = await cluster({
      keys: [new Uint8Array(randomBytes(256)), new Uint8Array(randomBytes(256))],
    });
    if (one === undefined || two === undefined) throw new Error("no nodes");
    one.host.send(2, bytes("intruder"));
    await waitUntil(
      () =>
        one.host.status().counters.handshakes_refused >= 2 &&
        two.host.status().counters.handshakes_refused >= 2,
      "refusals on both sides",
    );
    expect(connected(one)).toEqual([]);
    expect(two.received).toEqual([]);
  });

  test("a connection that never proves the authkey is dropped, counted, and its junk never delivered", async () => {
    const [, two] = await cluster();
    if (two === undefined) throw new Error("no nodes");
    const socket = new WebSocket(`ws://127.0.0.1:${lastPorts[1] ?? 0}/`);
    await new Promise((resolve) => socket.once("open", resolve));
    const closed = new Promise((resolve) => socket.once("close", resolve));
    socket.send("hello?");
    socket.send(new Uint8Array([4, 0, 0, 0, 0, 0, 0, 0, 1, ...new Uint8Array(40)]));
    await closed;
    const counters = two.host.status().counters;
    expect(counters.dropped_forged).toBeGreaterThanOrEqual(1);
    expect(counters.handshakes_refused).toBeGreaterThanOrEqual(1);
    expect(two.received).toEqual([]);
  });
});
