import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseAgentMetadata } from "../../../backend/ra/index.js";
import type { ExecutorAction, ExecutorResult } from "../../../daemons/executor/index.js";
import type { Fixture } from "./fixture.js";
import { eventually, makeFixture, ocfAction, processGone } from "./fixture.js";

let fixture: Fixture;

beforeAll(() => {
  fixture = makeFixture();
});

afterAll(async () => {
  await fixture.close();
});

function environmentOf(path: string): Map<string, string> {
  const lines = readFileSync(path, "utf8").split("\n");
  return new Map(
    lines
      .filter((line) => line.includes("="))
      .map((line) => {
        const at = line.indexOf("=");
        return [line.slice(0, at), line.slice(at + 1)] as const;
      }),
  );
}

describe("executor: OCF agents", () => {
  test("runs the bundled Dummy through its lifecycle, state in the node's HA_RSCTMP", async () => {
    const executor = fixture.executor("life");
    const rcs: number[] = [];
    for (const action of ["monitor", "start", "monitor", "stop", "monitor"]) {
      const result = await executor.run(ocfAction("d1", "Dummy", action));
      expect(result.status).toBe("done");
      rcs.push(result.rc);
      if (action === "start") {
        expect(existsSync(join(fixture.folder, "life", "agents", "rsctmp", "Dummy-d1.state"))).toBe(
          true,
        );
      }
    }
    expect(rcs).toEqual([7, 0, 0, 0, 7]);
  });

  test("gives agents Pacemaker's OCF environment (times in ms, meta dashes as underscores)", async () => {
    const envfile = join(fixture.folder, "env.txt");
    const action = ocfAction("web:1", "test:Probe", "dump-env", {
      intervalMs: 0,
      timeoutMs: 20_000,
      params: { envfile, ip: "192.0.2.1", OCF_CHECK_LEVEL: "10" },
      meta: { "resource-stickiness": "100", clone: "1" },
    });
    const result = await fixture.executor("envnode").run(action);
    expect(result.rc).toBe(0);
    const environment = environmentOf(envfile);
    const expected: Record<string, string> = {
      OCF_RA_VERSION_MAJOR: "1",
      OCF_RA_VERSION_MINOR: "1",
      OCF_RESOURCE_INSTANCE: "web:1",
      OCF_RESOURCE_TYPE: "Probe",
      OCF_RESOURCE_PROVIDER: "test",
      OCF_RESKEY_ip: "192.0.2.1",
      OCF_RESKEY_CRM_meta_timeout: "20000",
      OCF_RESKEY_CRM_meta_interval: "0",
      OCF_RESKEY_CRM_meta_resource_stickiness: "100",
      OCF_RESKEY_CRM_meta_clone: "1",
      OCF_RESKEY_CRM_meta_on_node: "envnode",
      OCF_CHECK_LEVEL: "10",
      OCF_EXIT_REASON_PREFIX: "ocf-exit-reason:",
      HA_RSCTMP: join(fixture.folder, "envnode", "agents", "rsctmp"),
      HA_VARRUN: `${join(fixture.folder, "envnode", "agents", "run")}/`,
      QUORATE_NODE: "envnode",
    };
    for (const [name, value] of Object.entries(expected))
      expect([name, environment.get(name)]).toEqual([name, value]);
    expect(environment.get("OCF_ROOT")).toBe(join(fixture.folder, "ocf"));
    expect(environment.get("PATH")?.split(":")[0]).toMatch(/daemons\/agents\/bin$/);
    expect(environment.has("HOME")).toBe(false);
    // ocf_local_nodename runs crm_node -n: the bundled one names this node.
    const named = await fixture
      .executor("envnode")
      .run(ocfAction("web", "test:Probe", "node-name"));
    expect([named.rc, named.output]).toEqual([0, "envnode\n"]);
  });

  test("maps OCF exit codes as Pacemaker does and reads the exit reason", async () => {
    const executor = fixture.executor("codes");
    const answers: [number, number, string][] = [];
    for (const code of [0, 1, 7, 8, 9, 190, 191, 42]) {
      const result = await executor.run(
        ocfAction("p", "test:Probe", "exit-with", { params: { code: String(code) } }),
      );
      answers.push([code, result.rc, result.exitReason ?? ""]);
    }
    expect(answers).toEqual([
      [0, 0, "asked for 0"],
      [1, 1, "asked for 1"],
      [7, 7, "asked for 7"],
      [8, 8, "asked for 8"],
      [9, 9, "asked for 9"],
      [190, 190, "asked for 190"],
      [191, 191, "asked for 191"],
      [42, 1, "asked for 42"],
    ]);
  });

  test("an agent that is not installed is not_installed (rc 5), with no process", async () => {
    const executor = fixture.executor("missing");
    const ocf = await executor.run(ocfAction("x", "nobody:Nothing", "start"));
    const traversal = await executor.run(ocfAction("x", "quorate:..", "start"));
    const systemd = await executor.run({
      ...ocfAction("x", "Dummy", "start"),
      agent: { class: "systemd", type: "sshd" },
    });
    for (const result of [ocf, traversal, systemd])
      expect([result.rc, result.status]).toEqual([5, "not_installed"]);
    expect(systemd.exitReason).toMatch(/systemd is not running/);
  });
});

describe("executor: LSB scripts", () => {
  test("monitor runs status; status and other codes are mapped as Pacemaker maps them", async () => {
    const executor = fixture.executor("lsb");
    const run = async (action: string, code: number): Promise<number> => {
      writeFileSync(
        fixture.answersFile,
        `${action === "monitor" ? "status" : action} ${String(code)}\n`,
      );
      const result: ExecutorResult = await executor.run({
        ...ocfAction("svc", "Dummy", action),
        agent: { class: "lsb", type: "answers" },
      });
      return result.rc;
    };
    const seen: [string, number, number][] = [];
    for (const [action, code] of [
      ["monitor", 0],
      ["monitor", 1],
      ["monitor", 3],
      ["monitor", 4],
      ["monitor", 150],
      ["monitor", 151],
      ["start", 0],
      ["start", 5],
      ["stop", 9],
    ] as const) {
      seen.push([action, code, await run(action, code)]);
    }
    expect(seen).toEqual([
      ["monitor", 0, 0],
      ["monitor", 1, 7],
      ["monitor", 3, 7],
      ["monitor", 4, 1],
      ["monitor", 150, 5],
      ["monitor", 151, 4],
      ["start", 0, 0],
      ["start", 5, 5],
      ["stop", 9, 1],
    ]);
  });
});

describe("executor: LSB meta-data", () => {
  test("is made up from the INIT INFO header, as Pacemaker does, without running the script", async () => {
    writeFileSync(fixture.answersFile, "meta-data 3\n");
    const result = await fixture.executor("lsbmeta").run({
      ...ocfAction("svc", "Dummy", "meta-data"),
      agent: { class: "lsb", type: "answers" },
    });
    expect([result.rc, result.status]).toEqual([0, "done"]);
    const parsed = parseAgentMetadata(result.output);
    expect(parsed.ok && [parsed.value.name, parsed.value.shortdesc]).toEqual([
      "answers",
      "answers from a file",
    ]);
    expect(parsed.ok && parsed.value.actions.map((action) => action.name)).toEqual([
      "meta-data",
      "start",
      "stop",
      "status",
      "restart",
      "force-reload",
      "monitor",
    ]);
    expect(result.output).toContain("<Provides>answers</Provides>");
  });
});

describe("executor: systemd units", () => {
  test("go through systemctl where systemd runs (a stand-in systemctl here)", async () => {
    const systemctl = join(fixture.folder, "systemctl");
    const calls = join(fixture.folder, "systemctl.calls");
    writeFileSync(
      systemctl,
      `#!/bin/sh\necho "$*" >> ${calls}\n[ "$1" = is-active ] && { echo inactive; exit 3; }\nexit 0\n`,
      { mode: 0o755 },
    );
    const booted = {
      ...fixture.search,
      directories: { ...fixture.search.directories, systemdBooted: true },
      systemctlPath: systemctl,
      systemdRuntimeDirectory: join(fixture.folder, "run-systemd"),
    };
    const executor = fixture.executor("systemd", { search: booted });
    const unit = (action: string): ExecutorAction => ({
      ...ocfAction("web", "Dummy", action),
      agent: { class: "systemd", type: "nginx" },
    });
    const rcs: number[] = [];
    for (const action of ["start", "monitor", "stop"])
      rcs.push((await executor.run(unit(action))).rc);
    expect(rcs).toEqual([0, 7, 0]);
    expect(readFileSync(calls, "utf8")).toBe(
      "daemon-reload\nstart nginx.service\nis-active nginx.service\nstop nginx.service\n",
    );
    const dropIn = join(fixture.folder, "run-systemd", "nginx.service.d", "50-quorate.conf");
    expect(readFileSync(dropIn, "utf8")).toContain("Restart=no");
    const metadata = await executor.run(unit("meta-data"));
    expect(metadata.output).toContain("<resource-agent name='nginx.service'");
  });
});

describe("executor: timeouts and output", () => {
  test("a timeout SIGTERMs the group, then SIGKILLs what ignores SIGTERM", async () => {
    const executor = fixture.executor("timeouts", { limits: { killGraceMs: 300 } });
    const childpid = join(fixture.folder, "child.pid");
    const action = ocfAction("h", "test:Probe", "hang", { timeoutMs: 400, params: { childpid } });
    const result = await executor.run(action);
    expect([result.status, result.rc, result.exitReason]).toEqual([
      "timeout",
      1,
      "Process did not exit within specified timeout",
    ]);
    expect(result.finishedAtMs - result.startedAtMs).toBeGreaterThanOrEqual(650);
    const child = Number(readFileSync(childpid, "utf8").trim());
    expect(await eventually(() => processGone(child))).toBe(true);
  });

  test("output is bounded: the head of stdout, the tail of stderr with its exit reason", async () => {
    const executor = fixture.executor("flood", { outputBytesMax: 8192 });
    const result = await executor.run(ocfAction("f", "test:Probe", "flood"));
    expect(result.rc).toBe(0);
    expect(result.output.length).toBe(4096);
    expect(result.output.startsWith("line of output")).toBe(true);
    expect(result.errorOutput.length).toBe(4096);
    expect(result.exitReason).toBe("flooded");
  });
});

describe("executor: recurring monitors", () => {
  test("reports the first result, then changes; a stop of the resource cancels it", async () => {
    const executor = fixture.executor("recurring");
    const statePath = join(fixture.folder, "recurring", "agents", "rsctmp", "Dummy-r1.state");
    expect((await executor.run(ocfAction("r1", "Dummy", "start"))).rc).toBe(0);
    const monitor: ExecutorAction = ocfAction("r1", "Dummy", "monitor", { intervalMs: 100 });
    const reported: ExecutorResult[] = [];
    let notify: (() => void) | undefined;
    const next = (): Promise<void> => new Promise((resolve) => (notify = resolve));
    let waiting = next();
    const callId = executor.startRecurring(monitor, (result) => {
      reported.push(result);
      notify?.();
    });
    await waiting;
    expect(reported.map((r) => [r.rc, r.status, r.callId])).toEqual([[0, "done", callId]]);
    expect(executor.activeRecurring()).toMatchObject([
      { resource: "r1", intervalMs: 100, lastRc: 0 },
    ]);
    waiting = next();
    rmSync(statePath);
    await waiting;
    expect(reported.at(-1)).toMatchObject({
      rc: 7,
      status: "done",
      exitReason: `State file ${statePath} is gone`,
    });
    waiting = next();
    expect((await executor.run(ocfAction("r1", "Dummy", "stop"))).rc).toBe(0);
    await waiting;
    expect(reported.at(-1)?.status).toBe("cancelled");
    expect(executor.activeRecurring()).toEqual([]);
  });
});

describe("executor: node restarts", () => {
  test("a node's start empties its agents' runtime folders, as a boot empties tmpfs", async () => {
    const before = fixture.executor("rebooted");
    expect((await before.run(ocfAction("d9", "Dummy", "start"))).rc).toBe(0);
    const kept = fixture.executor("rebooted", { preserveRuntimeState: true });
    expect((await kept.run(ocfAction("d9", "Dummy", "monitor"))).rc).toBe(0);
    const after = fixture.executor("rebooted");
    expect((await after.run(ocfAction("d9", "Dummy", "monitor"))).rc).toBe(7);
  });
});

describe("executor: nodes on one host", () => {
  const cases = [
    ["quorate:Dummy", "rsctmp"],
    ["heartbeat:Dummy", "rsctmp"],
    ["pacemaker:Dummy", "run"],
  ] as const;

  test.each(cases)("%s: two executors keep separate state", async (type, folder) => {
    const [provider = ""] = type.split(":");
    if (
      provider !== "quorate" &&
      !existsSync(`/usr/lib/ocf/resource.d/${type.replace(":", "/")}`)
    ) {
      console.warn(`Skipping ${type}: not installed`);
      return;
    }
    const first = fixture.executor(`a-${provider}`);
    const second = fixture.executor(`b-${provider}`);
    expect((await first.run(ocfAction("shared", type, "start"))).rc).toBe(0);
    expect((await first.run(ocfAction("shared", type, "monitor"))).rc).toBe(0);
    expect((await second.run(ocfAction("shared", type, "monitor"))).rc).toBe(7);
    expect(
      existsSync(join(fixture.folder, `a-${provider}`, "agents", folder, "Dummy-shared.state")),
    ).toBe(true);
    expect((await first.run(ocfAction("shared", type, "stop"))).rc).toBe(0);
  });
});
