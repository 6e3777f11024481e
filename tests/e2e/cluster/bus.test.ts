import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { writeCorosyncConfig } from "../../../backend/corosync/index.js";
import type { GroupMessage, RunningNode } from "../../../daemons/node/index.js";
import { freeBasePort } from "./local-cluster.js";
import { waitUntil } from "../../support/wait-until.js";
import { startInProcessNode } from "../../support/in-process-node.js";

const dir = mkdtempSync(join(tmpdir(), "quorate-bus-"));
const nodes: RunningNode[] = [];

async function start(name: string): Promise<RunningNode> {
  const node = await startInProcessNode(dir, name);
  nodes.push(node);
  return node;
}

beforeAll(async () => {
  const port = await freeBasePort(2);
  const config = writeCorosyncConfig({
    clusterName: "bus",
    nodes: [1, 2].map((nodeid) => ({
      name: `node${nodeid}`,
      nodeid,
      addresses: [{ host: "127.0.0.1", port: port + nodeid - 1 }],
    })),
  });
  writeFileSync(join(dir, "corosync.conf"), config);
  writeFileSync(join(dir, "authkey"), randomBytes(256));
});

afterAll(async () => {
  await Promise.all(nodes.map((node) => node.stop()));
  rmSync(dir, { recursive: true, force: true });
});

test("process groups deliver in one agreed order on every node, and quorum changes are heard", async () => {
  const [one, two] = [await start("node1"), await start("node2")];
  const quorumSeen: boolean[] = [];
  one.quorum.onChange((change) => quorumSeen.push(change.quorate));
  await waitUntil(() => one.quorum.status()?.members.length === 2, "a 2-node view");
  const received: [GroupMessage[], GroupMessage[]] = [[], []];
  const memberships: (readonly number[])[] = [];
  one.bus.joinGroup("bus-test", {
    delivered: (message) => received[0].push(message),
    changed: (change) => memberships.push(change.members),
  });
  two.bus.joinGroup("bus-test", { delivered: (message) => received[1].push(message) });
  await waitUntil(() => memberships.some((members) => members.length === 2), "both in the group");
  for (const payload of ["a", "b", "c"]) one.bus.broadcast("bus-test", payload);
  two.bus.broadcast("bus-test", "d");
  two.bus.broadcast("bus-test", "to node1 only", 1);
  await waitUntil(() => received[0].length === 5 && received[1].length === 4, "deliveries");
  const order = (messages: GroupMessage[]) => messages.map((message) => message.payload);
  expect(order(received[1])).toEqual(
    order(received[0]).filter((payload) => payload !== "to node1 only"),
  );
  expect(
    order(received[0]).filter((payload) => payload !== "d" && payload !== "to node1 only"),
  ).toEqual(["a", "b", "c"]);
  expect(received[0].find((message) => message.payload === "to node1 only")?.to).toBe(1);
  expect(one.bus.nodeNames.get(2)).toBe("node2");
  await two.stop();
  nodes.splice(nodes.indexOf(two), 1);
  await waitUntil(() => one.quorum.status()?.members.length === 1, "node2 gone");
  expect(quorumSeen.at(-1)).toBe(false);
});

test("a restarted node continues its ring sequence from the state folder (ringid_<nodeid>)", async () => {
  await Promise.all(nodes.splice(0).map((node) => node.stop()));
  const first = await start("node1");
  await waitUntil(() => first.quorum.status() !== undefined, "a first view");
  const before = first.quorum.status()?.ringId.sequence ?? 0;
  await first.stop();
  nodes.splice(nodes.indexOf(first), 1);
  const again = await start("node1");
  await waitUntil(() => again.quorum.status() !== undefined, "a view after restart");
  expect(again.quorum.status()?.ringId.sequence ?? 0).toBeGreaterThan(before);
});
