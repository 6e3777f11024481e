import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bundledOcfRoot, bundledToolsDirectory } from "../../../backend/ra/index.js";
import type { ExecutorAction } from "../../../daemons/executor/index.js";
import { createExecutor } from "../../../daemons/executor/index.js";
import { hasTool } from "../../support/oracle.js";
import type { FakeAttrd } from "./fake-attrd.js";
import { startFakeAttrd } from "./fake-attrd.js";

let folder: string;
let attrd: FakeAttrd;
const stateDir = (): string => join(folder, "node1");

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "quorate-stateful-"));
  attrd = await startFakeAttrd(stateDir());
});

afterAll(async () => {
  await attrd.close();
  rmSync(folder, { recursive: true, force: true });
});

function stateful(action: string, extra: Partial<ExecutorAction> = {}): ExecutorAction {
  return {
    resource: "st:0",
    agent: { class: "ocf", provider: "quorate", type: "Stateful" },
    action,
    intervalMs: 0,
    timeoutMs: 20_000,
    params: {},
    meta: { clone: "0", "clone-max": "2" },
    ...extra,
  };
}

describe("ocf:quorate:Stateful through the executor and crm_attribute", () => {
  test("keeps its role and publishes promotion scores to the node's attribute manager", async () => {
    const executor = createExecutor({ node: "node1", stateDir: stateDir() });
    const statePath = join(stateDir(), "agents", "run", "Stateful-st.state");
    const steps: [string, number][] = [];
    for (const action of ["start", "promote"]) {
      steps.push([action, (await executor.run(stateful(action))).rc]);
    }
    expect(readFileSync(statePath, "utf8").trim()).toBe("Promoted");
    const promotedMonitor = stateful("monitor", {
      intervalMs: 10_000,
      meta: { op_target_rc: "8" },
    });
    steps.push(["monitor", (await executor.run(promotedMonitor)).rc]);
    steps.push(["stop", (await executor.run(stateful("stop"))).rc]);
    steps.push(["monitor", (await executor.run(stateful("monitor", { intervalMs: 11_000 }))).rc]);
    expect(steps).toEqual([
      ["start", 0],
      ["promote", 0],
      ["monitor", 8],
      ["stop", 0],
      ["monitor", 7],
    ]);
    expect(existsSync(statePath)).toBe(false);
    const updates = attrd.requests.map((request) =>
      request.kind === "attribute_update_requested"
        ? [request.node, request.name, request.value, request.section, request.lifetimeReboot]
        : [request.kind],
    );
    expect(updates).toEqual([
      ["node1", "master-st", "5", "status", true],
      ["node1", "master-st", "10", "status", true],
      ["node1", "master-st", null, "status", true],
    ]);
    await executor.stopAll();
  });
});

describe("Pacemaker's own ocf:pacemaker:Stateful with the bundled crm_attribute", () => {
  test("its --promotion calls reach the node's attribute manager", async () => {
    if (!existsSync("/usr/lib/ocf/resource.d/pacemaker/Stateful")) {
      console.warn("Skipping: ocf:pacemaker:Stateful is not installed");
      return;
    }
    const executor = createExecutor({ node: "node1", stateDir: stateDir() });
    const agent = { class: "ocf", provider: "pacemaker", type: "Stateful" } as const;
    const before = attrd.requests.length;
    const rcs: number[] = [];
    for (const action of ["start", "promote", "demote", "stop"]) {
      rcs.push((await executor.run(stateful(action, { resource: "ps", agent }))).rc);
    }
    expect(rcs).toEqual([0, 0, 0, 0]);
    const updates = attrd.requests
      .slice(before)
      .map((request) =>
        request.kind === "attribute_update_requested"
          ? [request.node, request.name, request.value]
          : [],
      );
    expect(updates).toEqual([
      ["node1", "master-ps", "5"],
      ["node1", "master-ps", "10"],
      ["node1", "master-ps", "5"],
      ["node1", "master-ps", null],
    ]);
    await executor.stopAll();
  });
});

describe("bundled crm_attribute", () => {
  const tool = join(bundledToolsDirectory() ?? "", "crm_attribute");
  /** Asynchronous: the fake attribute manager answers from this process's event loop. */
  const run = (
    args: string[],
    extra: Record<string, string> = {},
    program = tool,
  ): Promise<{ status: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const environment = {
        PATH: process.env["PATH"] ?? "",
        QUORATE_STATE_DIR: stateDir(),
        QUORATE_NODE: "node1",
        ...extra,
      };
      const child = spawn(program, args, { env: environment });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });

  test("queries as Pacemaker's prints, -q for the value, 105 when unset, 64 on bad options", async () => {
    attrd.values.set("node1/pingd", "100");
    // Independent calls run side by side (each is a process start).
    const [full, quiet, missing, bad] = await Promise.all([
      run(["-G", "-n", "pingd", "-l", "reboot"]),
      run(["--query", "--name=pingd", "--lifetime=reboot", "-q"]),
      run(["-G", "-n", "nothing", "-l", "reboot"]),
      run(["--lifetme", "reboot"]),
    ]);
    expect([full.status, full.stdout]).toEqual([0, "scope=status  name=pingd value=100\n"]);
    expect([quiet.status, quiet.stdout]).toEqual([0, "100\n"]);
    expect([missing.status, missing.stderr]).toEqual([
      105,
      "Error performing operation: No such device or address\n",
    ]);
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/Unknown option --lifetme \(did you mean --lifetime\?\)/);
  });

  test("attrd_updater sets with a dampening delay, queries and deletes", async () => {
    const tool = join(bundledToolsDirectory() ?? "", "attrd_updater");
    const set = await run(["-n", "pingd", "-B", "1", "-d", "5s"], {}, tool);
    expect(set.status).toBe(0);
    expect(attrd.requests.at(-1)).toMatchObject({ name: "pingd", value: "1", dampenMs: 5000 });
    const query = await run(["-Q", "-n", "pingd"], {}, tool);
    expect([query.status, query.stdout]).toEqual([0, 'name="pingd" host="node1" value="1"\n']);
    expect((await run(["-D", "-n", "pingd"], {}, tool)).status).toBe(0);
    expect((await run(["-Q", "-n", "pingd"], {}, tool)).status).toBe(105);
  });

  test("a permanent attribute (-N without -l) is read from the CIB's nodes section", async () => {
    const [found, absent] = await Promise.all([
      run(["-N", "node1", "-n", "site", "-G"]),
      run(["-N", "node2", "-n", "site", "-G", "-q", "-d", "west"]),
    ]);
    expect([found.status, found.stdout]).toEqual([0, "scope=nodes  name=site value=east\n"]);
    expect([absent.status, absent.stdout]).toEqual([0, "west\n"]);
  });

  test("without a reachable node it exits 102 and says why", async () => {
    const lost = await run(["-n", "x", "-v", "1"], { QUORATE_STATE_DIR: join(folder, "nowhere") });
    expect(lost.status).toBe(102);
    expect(lost.stderr).toMatch(/Could not connect to the cluster/);
  });
});

describe("bundled agents' meta-data", () => {
  test("Stateful's meta-data is valid against ra-api-1.dtd", () => {
    const dtd = "/usr/share/resource-agents/ra-api-1.dtd";
    if (!existsSync(dtd) || !hasTool("xmllint")) {
      console.warn("Skipping the DTD check: xmllint or ra-api-1.dtd is missing");
      return;
    }
    const agent = join(bundledOcfRoot() ?? "", "resource.d", "quorate", "Stateful");
    const metadata = spawnSync(agent, ["meta-data"], { encoding: "utf8" }).stdout;
    const checked = spawnSync("xmllint", ["--noout", "--dtdvalid", dtd, "-"], {
      input: metadata,
      encoding: "utf8",
    });
    expect(checked.status).toBe(0);
    expect(checked.stderr).not.toMatch(/validity error|does not validate/);
  });
});
