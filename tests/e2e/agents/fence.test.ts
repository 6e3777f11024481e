import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  agentDirectories,
  describeAgent,
  ocfTypes,
  parseAgentMetadata,
  stonithTypes,
} from "../../../backend/ra/index.js";
import type { Executor, ExecutorAction } from "../../../daemons/executor/index.js";
import { createExecutor } from "../../../daemons/executor/index.js";
import { agentCapabilitiesOf } from "../../../daemons/fencer/index.js";
import { eventually, processGone } from "../executor/fixture.js";

/** A stand-in for quorated: a process whose command line names its state folder. */
const fakeQuorated = `
const at = process.argv.indexOf("--state-dir");
const stateDir = process.argv[at + 1];
require("node:fs").writeFileSync(stateDir + "/quorated.pid", String(process.pid));
setInterval(() => {}, 1000);
`;

let cluster: string;
let executor: Executor;
const children: ChildProcess[] = [];

function startNode(name: string, mentionStateDir = true): Promise<number> {
  const stateDir = join(cluster, name);
  mkdirSync(stateDir, { recursive: true });
  const args = ["-e", fakeQuorated, "--", "--state-dir", mentionStateDir ? stateDir : "/elsewhere"];
  const child = spawn(process.execPath, args, { stdio: "ignore" });
  children.push(child);
  if (!mentionStateDir) {
    // Its pid file is written by hand: a pid that a stranger (not this node's quorated) holds.
    return new Promise((resolve) =>
      child.once("spawn", () => {
        writeFileSync(join(stateDir, "quorated.pid"), String(child.pid));
        resolve(child.pid ?? 0);
      }),
    );
  }
  return new Promise((resolve) => child.once("spawn", () => resolve(child.pid ?? 0)));
}

function fence(action: string, extra: Partial<ExecutorAction> = {}): ExecutorAction {
  return {
    resource: "fencing",
    agent: { class: "stonith", type: "fence_quorate_local" },
    action,
    intervalMs: 0,
    timeoutMs: 10_000,
    params: { cluster_dir: cluster, power_timeout: "3" },
    meta: {},
    ...extra,
  };
}

beforeAll(() => {
  cluster = mkdtempSync(join(tmpdir(), "quorate-fence-"));
  mkdirSync(join(cluster, "node3"));
  writeFileSync(join(cluster, "node3", "cib.xml"), "<cib/>");
  executor = createExecutor({ node: "node3", stateDir: join(cluster, "node3") });
});

afterAll(async () => {
  await executor.stopAll();
  for (const child of children) child.kill("SIGKILL");
  rmSync(cluster, { recursive: true, force: true });
});

describe("stonith:fence_quorate_local through the executor", () => {
  test("a fence device's start and monitor check it; its stop runs nothing", async () => {
    expect((await executor.run(fence("start"))).rc).toBe(0);
    expect((await executor.run(fence("monitor"))).rc).toBe(0);
    const stop = await executor.run(fence("stop", { params: { cluster_dir: "/nonexistent" } }));
    expect([stop.rc, stop.status]).toEqual([0, "done"]);
    const broken = await executor.run(
      fence("monitor", { params: { cluster_dir: "/nonexistent" } }),
    );
    expect(broken.rc).toBe(1);
  });

  test("off kills the node's quorated by its pid file; status then says off (rc 7)", async () => {
    const pid = await startNode("node1");
    const pidFile = join(cluster, "node1", "quorated.pid");
    expect(
      await eventually(() => existsSync(pidFile) && readFileSync(pidFile, "utf8") !== ""),
    ).toBe(true);
    const ask = (action: string, target: string, params = {}) =>
      executor.run(
        fence(action, { fenceTarget: target, params: { cluster_dir: cluster, ...params } }),
      );
    expect((await executor.run(fence("list"))).output.split("\n")).toEqual(
      expect.arrayContaining(["node1", "node3"]),
    );
    const onBefore = await ask("status", "node1");
    expect([onBefore.rc, onBefore.output]).toEqual([0, "Status: ON\n"]);
    // The fencer addresses node1 by an alias from pcmk_host_map.
    const off = await ask("off", "n1", { pcmk_host_map: "n1:node1;n2:node2" });
    expect([off.rc, off.output]).toEqual([0, "Success: Powered OFF\n"]);
    expect(processGone(pid)).toBe(true);
    const offAfter = await ask("status", "node1");
    expect([offAfter.rc, offAfter.output]).toEqual([7, "Status: OFF\n"]);
    const listStatus = await executor.run(fence("list-status"));
    expect(listStatus.output.split("\n")).toEqual(expect.arrayContaining(["node1,,OFF"]));
    const again = await ask("off", "node1");
    expect([again.rc, again.output]).toEqual([0, "Success: Already OFF\n"]);
  });

  test("never kills a process that is not the node's quorated (a reused pid)", async () => {
    const stranger = await startNode("node2", false);
    const off = await executor.run(fence("off", { fenceTarget: "node2" }));
    expect([off.rc, off.output]).toEqual([0, "Success: Already OFF\n"]);
    expect(processGone(stranger)).toBe(false);
  });

  test("on starts the node with quorated_command; reboot without one only powers off", async () => {
    const script = join(cluster, "fake-quorated.cjs");
    writeFileSync(script, fakeQuorated);
    mkdirSync(join(cluster, "node4"));
    const params = { cluster_dir: cluster, quorated_command: `${process.execPath} ${script}` };
    const on = await executor.run(fence("on", { fenceTarget: "node4", params }));
    expect([on.rc, on.output]).toEqual([0, "Success: Powered ON\n"]);
    expect((await executor.run(fence("status", { fenceTarget: "node4", params }))).rc).toBe(0);
    const reboot = await executor.run(fence("reboot", { fenceTarget: "node4" }));
    expect([reboot.rc, reboot.output]).toEqual([0, "Success: Rebooted\n"]);
    expect((await executor.run(fence("status", { fenceTarget: "node4" }))).rc).toBe(7);
    const cannot = await executor.run(fence("on", { fenceTarget: "node4" }));
    expect(cannot.rc).toBe(1);
    expect(cannot.errorOutput).toMatch(/no quorated_command/);
  });

  test("unknown nodes and actions fail; the cluster folder defaults to the node's parent", async () => {
    expect((await executor.run(fence("off", { fenceTarget: "node9" }))).rc).toBe(1);
    expect((await executor.run(fence("frobnicate"))).rc).toBe(1);
    const listed = await executor.run(fence("list", { params: {} }));
    expect(listed.output).toMatch(/^node3$/m);
  });

  test("meta-data in the fence-agents layout, as backend/ra reads it", async () => {
    const result = await executor.run(fence("meta-data"));
    expect(result.rc).toBe(0);
    const parsed = parseAgentMetadata(result.output);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.actions.map((action) => action.name)).toEqual([
      "on",
      "off",
      "reboot",
      "status",
      "list",
      "list-status",
      "monitor",
      "metadata",
      "validate-all",
    ]);
    expect(parsed.value.parameters.map((parameter) => parameter.name)).toContain("cluster_dir");
    // The fencer learns from it that the agent lists its targets and takes them as plug.
    const capabilities = agentCapabilitiesOf(result.output);
    expect(capabilities?.hostArgument).toBe("plug");
    expect(capabilities?.actions.has("list")).toBe(true);
    expect(capabilities?.actions.has("status")).toBe(true);
  });
});

describe("crm ra finds the bundled agents", () => {
  test("stonith:fence_quorate_local and ocf:quorate:Stateful are listed and described", async () => {
    const directories = agentDirectories({});
    expect(await stonithTypes(directories)).toContain("fence_quorate_local");
    expect(ocfTypes(directories, "quorate")).toEqual(expect.arrayContaining(["Dummy", "Stateful"]));
    const fence = await describeAgent(directories, {
      agentClass: "stonith",
      type: "fence_quorate_local",
    });
    expect(
      fence.ok && fence.value.metadata.parameters.find((p) => p.name === "action")?.required,
    ).toBe(false);
    const stateful = await describeAgent(directories, {
      agentClass: "ocf",
      provider: "quorate",
      type: "Stateful",
    });
    const roles = stateful.ok ? stateful.value.metadata.actions.map((action) => action.role) : [];
    expect(roles).toEqual(expect.arrayContaining(["Promoted", "Unpromoted"]));
  });
});
