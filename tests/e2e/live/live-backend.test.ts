import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pollUntil } from "../../../backend/client/index.js";
import { commandTree } from "../../../shell/commands/registry.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { Shell } from "../../../shell/shell.js";
import { awaitView, crm, teardown } from "../cluster/local-cluster.js";

const nodes = ["node1", "node2", "node3"] as const;
const repository = new URL("../../../", import.meta.url).pathname;

interface Started {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm start`'s entry in `folder` with commands on standard input (no terminal). */
function npmStart(folder: string, input: string): Promise<Started> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", import.meta.resolve("tsx"), join(repository, "shell/bin/start.ts")],
      { cwd: folder, env: { ...process.env, CRM_CLUSTER: "", CIB_file: "" } },
    );
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("close", (code) => {
      const text = (chunks: Buffer[]): string => Buffer.concat(chunks).toString("utf8");
      resolve({ code, stdout: text(stdout), stderr: text(stderr) });
    });
    child.stdin.end(input);
  });
}

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

describe("npm start, then the live backend on its 3-node local cluster", () => {
  const folder = mkdtempSync(join(tmpdir(), "quorate-start-"));
  const dir = join(folder, ".cluster");
  let started: Started | undefined;
  beforeAll(async () => {
    started = await npmStart(folder, "status\n");
    await awaitView(dir, "node1", nodes, 30_000);
  }, 90_000);
  afterAll(async () => {
    await teardown(dir);
    rmSync(folder, { recursive: true, force: true });
  }, 30_000);

  test("npm start started 3 nodes under .cluster/ and opened the shell on them", () => {
    expect(started?.code, started?.stderr).toBe(0);
    expect(started?.stderr).toMatch(/Started 3 quorated nodes in .*\.cluster \(ports \d+-\d+\)/);
    expect(started?.stderr).toContain("Stop it with: npx crm cluster local stop --dir .cluster");
    expect(started?.stdout).toContain("* Online: [ node1 node2 node3 ]");
  });

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

  test("a commit that lost a race on the same object is refused naming both versions; refresh keeps it for the retry", async () => {
    const mine = liveShell(dir);
    expect(await mine.shell.runLine("configure")).toBe(true);
    expect(await mine.shell.runLine("primitive d2 ocf:pacemaker:Dummy params fake=mine")).toBe(
      true,
    );
    const theirs = liveShell(dir);
    expect(
      await theirs.shell.runLine("configure primitive d2 ocf:pacemaker:Dummy params fake=theirs"),
      theirs.err(),
    ).toBe(true);
    expect(await mine.shell.runLine("commit")).toBe(false);
    expect(mine.err()).toMatch(
      /the CIB changed since it was read; nothing was written \(read at version 0\.\d+\.\d+, now at 0\.\d+\.\d+\)/,
    );
    expect(mine.err()).toContain('"d2" changed in the CIB too');
    // cib.xml follows the journal once commits pause: wait for it rather than race it.
    expect(await onEveryNode(dir, 'name="fake" value="theirs"')).toBe(true);
    expect(await mine.shell.runLine("show changed")).toBe(true);
    expect(mine.out()).toContain("primitive d2 ocf:pacemaker:Dummy");
    expect(await mine.shell.runLine("refresh"), mine.err()).toBe(true);
    expect(await mine.shell.runLine("commit"), mine.err()).toBe(true);
    expect(await onEveryNode(dir, 'name="fake" value="mine"')).toBe(true);
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

  test("node standby without a node acts on the node the shell talks to; online undoes it", async () => {
    const { shell, err } = liveShell(dir);
    expect(await shell.runLine("node standby"), err()).toBe(true);
    const standby = '<nvpair id="num-1-instance_attributes-standby" name="standby" value="on"/>';
    expect(await onEveryNode(dir, standby)).toBe(true);
    expect(await onEveryNode(dir, '<node id="1" uname="node1">')).toBe(true);
    expect(await shell.runLine("node online node1"), err()).toBe(true);
    expect(await onEveryNode(dir, 'name="standby" value="off"')).toBe(true);
  }, 30_000);

  test("npm start again reuses the running cluster", async () => {
    const again = await npmStart(folder, "configure show d1\n");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("Using the local cluster already running in");
    expect(again.stdout).toContain("primitive d1 ocf:pacemaker:Dummy");
  }, 60_000);
});
