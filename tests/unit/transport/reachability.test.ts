import { randomBytes } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { TransportHost, transportLanDefaults } from "../../../daemons/transport/host.js";
import { freePort, waitUntil } from "../../support/wait-until.js";

const hosts: TransportHost[] = [];
const servers: Server[] = [];
const accepted: Socket[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
  for (const socket of accepted.splice(0)) socket.destroy();
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

const key = new Uint8Array(randomBytes(256));
const addresses = (port: number) => ["127.0.0.1", "127.0.0.2"].map((host) => ({ host, port }));

/** A started transport for `nodeid` of a 2-node cluster; `events` records its reports. */
async function node(nodeid: number, ports: readonly number[], reconnectDelayMsMin = 20) {
  const peer = 3 - nodeid;
  const host = new TransportHost({
    ...transportLanDefaults,
    reconnectDelayMsMin,
    reconnectDelayMsMax: Math.max(
      4 * reconnectDelayMsMin,
      transportLanDefaults.reconnectDelayMsMax,
    ),
    localNodeId: nodeid,
    listen: addresses(ports[nodeid - 1] ?? 0),
    peers: [{ nodeid: peer, name: `node${peer}`, addresses: addresses(ports[peer - 1] ?? 0) }],
    authkey: key,
    linkMode: "passive",
    linkPriorities: [1, 1],
    pingIntervalMs: 200,
    handshakeTimeoutMs: 300,
    log: () => undefined,
  });
  const events: string[] = [];
  host.onPeerReachability((from, reachable) =>
    events.push(`${from} ${reachable ? "reachable" : "unreachable"}`),
  );
  hosts.push(host);
  await host.start();
  return { host, events, up: () => host.status().links.some((link) => link.connected) };
}

describe("TransportHost peer reachability", () => {
  test("a peer whose process is gone (every reconnect refused) is reported, and again when back", async () => {
    const ports = [await freePort(), await freePort()];
    const one = await node(1, ports);
    const two = await node(2, ports);
    await waitUntil(() => one.up() && two.up(), "both links up");
    await two.host.stop(0);
    hosts.splice(hosts.indexOf(two.host), 1);
    await waitUntil(() => one.events.length > 0, "the unreachable report");
    expect(one.events).toEqual(["2 unreachable"]);
    const again = await node(2, ports);
    await waitUntil(() => one.events.length > 1 && again.up(), "the reachable report");
    expect(one.events).toEqual(["2 unreachable", "2 reachable"]);
  });

  test("a restarted peer is dialed back at once, so its next death is proved too", async () => {
    const ports = [await freePort(), await freePort()];
    // node1 backs off 1 s, then 2 s, between reconnects.
    const one = await node(1, ports, 1000);
    const two = await node(2, ports);
    await waitUntil(() => one.up() && two.up(), "both links up");
    await two.host.stop(0);
    hosts.splice(hosts.indexOf(two.host), 1);
    await waitUntil(() => one.events.length > 0, "the unreachable report");
    const again = await node(2, ports);
    // node2 dialing in proves it alive: node1 dials back long before its next attempt (2 s).
    await waitUntil(() => one.events.length > 1, "the reachable report", 1500);
    await waitUntil(() => again.up(), "node2's links");
    await again.host.stop(0);
    hosts.splice(hosts.indexOf(again.host), 1);
    await waitUntil(() => one.events.length > 2, "the second unreachable report");
    expect(one.events).toEqual(["2 unreachable", "2 reachable", "2 unreachable"]);
  });

  test("a peer never reached is not reported, however often it refuses", async () => {
    const ports = [await freePort(), await freePort()];
    const one = await node(1, ports);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(one.events).toEqual([]);
  });

  test("cut links and a peer that accepts TCP but never answers prove nothing", async () => {
    const ports = [await freePort(), await freePort()];
    const one = await node(1, ports);
    const two = await node(2, ports);
    await waitUntil(() => one.up() && two.up(), "both links up");
    await Promise.all([one.host.cutLinks([2]), two.host.cutLinks([1])]);
    await waitUntil(() => !one.up(), "links down");
    // node2's process is replaced by a silent listener: connects succeed, handshakes time out.
    await two.host.stop(0);
    hosts.splice(hosts.indexOf(two.host), 1);
    for (const address of addresses(ports[1] ?? 0)) {
      const silent = createServer((socket) => accepted.push(socket));
      servers.push(silent);
      await new Promise<void>((resolve) => silent.listen(address.port, address.host, resolve));
    }
    one.host.cutLinks([]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(one.events).toEqual([]);
  });
});
