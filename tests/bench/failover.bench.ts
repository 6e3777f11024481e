// Failover and broadcast figures for quorated (membership.md §2.3 and §4). Prints, asserts nothing.
// Run: npx tsx tests/bench/failover.bench.ts   (RUNS=3 by default; BROADCASTS=2000)
//  1. kill -9 of node3 in a 3-node local cluster → time until a survivor's client channel reports
//     the new 2-node view (polled every 5 ms), at token 1000 and at the default token.
//     Corosync 3.1.7 on the lab: new ring at 3.42–3.68 s (token 1000) and 7.50–7.76 s (defaults).
//  2. Broadcast throughput and latency through transport + membership with 3 and 16 nodes in
//     this process (real ws sockets, AES-GCM, agreed order): N messages from node1, time until
//     every node delivered all of them, and the median/p99 of send → delivery at the last node.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  fetchQuorumStatus,
  nodeClientTarget,
  stopLocalCluster,
} from "../../backend/client/index.js";
import { membershipConfig } from "../../daemons/membership/index.js";
import { MembershipHost } from "../../daemons/node/membership-host.js";
import { TransportHost, transportLanDefaults } from "../../daemons/transport/index.js";
import { writeCorosyncConfig } from "../../backend/corosync/index.js";
import { awaitView, freeBasePort, startQuorated } from "../e2e/cluster/local-cluster.js";
import { percentile } from "./samples.js";

const runs = Number(process.env["RUNS"] ?? 3);
const broadcasts = Number(process.env["BROADCASTS"] ?? 2000);

async function timeToNewView(dir: string): Promise<number> {
  const target = nodeClientTarget(join(dir, "node1"));
  if (target === undefined) throw new Error("node1 has no client channel");
  const victim = Number(readFileSync(join(dir, "node3", "quorated.pid"), "utf8"));
  const started = performance.now();
  process.kill(victim, "SIGKILL");
  for (;;) {
    const status = await fetchQuorumStatus(target).catch(() => undefined);
    if (status !== undefined && status.members.length === 2) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function failover(token: number | undefined): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "quorate-bench-"));
  try {
    const port = await freeBasePort(3);
    const names = ["node1", "node2", "node3"];
    const config = writeCorosyncConfig({
      clusterName: "bench",
      nodes: names.map((name, index) => ({
        name,
        nodeid: index + 1,
        addresses: [{ host: "127.0.0.1", port: port + index }],
      })),
      ...(token === undefined ? {} : { tokenMs: token }),
    });
    writeFileSync(join(dir, "corosync.conf"), config);
    writeFileSync(join(dir, "authkey"), randomBytes(256), { mode: 0o400 });
    for (const name of names) startQuorated(dir, name);
    await awaitView(dir, "node1", names, 30_000);
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      samples.push(await timeToNewView(dir));
      startQuorated(dir, "node3");
      await awaitView(dir, "node1", ["node1", "node2", "node3"], 30_000);
    }
    const label =
      token === undefined
        ? "default token (3650 ms effective)"
        : `token ${token} (${token + 650} ms effective)`;
    const text = samples.map((sample) => (sample / 1000).toFixed(2)).join(", ");
    console.log(
      `kill -9 → new view, ${label}: median ${(percentile(samples, 0.5) / 1000).toFixed(2)} s [${text}]`,
    );
  } finally {
    await stopLocalCluster(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function broadcastBench(nodeCount: number): Promise<void> {
  const port = await freeBasePort(nodeCount);
  const authkey = new Uint8Array(randomBytes(256));
  const stateRoot = mkdtempSync(join(tmpdir(), "quorate-bench-"));
  const address = (index: number) => [{ host: "127.0.0.1", port: port + index }];
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const nodeids = Array.from({ length: nodeCount }, (_, index) => index + 1);
  const delivered = nodeids.map(() => 0);
  const log = { write: () => undefined };
  const hosts = nodeids.map((nodeid, index) => {
    const stateDir = join(stateRoot, `node${nodeid}`);
    mkdirSync(stateDir);
    const transport = new TransportHost({
      ...transportLanDefaults,
      localNodeId: nodeid,
      listen: address(index),
      peers: nodeids
        .filter((peer) => peer !== nodeid)
        .map((peer) => ({ nodeid: peer, name: `node${peer}`, addresses: address(peer - 1) })),
      authkey,
      linkMode: "passive",
      linkPriorities: [1],
      pingIntervalMs: 500,
      log: () => undefined,
    });
    const membership = new MembershipHost(membershipConfig(nodeid, nodeids, { tickMs: 10 }), {
      transport,
      stateDir,
      log,
      names: new Map(),
      ticked: () => undefined,
      performed: (effect) => {
        if (effect.kind !== "delivered") return;
        delivered[index] = (delivered[index] ?? 0) + 1;
        if (nodeid === nodeCount)
          latencies.push(performance.now() - (sentAt.get(effect.payload) ?? Number.NaN));
      },
    });
    return { transport, membership };
  });
  await Promise.all(hosts.map((host) => host.transport.start()));
  for (const host of hosts) {
    host.membership.start();
    host.membership.feed({ kind: "group_join_requested", group: "bench" });
  }
  while (hosts.some((host) => host.membership.core.status().members.length !== nodeCount))
    await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const first = hosts[0];
  if (first === undefined) return;
  const started = performance.now();
  for (let index = 0; index < broadcasts; index++) {
    const payload = `m${index}`;
    sentAt.set(payload, performance.now());
    first.membership.feed({ kind: "broadcast_requested", group: "bench", payload });
    if (index % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
  while (delivered.some((count) => count < broadcasts))
    await new Promise((resolve) => setTimeout(resolve, 1));
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `broadcast, ${nodeCount} nodes in one process: ${broadcasts} messages in ${seconds.toFixed(2)} s = ${Math.round(broadcasts / seconds)} msg/s; ` +
      `latency node1 → node${nodeCount} median ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
  );
  for (const host of hosts) host.membership.stop();
  await Promise.all(hosts.map((host) => host.transport.stop()));
  rmSync(stateRoot, { recursive: true, force: true });
}

await broadcastBench(3);
await broadcastBench(16);
await failover(1000);
await failover(undefined);
