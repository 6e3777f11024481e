import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  clusterModel,
  nodeNames,
  pidOf,
  startLocalCluster,
  teardown,
  temporaryClusterDir,
  until,
} from "../../support/local-cluster.js";
import { hasTool } from "../../support/oracle.js";
import { buildCrm, runBin } from "../offline/crm-process.js";
import { TmuxSession } from "../repl/tmux.js";

const nodes = nodeNames(3);

/** Nodes where the CIB (as crm_mon reads it) says `resource` is active. */
async function activeOn(dir: string, resource: string): Promise<string[]> {
  const model = await clusterModel(dir, nodes);
  const primitive = model?.resourceById.get(resource);
  return primitive?.kind === "primitive" ? [...primitive.activeOn.keys()] : [];
}

/**
 * crm -w on a real 3-node local cluster, as a person uses it: one-shot commands in a pipe and
 * in a terminal (tmux), and the interactive shell, where Ctrl-C interrupts a wait or a commit.
 */
describe.skipIf(!hasTool("tmux"))("crm -w on a live 3-node cluster", () => {
  const dir = temporaryClusterDir();
  const home = mkdtempSync(join(tmpdir(), "quorate-wait-home-"));
  let bin = "";
  let terminal: TmuxSession | undefined;
  const environment = (): Record<string, string> => ({
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: home,
    TERM: "xterm-256color",
    LANG: "C.UTF-8",
    CRM_CLUSTER: dir,
  });
  const run = (args: readonly string[], extra: Record<string, string> = {}) =>
    runBin(bin, args, { environment: { ...environment(), ...extra } });

  beforeAll(async () => {
    [{ bin }] = await Promise.all([
      buildCrm(),
      startLocalCluster(dir, { nodes: 3, token: 1000, awaitViewOn: ["node1"] }),
    ]);
    const setup = await run(["configure", "property", "stonith-enabled=false"]);
    expect(setup.stderr).toBe("");
    // A Dummy whose every action takes 2 s: long enough to watch, and to interrupt.
    const slow = await run([
      "configure",
      "primitive",
      "slow",
      "ocf:quorate:Dummy",
      "params",
      "op_sleep=2",
      "op",
      "monitor",
      "interval=10s",
      "timeout=20s",
      "op",
      "start",
      "timeout=20s",
      "op",
      "stop",
      "timeout=20s",
      "meta",
      "target-role=Stopped",
    ]);
    expect(slow.code, slow.stderr).toBe(0);
  }, 240_000);
  afterEach(() => terminal?.kill());
  afterAll(async () => {
    await teardown(dir);
    rmSync(home, { recursive: true, force: true });
  }, 30_000);

  test("a piped crm -w returns once the resource runs, and prints no progress", async () => {
    const started = await run(["-w", "resource", "start", "slow"]);
    expect(started.code, started.stderr).toBe(0);
    expect(started.stderr).toBe("");
    // No polling after the command: the CIB it left behind already shows the result.
    expect(await activeOn(dir, "slow")).toHaveLength(1);
    const stopped = await run(["-w", "resource", "stop", "slow"]);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(await activeOn(dir, "slow")).toEqual([]);
  }, 60_000);

  test("a wait longer than CRM_WAIT_TIMEOUT fails with a clear error", async () => {
    const started = await run(["-w", "resource", "start", "slow"], { CRM_WAIT_TIMEOUT: "0.5" });
    expect(started.code).toBe(1);
    expect(started.stderr).toMatch(
      /^ERROR: The cluster did not carry the change out within 0\.5 s \(\d actions still pending\)$/m,
    );
    await until("slow to run", async () =>
      (await activeOn(dir, "slow")).length === 1 ? 1 : undefined,
    );
  }, 60_000);

  test("in a terminal, crm -w shows the pending actions on one line and clears it", async () => {
    terminal = TmuxSession.start(
      [process.execPath, bin, "-w", "resource", "stop", "slow"],
      environment(),
    );
    const waiting = await terminal.waitFor(/waiting for the cluster: \d actions? pending…/);
    expect(waiting.match(/waiting for the cluster/g)).toHaveLength(1); // redrawn in place
    const screen = await terminal.waitFor("[exited 0]", 30_000);
    expect(screen).not.toContain("waiting for the cluster");
    expect(await activeOn(dir, "slow")).toEqual([]);
  }, 60_000);

  test("in the shell, Ctrl-C interrupts a -w wait and returns to the prompt", async () => {
    terminal = TmuxSession.start([process.execPath, bin, "-w"], environment());
    await terminal.waitFor(/crm\(live\/[^)]+\)#$/m);
    terminal.type("resource start slow");
    terminal.press("Enter");
    await terminal.waitFor(/waiting for the cluster: \d actions? pending…/);
    terminal.press("C-c");
    const screen = await terminal.waitFor(/ERROR: interrupted\n(.*\n)*crm\(live\/[^)]+\)#$/m);
    expect(screen).not.toContain("waiting for the cluster");
    // The change itself was made: the cluster carries it out without the shell watching.
    await until("slow to run", async () =>
      (await activeOn(dir, "slow")).length === 1 ? 1 : undefined,
    );
    terminal.type("quit");
    terminal.press("Enter");
    await terminal.waitFor("[exited 0]");
  }, 60_000);

  test("crm -w node standby (reboot: through attrd) returns once the resource moved away", async () => {
    const [where] = await until("slow to run on one node", async () => {
      const active = await activeOn(dir, "slow");
      return active.length === 1 ? active : undefined;
    });
    const standby = await run(["-w", "node", "standby", where ?? "", "reboot"]);
    expect(standby.code, standby.stderr).toBe(0);
    const after = await activeOn(dir, "slow");
    expect(after).toHaveLength(1);
    expect(after).not.toContain(where);
    const online = await run(["-w", "node", "online", where ?? ""]);
    expect(online.code, online.stderr).toBe(0);
  }, 60_000);

  test("restart waits for the pushed stop before it starts again; with -w, for the start", async () => {
    const [where = ""] = await until("slow to run on one node", async () => {
      const active = await activeOn(dir, "slow");
      return active.length === 1 ? active : undefined;
    });
    const state = join(dir, where, "agents", "rsctmp", "Dummy-slow.state");
    const before = statSync(state).mtimeMs;
    const restarted = await run(["-w", "resource", "restart", "slow"]);
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(restarted.stderr).toBe("INFO: ordering slow to stop\nINFO: ordering slow to start\n");
    const [now = ""] = await activeOn(dir, "slow");
    // Stopped (its state file removed) and started again (a new one).
    expect(
      statSync(join(dir, now, "agents", "rsctmp", "Dummy-slow.state")).mtimeMs,
    ).toBeGreaterThan(now === where ? before : 0);
  }, 60_000);

  test("Ctrl-C stops a one-shot crm -w in a terminal: 'interrupted', exit code 1", async () => {
    const args = [process.execPath, bin, "-w", "resource", "stop", "slow"];
    terminal = TmuxSession.start(args, environment());
    await terminal.waitFor(/waiting for the cluster: \d actions? pending…/);
    terminal.press("C-c");
    const screen = await terminal.waitFor("[exited 1]");
    expect(screen).toContain("ERROR: interrupted");
    expect(screen).not.toContain("waiting for the cluster");
  }, 60_000);

  test("Ctrl-C during a commit that waits for a frozen node keeps the staged changes", async () => {
    terminal = TmuxSession.start([process.execPath, bin, "configure"], environment());
    await terminal.waitFor(/crm\(live\/[^)]+\)configure#$/m);
    terminal.type("primitive held ocf:quorate:Dummy meta target-role=Stopped");
    terminal.press("Enter");
    await terminal.waitFor("+ primitive held ocf:quorate:Dummy");
    // A frozen member holds every write until the membership drops it (a few seconds).
    const frozen = pidOf(dir, "node3");
    expect(frozen).toBeDefined();
    process.kill(frozen ?? 0, "SIGSTOP");
    try {
      terminal.type("commit");
      terminal.press("Enter");
      await terminal.waitFor("committing…");
      terminal.press("C-c");
      const screen = await terminal.waitFor(
        /ERROR: interrupted\n(.*\n)*crm\(live\/[^)]+\)configure#$/m,
      );
      expect(screen).toContain("+ primitive held ocf:quorate:Dummy");
    } finally {
      process.kill(frozen ?? 0, "SIGCONT");
    }
  }, 60_000);
});
