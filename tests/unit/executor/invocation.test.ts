import { describe, expect, test } from "vitest";
import type { AgentSurroundings, ExecutorAction } from "../../../daemons/executor/index.js";
import {
  fenceAgentInput,
  hostMapAlias,
  ocfEnvironment,
  operationStatusCode,
  rcFromExitCode,
} from "../../../daemons/executor/index.js";
import { invocationOf } from "../../../daemons/executor/invocation.js";
import { programAction } from "../../../daemons/executor/program-action.js";

const surroundings: AgentSurroundings = {
  node: "node1",
  stateDir: "/state/node1",
  resourceTemporaryDirectory: "/state/node1/agents/rsctmp",
  runDirectory: "/state/node1/agents/run",
  libraryDirectory: "/state/node1/agents/lib",
  clusterToolsDirectory: "/quorate/daemons/agents/bin",
  searchPath: "/usr/bin:/bin",
};

function action(extra: Partial<ExecutorAction>): ExecutorAction {
  return {
    resource: "r",
    agent: { class: "ocf", provider: "heartbeat", type: "Dummy" },
    action: "start",
    intervalMs: 0,
    timeoutMs: 20_000,
    params: {},
    meta: {},
    ...extra,
  };
}

describe("ocfEnvironment()", () => {
  test("recurring operations carry their interval and name; bad names are left out", () => {
    const environment = ocfEnvironment(
      action({
        action: "monitor",
        intervalMs: 10_000,
        params: { good: "1", "bad=name": "x", multi: "a\nb" },
        meta: { on_node: "elsewhere", "op-target-rc": "8" },
      }),
      "/usr/lib/ocf",
      surroundings,
    );
    expect(environment["OCF_RESKEY_CRM_meta_interval"]).toBe("10000");
    expect(environment["OCF_RESKEY_CRM_meta_name"]).toBe("monitor");
    expect(environment["OCF_RESKEY_CRM_meta_on_node"]).toBe("elsewhere");
    expect(environment["OCF_RESKEY_CRM_meta_op_target_rc"]).toBe("8");
    expect(environment["OCF_RESKEY_good"]).toBe("1");
    expect(
      Object.keys(environment).filter((key) => key.includes("bad") || key.includes("multi")),
    ).toEqual([]);
    expect(environment["HA_VARRUN"]).toBe("/state/node1/agents/run/");
    expect(environment["HA_SBIN_DIR"]).toBe("/quorate/daemons/agents/bin");
    expect(environment["PATH"]).toBe("/quorate/daemons/agents/bin:/usr/bin:/bin");
  });
});

describe("fenceAgentInput()", () => {
  const device = (params: Record<string, string>, extra: Partial<ExecutorAction> = {}) =>
    action({
      agent: { class: "stonith", type: "fence_x" },
      action: "reboot",
      fenceTarget: "node2",
      params,
      ...extra,
    });

  test("action, nodename, port, then every parameter but pcmk_* ones", () => {
    const input = fenceAgentInput(
      device({ ipaddr: "10.0.0.1", pcmk_host_list: "node2", login: "admin" }),
    );
    expect(input).toBe("action=reboot\nnodename=node2\nport=node2\nipaddr=10.0.0.1\nlogin=admin\n");
  });

  test("pcmk_host_argument and pcmk_host_map pick the argument and the alias", () => {
    const plug = fenceAgentInput(
      device({ pcmk_host_argument: "plug", pcmk_host_map: "node1:1;node2:2" }),
    );
    expect(plug).toBe("action=reboot\nnodename=node2\nplug=2\n");
    const none = fenceAgentInput(device({ pcmk_host_argument: "none" }));
    expect(none).toBe("action=reboot\nnodename=node2\n");
    const fixed = fenceAgentInput(device({ port: "fixed" }));
    expect(fixed).toBe("action=reboot\nnodename=node2\nport=fixed\n");
  });

  test("device actions name no target; start checks the device with monitor", () => {
    expect(fenceAgentInput(device({}, { action: "start" }))).toBe("action=monitor\n");
    expect(fenceAgentInput(device({}, { action: "list" }))).toBe("action=list\n");
    expect(fenceAgentInput(device({}, { action: "meta-data" }))).toBe("action=metadata\n");
  });

  test("hostMapAlias() reads ; , and space separated maps with : or =", () => {
    expect(hostMapAlias("a:1, b=2 c:3", "b")).toBe("2");
    expect(hostMapAlias("a:1", "z")).toBeUndefined();
    expect(hostMapAlias(undefined, "a")).toBeUndefined();
  });
});

describe("invocationOf()", () => {
  test("LSB scripts get the action (monitor as status); systemd goes through systemctl", () => {
    const lsb = invocationOf(
      action({ agent: { class: "lsb", type: "web" }, action: "monitor" }),
      { kind: "program", path: "/etc/init.d/web" },
      surroundings,
    );
    expect([lsb.program, lsb.args]).toEqual(["/etc/init.d/web", ["status"]]);
    const systemd = invocationOf(
      action({ agent: { class: "systemd", type: "nginx" }, action: "monitor" }),
      { kind: "systemctl", path: "/usr/bin/systemctl" },
      surroundings,
    );
    const start = invocationOf(
      action({ agent: { class: "systemd", type: "nginx" }, action: "start" }),
      { kind: "systemctl", path: "/usr/bin/systemctl" },
      surroundings,
    );
    expect(start.args.slice(2)).toEqual(["/usr/bin/systemctl", "nginx.service"]);
    expect([systemd.program, systemd.args]).toEqual([
      "/usr/bin/systemctl",
      ["is-active", "nginx.service"],
    ]);
    const fence = invocationOf(
      action({ agent: { class: "stonith", type: "fence_x" }, action: "monitor" }),
      { kind: "program", path: "/usr/sbin/fence_x" },
      surroundings,
    );
    expect([fence.args, fence.stdin]).toEqual([[], "action=monitor\n"]);
  });

  test("a fence device's stop runs no program", () => {
    expect(programAction("stonith", "stop")).toBeUndefined();
  });
});

describe("exit codes", () => {
  test("are mapped per class as Pacemaker maps them", () => {
    expect(rcFromExitCode("ocf", "monitor", 190)).toBe(190);
    expect(rcFromExitCode("ocf", "monitor", 10)).toBe(1);
    expect(rcFromExitCode("lsb", "status", 2)).toBe(7);
    expect(rcFromExitCode("service", "start", 8)).toBe(1);
    expect(rcFromExitCode("stonith", "status", 2)).toBe(7);
    expect(rcFromExitCode("stonith", "off", 2)).toBe(1);
    expect(rcFromExitCode("systemd", "is-active", 3)).toBe(7);
    expect(rcFromExitCode("systemd", "start", 5)).toBe(5);
  });

  test("execution statuses have Pacemaker's op-status numbers", () => {
    const statuses = [
      "done",
      "cancelled",
      "timeout",
      "error",
      "not_installed",
      "not_connected",
    ] as const;
    expect(statuses.map(operationStatusCode)).toEqual([0, 1, 2, 4, 7, 8]);
  });
});
