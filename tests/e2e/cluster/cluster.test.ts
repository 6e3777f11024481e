import { randomBytes } from "node:crypto";
import { rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cutLinks, fetchTransportStatus } from "../../../backend/client/index.js";
import {
  awaitView,
  clientTarget as target,
  crm,
  killNode,
  nodeNames,
  startLocalCluster,
  startQuorated,
  teardown,
  temporaryClusterDir,
  until,
} from "../../support/local-cluster.js";

describe("three quorated processes", () => {
  const dir = temporaryClusterDir();
  beforeAll(async () => {
    const started = await startLocalCluster(dir, { nodes: 3, token: 600, faultInjection: true });
    expect(started.stderr).toContain("Started 3 quorated nodes");
  });
  afterAll(async () => {
    await teardown(dir);
  });

  test("crm corosync status prints the quorate 3-node view", () => {
    const shown = crm(["corosync", "status"], { CRM_CLUSTER: dir });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(
      /^Quorum information\n------------------\nDate: {13}\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n/,
    );
    expect(shown.stdout).toContain(
      "Nodes:            3\nNode ID:          1\nRing ID:          1.",
    );
    expect(shown.stdout).toContain("Quorate:          Yes\n");
    expect(shown.stdout).toContain(
      "Expected votes:   3\nHighest expected: 3\nTotal votes:      3\nQuorum:           2  \nFlags:            Quorate \n",
    );
    expect(shown.stdout).toContain(
      "    Nodeid      Votes Name\n         1          1 node1 (local)\n         2          1 node2\n         3          1 node3\n",
    );
    expect(statSync(join(dir, "authkey")).mode & 0o777).toBe(0o400);
    const token = crm(["corosync", "get", "totem.token"], { CRM_CLUSTER: dir });
    expect(token.stdout).toBe("600\n");
    expect(statSync(join(dir, "node1", "client.token")).mode & 0o777).toBe(0o600);
  });

  test("losing link 0 between node1 and the others keeps the view; the traffic moves to link 1", async () => {
    const before = await awaitView(dir, "node1", ["node1", "node2", "node3"]);
    await cutLinks(target(dir, "node1"), ["node2", "node3"], [0]);
    const links = async () =>
      (await fetchTransportStatus(target(dir, "node1"))).links
        .filter((link) => link.connected)
        .map((link) => `${link.peer}/${link.link}`)
        .sort();
    const connected = await until(
      "two connected links",
      async () => {
        const now = await links();
        return now.length === 2 ? now : undefined;
      },
      { timeoutMs: 5000, intervalMs: 50 },
    );
    expect(connected).toEqual(["node2/1", "node3/1"]);
    const ring = crm(["corosync", "status", "ring"], { CRM_CLUSTER: dir });
    expect(ring.stdout).toContain(
      "LINK ID 0 ws\n\taddr\t= 127.0.0.1\n\tstatus:\n\t\tnodeid:          1:\tlocalhost\n" +
        "\t\tnodeid:          2:\tdisconnected\n\t\tnodeid:          3:\tdisconnected\n",
    );
    expect(ring.stdout).toContain("LINK ID 1 ws\n\taddr\t= 127.0.0.2\n");
    // Longer than token + consensus (1250 + 1500 ms here): a lost view would have re-formed.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const node of ["node1", "node2", "node3"]) {
      const now = await awaitView(dir, node, ["node1", "node2", "node3"]);
      expect(now.ringId).toEqual(before.ringId);
    }
    await cutLinks(target(dir, "node1"), []);
  });

  test("after kill -9 of node3 the survivors install a new view and stay quorate", async () => {
    killNode(dir, "node3", "SIGKILL");
    await awaitView(dir, "node1", ["node1", "node2"]);
    await awaitView(dir, "node2", ["node1", "node2"]);
    const shown = crm(["corosync", "status"], { CRM_CLUSTER: dir });
    expect(shown.stdout).toContain("Nodes:            2\n");
    expect(shown.stdout).toContain("Quorate:          Yes\n");
    expect(shown.stdout).not.toContain("node3");
  });

  test("node3 restarted with another authkey is refused and counted; with the right key it rejoins", async () => {
    const wrongKey = join(dir, "wrong-authkey");
    writeFileSync(wrongKey, randomBytes(256), { mode: 0o400 });
    startQuorated(dir, "node3", wrongKey);
    await awaitView(dir, "node3", ["node3"]);
    const refused = async (): Promise<number> =>
      (await fetchTransportStatus(target(dir, "node1"))).counters.handshakes_refused;
    const refusals = await until(
      "a refused handshake",
      async () => {
        const count = await refused();
        return count > 0 ? count : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    expect(refusals).toBeGreaterThan(0);
    expect((await awaitView(dir, "node1", ["node1", "node2"])).members).toHaveLength(2);
    killNode(dir, "node3", "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    startQuorated(dir, "node3");
    await awaitView(dir, "node1", ["node1", "node2", "node3"]);
    await awaitView(dir, "node3", ["node1", "node2", "node3"]);
  });
});

describe("five quorated processes", () => {
  const dir = temporaryClusterDir();
  const all = nodeNames(5);
  beforeAll(async () => {
    await startLocalCluster(dir, { nodes: 5, token: 200, faultInjection: true });
  });
  afterAll(async () => {
    await teardown(dir);
  });

  test("a partition leaves the minority without quorum, and healing merges everyone", async () => {
    const majority = ["node1", "node2", "node3"];
    const minority = ["node4", "node5"];
    await Promise.all([
      ...majority.map((node) => cutLinks(target(dir, node), minority)),
      ...minority.map((node) => cutLinks(target(dir, node), majority)),
    ]);
    const small = await awaitView(dir, "node4", minority);
    const large = await awaitView(dir, "node1", majority);
    expect(small.quorate).toBe(false);
    expect(large.quorate).toBe(true);
    const shown = crm(["corosync", "status"], {
      CRM_CLUSTER: "ws://" + target(dir, "node5").url.slice(5),
      CRM_CLIENT_TOKEN_FILE: join(dir, "node5", "client.token"),
    });
    expect(shown.stdout).toContain("Quorate:          No\n");
    expect(shown.stdout).toContain("Quorum:           3 Activity blocked\n");
    await Promise.all(all.map((node) => cutLinks(target(dir, node), [])));
    for (const node of all) expect((await awaitView(dir, node, all)).quorate).toBe(true);
  });
});

test("crm cluster keygen writes 256 random bytes with mode 0400, as corosync-keygen", () => {
  const dir = temporaryClusterDir();
  try {
    const written = crm(["cluster", "keygen", join(dir, "authkey")]);
    expect(written.code).toBe(0);
    expect(statSync(join(dir, "authkey")).size).toBe(256);
    expect(statSync(join(dir, "authkey")).mode & 0o777).toBe(0o400);
    const small = crm(["cluster", "keygen", "-s", "64", join(dir, "small")]);
    expect(small.code).not.toBe(0);
    expect(small.stderr).toContain(
      'ERROR: Bad value "64" for -s: expected an integer from 128 to 4096',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
