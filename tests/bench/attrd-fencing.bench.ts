// attrd and fencer latency on a 3-node local cluster. Prints, asserts nothing.
// Run: npx tsx tests/bench/attrd-fencing.bench.ts   (UPDATES=200, VISIBLE=20)
//  1. Transient attribute updates through one reused client connection to node1: the time from
//     sending attribute_update_requested to attribute_updated (node1's attrd has its update back
//     in the attrd group's agreed order, so every member holds it).
//  2. From an update on node1 until node3's CIB status section holds it (the writer's CIB write).
//  3. One fence of node3 with fence_quorate_local: request to fence_result (the agent run).
import { ClientConnection, queryCib, requestFence } from "../../backend/client/index.js";
import { element } from "../../backend/cib/index.js";
import { addResources, editLiveCib } from "../support/live-cib.js";
import {
  clientTarget as target,
  nodeNames,
  pidOf,
  startLocalCluster,
  teardown,
  temporaryClusterDir,
} from "../support/local-cluster.js";
import { summaryLine } from "./samples.js";

const updates = Number(process.env["UPDATES"] ?? 200);
const visible = Number(process.env["VISIBLE"] ?? 20);
const nodes = nodeNames(3);

function summary(label: string, samples: readonly number[]): void {
  console.log(summaryLine(label, samples, { width: 48 }));
}

async function updateRoundTrips(dir: string): Promise<number[]> {
  const connection = await ClientConnection.open(target(dir, "node1").url, target(dir, "node1"));
  const samples: number[] = [];
  for (let index = 0; index < updates; index += 1) {
    const started = performance.now();
    await connection.request({
      kind: "attribute_update_requested",
      node: nodes[index % 3] ?? "node1",
      name: "bench",
      value: String(index),
      section: "status",
      lifetimeReboot: true,
    });
    samples.push(performance.now() - started);
  }
  connection.close();
  return samples;
}

async function untilVisible(dir: string): Promise<number[]> {
  const connection = await ClientConnection.open(target(dir, "node1").url, target(dir, "node1"));
  const samples: number[] = [];
  for (let index = 0; index < visible; index += 1) {
    const value = `visible-${index}`;
    const started = performance.now();
    await connection.request({
      kind: "attribute_update_requested",
      node: "node2",
      name: "bench-visible",
      value,
      section: "status",
      lifetimeReboot: true,
    });
    while (!(await queryCib(target(dir, "node3"), "/cib/status")).xml.includes(value));
    samples.push(performance.now() - started);
  }
  connection.close();
  return samples;
}

async function fenceOnce(dir: string): Promise<number> {
  const device = element(
    "primitive",
    { id: "fence-bench", class: "stonith", type: "fence_quorate_local" },
    [
      element("instance_attributes", { id: "fence-bench-ia" }, [
        element("nvpair", { id: "fence-bench-dir", name: "cluster_dir", value: dir }),
      ]),
    ],
  );
  await editLiveCib(target(dir, "node1"), (cib) => addResources(cib, device));
  const started = performance.now();
  const event = await requestFence(target(dir, "node1"), { node: "node3", action: "off" });
  const took = performance.now() - started;
  console.log(
    `fence node3: ${event.state} by ${event.delegate ?? "?"} with ${event.device ?? "?"}`,
  );
  return took;
}

async function main(): Promise<void> {
  const dir = temporaryClusterDir();
  try {
    await startLocalCluster(dir, { nodes: 3, awaitViewOn: nodes });
    summary("attrd update (node1, reply once delivered)", await updateRoundTrips(dir));
    summary("attrd update until in node3's status section", await untilVisible(dir));
    const pid = pidOf(dir, "node3");
    console.log(
      `fence request → result (node3 pid ${pid}): ${(await fenceOnce(dir)).toFixed(1)} ms`,
    );
  } finally {
    await teardown(dir);
  }
}

await main();
