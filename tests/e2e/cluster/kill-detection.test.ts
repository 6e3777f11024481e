import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  awaitView,
  crm,
  freeBasePort,
  startQuorated,
  teardown,
  temporaryClusterDir,
} from "../../support/local-cluster.js";

function pidOf(dir: string, node: string): number {
  return Number(readFileSync(join(dir, node, "quorated.pid"), "utf8"));
}

function logOf(dir: string, node: string): string {
  return readFileSync(join(dir, node, "quorated.log"), "utf8");
}

/** The log lines after `offset` (what a node wrote since then). */
function linesSince(dir: string, node: string, offset: number): string[] {
  return logOf(dir, node).slice(offset).split("\n");
}

// Issue #4/#6: kill -9 closes the dead process's sockets and its port refuses reconnects; the
// survivors' transports prove it gone and membership fails it without waiting for the token
// (3650 ms effective at quorated's defaults, 3 nodes). A dead host would still wait.
describe("kill -9 of a node at quorated's default token", () => {
  const dir = temporaryClusterDir();
  const all = ["node1", "node2", "node3"];
  beforeAll(async () => {
    const port = await freeBasePort(3);
    const started = crm([
      ...["cluster", "local", "start", "--nodes", "3", "--dir", dir],
      ...["--base-port", String(port)],
    ]);
    expect(started.code, started.stderr).toBe(0);
    for (const node of all) await awaitView(dir, node, all);
  });
  afterAll(async () => {
    await teardown(dir);
  });

  test("the survivors fail the node on the link signal and install the view without it", async () => {
    // No token key: corosync's default 3000 ms (3650 ms effective with 3 nodes).
    expect(readFileSync(join(dir, "corosync.conf"), "utf8")).not.toMatch(/^\s*token:/m);
    const offsets = new Map(all.map((node) => [node, logOf(dir, node).length]));
    process.kill(pidOf(dir, "node3"), "SIGKILL");
    for (const node of ["node1", "node2"]) {
      const view = await awaitView(dir, node, ["node1", "node2"]);
      expect(view.quorate).toBe(true);
      const lines = linesSince(dir, node, offsets.get(node) ?? 0);
      const signal = lines.findIndex((line) =>
        line.includes(
          "KNET       notice  host: 3 (node3) has no active links and every reconnect was refused",
        ),
      );
      const failed = lines.findIndex((line) =>
        line.includes(
          "A processor failed, forming new configuration: node 3 (node3) unreachable, not waiting for the token",
        ),
      );
      const formed = lines.findIndex((line) => /A new membership \(1\.\w+\) was formed/.test(line));
      expect(signal, lines.join("\n")).toBeGreaterThanOrEqual(0);
      // Either this node acted on its own signal, or the other survivor's join came first.
      expect(failed === -1 || failed > signal).toBe(true);
      expect(formed).toBeGreaterThan(signal);
      expect(lines[formed]).toContain("left: node3");
    }
    const failedSomewhere = ["node1", "node2"].some((node) =>
      linesSince(dir, node, offsets.get(node) ?? 0).some((line) =>
        line.includes("node 3 (node3) unreachable, not waiting for the token"),
      ),
    );
    expect(failedSomewhere).toBe(true);
  });

  test("the restarted node is heard again and rejoins", async () => {
    const offset = logOf(dir, "node1").length;
    startQuorated(dir, "node3");
    for (const node of all) await awaitView(dir, node, all);
    expect(linesSince(dir, "node1", offset).join("\n")).toContain(
      "host: 3 (node3) has an active link again",
    );
  });
});
