import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { findById } from "../../../backend/cib/index.js";
import { writeCorosyncConfig } from "../../../backend/corosync/index.js";
import { transportLanDefaults } from "../../../daemons/transport/index.js";
import type { RunningNode } from "../../../daemons/node/index.js";
import { freeBasePort } from "../cluster/local-cluster.js";
import { bigCibText } from "./big-cib.js";
import { waitUntil } from "../../support/wait-until.js";
import { startInProcessNode } from "../../support/in-process-node.js";

/**
 * Two nodes in this process: node1 starts with a 20 MB CIB on disk, node2 with none. The sync
 * that brings node2 the CIB is one message far above the transport's 8 MiB frame: it only
 * arrives compressed.
 */
const dir = mkdtempSync(join(tmpdir(), "quorate-big-sync-"));
const nodes: RunningNode[] = [];
const cibBytes = 20 * 1024 * 1024;
const { text: cibText, lastId } = bigCibText(cibBytes);

async function start(name: string): Promise<RunningNode> {
  const node = await startInProcessNode(dir, name);
  nodes.push(node);
  return node;
}

beforeAll(async () => {
  const port = await freeBasePort(2);
  // Both nodes share one event loop that parses and hashes 20 MB: a long token keeps the view.
  const config = writeCorosyncConfig({
    clusterName: "big",
    tokenMs: 10_000,
    nodes: [1, 2].map((nodeid) => ({
      name: `node${nodeid}`,
      nodeid,
      addresses: [{ host: "127.0.0.1", port: port + nodeid - 1 }],
    })),
  });
  writeFileSync(join(dir, "corosync.conf"), config);
  writeFileSync(join(dir, "authkey"), randomBytes(256));
  mkdirSync(join(dir, "node1"));
  writeFileSync(join(dir, "node1", "cib.xml"), cibText);
  // The CIB digest: MD5 of the unindented XML, which is what cibText is.
  writeFileSync(join(dir, "node1", "cib.xml.sig"), createHash("md5").update(cibText).digest("hex"));
}, 60_000);

afterAll(async () => {
  await Promise.all(nodes.map((node) => node.stop()));
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

test("a 20 MB CIB, above the 8 MiB frame limit, syncs to a node that has none", async () => {
  expect(cibText.length).toBeGreaterThan(2 * transportLanDefaults.frameBytesMax);
  const one = await start("node1");
  const loaded = one.cib.current();
  expect(loaded === undefined ? undefined : findById(loaded, lastId)).toBeDefined();
  const two = await start("node2");
  const same = (): boolean =>
    JSON.stringify(two.cib.version()) === JSON.stringify(one.cib.version());
  await waitUntil(same, "node2 to hold node1's CIB version", 90_000);
  const synced = two.cib.current();
  expect(synced === undefined ? undefined : findById(synced, lastId)?.attributes["id"]).toBe(
    lastId,
  );
}, 120_000);
