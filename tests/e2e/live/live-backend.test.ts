import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pollUntil } from "../../../backend/client/index.js";
import { commandTree } from "../../../shell/commands/registry.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { Shell } from "../../../shell/shell.js";
import {
  awaitView,
  crm,
  freeBasePort,
  teardown,
  temporaryClusterDir,
} from "../cluster/local-cluster.js";

const nodes = ["node1", "node2", "node3"] as const;
const repository = new URL("../../../", import.meta.url).pathname;

function cibOf(dir: string, node: string): string {
  try {
    return readFileSync(join(dir, node, "cib.xml"), "utf8");
  } catch {
    return "";
  }
}

/** Waits until every node's persisted CIB contains `text` (writes are acknowledged when all have it). */
async function onEveryNode(dir: string, text: string): Promise<boolean> {
  return pollUntil(() => nodes.every((node) => cibOf(dir, node).includes(text)), {
    timeoutMs: 10_000,
    intervalMs: 50,
  });
}

/** A shell in this process on the live cluster, as a person's session would be. */
function liveShell(dir: string) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output = new StreamOutput(
    { write: (text: string) => stdout.push(text) },
    { write: (text: string) => stderr.push(text) },
  );
  const options = { force: false, wait: false, interactive: false, batch: false };
  const context = new ShellContext(output, options, { ...process.env, CRM_CLUSTER: dir });
  const shell = new Shell(commandTree(), context);
  return { shell, context, out: () => stdout.join(""), err: () => stderr.join("") };
}

describe("the live backend on a real 3-node local cluster", () => {
  const dir = temporaryClusterDir();
  beforeAll(async () => {
    const port = await freeBasePort(3);
    const started = crm([
      "cluster",
      "local",
      "start",
      "--nodes",
      "3",
      "--dir",
      dir,
      "--base-port",
      String(port),
    ]);
    expect(started.code, started.stderr).toBe(0);
    await awaitView(dir, "node1", nodes, 30_000);
  }, 90_000);
  afterAll(async () => {
    await teardown(dir);
  }, 30_000);

  test("crm configure primitive with CRM_CLUSTER=DIR lands on all three nodes", async () => {
    const made = crm(["configure", "primitive", "d1", "ocf:pacemaker:Dummy"], { CRM_CLUSTER: dir });
    expect(made.code, made.stderr).toBe(0);
    expect(
      await onEveryNode(dir, '<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"'),
    ).toBe(true);
    const shown = liveShell(dir);
    expect(await shown.shell.runLine("configure show")).toBe(true);
    expect(shown.out()).toContain("primitive d1 ocf:pacemaker:Dummy");
  }, 60_000);

  test("crm resource stop sets target-role on every node", async () => {
    const { shell, err } = liveShell(dir);
    expect(await shell.runLine("resource stop d1"), err()).toBe(true);
    expect(
      await onEveryNode(
        dir,
        '<nvpair id="d1-meta_attributes-target-role" name="target-role" value="Stopped"/>',
      ),
    ).toBe(true);
  }, 30_000);

  test("a stale commit is refused naming both versions; refresh keeps the staged change for the retry", async () => {
    const mine = liveShell(dir);
    expect(await mine.shell.runLine("configure")).toBe(true);
    expect(await mine.shell.runLine("primitive d2 ocf:pacemaker:Dummy")).toBe(true);
    const theirs = liveShell(dir);
    expect(
      await theirs.shell.runLine("configure primitive d3 ocf:pacemaker:Dummy"),
      theirs.err(),
    ).toBe(true);
    expect(await mine.shell.runLine("commit")).toBe(false);
    expect(mine.err()).toMatch(
      /the CIB changed since it was read; nothing was written \(read at version 0\.\d+\.\d+, now at 0\.\d+\.\d+\)/,
    );
    expect(cibOf(dir, "node1")).not.toContain('id="d2"');
    expect(await mine.shell.runLine("show changed")).toBe(true);
    expect(mine.out()).toContain("primitive d2 ocf:pacemaker:Dummy");
    expect(await mine.shell.runLine("refresh"), mine.err()).toBe(true);
    expect(await mine.shell.runLine("commit"), mine.err()).toBe(true);
    expect(await onEveryNode(dir, '<primitive id="d2"')).toBe(true);
    expect(nodes.every((node) => cibOf(dir, node).includes('<primitive id="d3"'))).toBe(true);
  }, 30_000);

  test("crm_mon -1 over the live backend prints the Cluster Summary and the members", () => {
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        import.meta.resolve("tsx"),
        join(repository, "shell/bin/crm-mon.ts"),
        "-1",
        "-r",
      ],
      { encoding: "utf8", env: { ...process.env, CRM_CLUSTER: dir }, timeout: 60_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Cluster Summary:");
    expect(run.stdout).toContain("* 3 nodes configured");
    expect(run.stdout).toContain("* Online: [ node1 node2 node3 ]");
    expect(run.stdout).toMatch(/\* d1\t\(ocf:pacemaker:Dummy\):\t Stopped \(disabled\)/);
  }, 60_000);
});
