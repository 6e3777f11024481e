import { describe, expect, test } from "vitest";
import {
  Execution,
  TargetDiscovery,
  deviceRun,
  emptyFencingConfig,
  fencingDelayMs,
} from "../../../daemons/fencer/index.js";
import type {
  DeviceResult,
  ExecutionStep,
  FenceDevice,
  FenceLevel,
  FencingConfig,
} from "../../../daemons/fencer/index.js";
import { Prng } from "../../../daemons/kernel/index.js";
import { simAgentMetadata } from "../../../daemons/sim/index.js";

function device(id: string, params: Record<string, string> = {}): FenceDevice {
  return { id, agent: "fence_sim", params: { pcmk_host_check: "none", ...params } };
}

function config(devices: FenceDevice[], levels: FenceLevel[] = []): FencingConfig {
  return { ...emptyFencingConfig, devices, levels };
}

const ok: DeviceResult = { status: "done", rc: 0, output: "", elapsedMs: 100 };
const failed = (elapsedMs = 100): DeviceResult => ({
  status: "done",
  rc: 1,
  output: "",
  reason: "Failed: Timed out waiting to power OFF",
  elapsedMs,
});
const timedOut = (elapsedMs: number): DeviceResult => ({
  status: "timeout",
  rc: 1,
  output: "",
  elapsedMs,
});

/** An execution whose agent's meta-data is known already (no discovery run first). */
function execution(fencing: FencingConfig, action: "off" | "reboot" = "off", seed = 1): Execution {
  const discovery = new TargetDiscovery();
  discovery.recordMetadata("fence_sim", { status: "done", rc: 0, output: simAgentMetadata });
  return new Execution({ target: "node2", action, fencing, discovery, prng: new Prng(seed) });
}

function ran(step: ExecutionStep): string {
  if (step.kind === "finished") return `${step.state}:${step.device ?? ""}:${step.reason ?? ""}`;
  return `${step.run.device}:${step.run.agentAction}:${step.run.timeoutMs}:+${step.delayMs}`;
}

describe("Execution: timeouts, retries and delays", () => {
  test("stonith-timeout is the default, pcmk_<action>_timeout overrides it", () => {
    const fencing = { ...config([device("a"), device("b", { pcmk_off_timeout: "5s" })]) };
    const walk = execution({ ...fencing, stonithTimeoutMs: 30_000 });
    expect(ran(walk.advance(0))).toBe("a:off:30000:+0");
    expect(ran(walk.onResult(timedOut(30_000), 0))).toBe("b:off:5000:+0");
    expect(ran(walk.onResult(ok, 0))).toBe("success:b:");
  });

  test("a timed-out action is not retried: the next level is tried, and its reason kept", () => {
    const walk = execution(config([device("a", { pcmk_off_retries: "5" })]));
    walk.advance(0);
    expect(ran(walk.onResult(timedOut(60_000), 0))).toBe(
      "failed::Every fencing level failed: a: timed out",
    );
  });

  test("a failure is retried after 1 s with the time left, while 30 % of the timeout is left", () => {
    const walk = execution(
      config([device("a", { pcmk_off_retries: "3", pcmk_off_timeout: "10s" })]),
    );
    expect(ran(walk.advance(0))).toBe("a:off:10000:+0");
    expect(ran(walk.onResult(failed(2_000), 0))).toBe("a:off:8000:+1000");
    expect(ran(walk.onResult(failed(4_000), 0))).toBe("a:off:4000:+1000");
    expect(ran(walk.onResult(failed(1_000), 0))).toMatch(/^failed::/);
    const late = execution(
      config([device("a", { pcmk_off_retries: "3", pcmk_off_timeout: "10s" })]),
    );
    late.advance(0);
    expect(ran(late.onResult(failed(7_000), 0))).toMatch(/^failed::/);
  });

  test("pcmk_reboot_action renames the agent action; reboot is off for an agent without it", () => {
    const renamed = execution(config([device("a", { pcmk_reboot_action: "off" })]), "reboot");
    expect(ran(renamed.advance(0))).toBe("a:off:60000:+0");
    const discovery = new TargetDiscovery();
    const noReboot = simAgentMetadata.replace('<action name="reboot"/>', "");
    discovery.recordMetadata("fence_sim", { status: "done", rc: 0, output: noReboot });
    const fencing = config([device("a", { pcmk_off_timeout: "7s" })]);
    const remapped = new Execution({
      target: "node2",
      action: "reboot",
      fencing,
      discovery,
      prng: new Prng(1),
    });
    expect(ran(remapped.advance(0))).toBe("a:off:7000:+0");
  });

  test("the target goes in the host argument the agent's meta-data names", () => {
    const step = execution(config([device("a")])).advance(0);
    expect(step.kind === "run" && step.run.params["pcmk_host_argument"]).toBe("port");
    const fixed = execution(config([device("a", { pcmk_host_argument: "uuid" })])).advance(0);
    expect(fixed.kind === "run" && fixed.run.params["pcmk_host_argument"]).toBe("uuid");
  });

  test("meta-data, then list, run before the fencing action when the check needs them", () => {
    const discovery = new TargetDiscovery();
    const fencing = config([{ id: "a", agent: "fence_sim", params: {} }]);
    const walk = new Execution({
      target: "node2",
      action: "off",
      fencing,
      discovery,
      prng: new Prng(1),
    });
    const metadata = walk.advance(0);
    expect(metadata).toMatchObject({ kind: "run", target: undefined });
    expect(ran(metadata)).toBe("a:metadata:60000:+0");
    const list = walk.onResult({ ...ok, output: simAgentMetadata }, 0);
    expect(ran(list)).toBe("a:list:60000:+0");
    expect(ran(walk.onResult({ ...ok, output: "node1\nnode2" }, 0))).toBe("a:off:60000:+0");
  });

  test("without topology a device that cannot reach the target is skipped; with it, its level fails", () => {
    const devices = [
      device("a", { pcmk_host_check: "static-list", pcmk_host_list: "node1" }),
      device("b"),
    ];
    expect(ran(execution(config(devices)).advance(0))).toBe("b:off:60000:+0");
    const levels: FenceLevel[] = [
      { id: "l1", index: 1, target: { kind: "name", name: "node2" }, devices: ["a", "b"] },
    ];
    expect(ran(execution(config(devices, levels)).advance(0))).toBe(
      "failed::No fence device can fence node2: a: not able to fence node2 (static-list)",
    );
  });
});

describe("fencingDelayMs()", () => {
  const delay = (params: Record<string, string>, seed = 1, action = "off", target = "node2") =>
    fencingDelayMs(device("a", params), { action, target, prng: new Prng(seed) });

  test("pcmk_delay_max draws whole seconds in [base, max] from the Prng, the same for a seed", () => {
    const draws = Array.from({ length: 200 }, (_, seed) => delay({ pcmk_delay_max: "3s" }, seed));
    expect(new Set(draws)).toEqual(new Set([0, 1000, 2000, 3000]));
    expect(delay({ pcmk_delay_max: "3s" }, 42)).toBe(delay({ pcmk_delay_max: "3s" }, 42));
    const based = Array.from({ length: 100 }, (_, seed) =>
      delay({ pcmk_delay_base: "2s", pcmk_delay_max: "4s" }, seed),
    );
    expect(Math.min(...based)).toBe(2000);
    expect(Math.max(...based)).toBe(4000);
  });

  test("a base alone is fixed, a base above the maximum is cut to it, other actions wait not", () => {
    expect(delay({ pcmk_delay_base: "5" })).toBe(5000);
    expect(delay({ pcmk_delay_base: "10s", pcmk_delay_max: "2s" })).toBe(2000);
    expect(delay({ pcmk_delay_max: "500ms" })).toBe(0);
    expect(delay({ pcmk_delay_base: "5s" }, 1, "on")).toBe(0);
    expect(delay({ pcmk_delay_base: "5s" }, 1, "reboot")).toBe(5000);
  });

  test("pcmk_delay_base may map targets: node1:5s;node2:1s", () => {
    expect(delay({ pcmk_delay_base: "node1:5s;node2:1s" }, 1, "off", "node1")).toBe(5000);
    expect(delay({ pcmk_delay_base: "node1:5s node2:1s" }, 1, "off", "node2")).toBe(1000);
    expect(delay({ pcmk_delay_base: "node1:5s" }, 1, "off", "node3")).toBe(0);
  });

  test("an execution applies the delay to the first try of each device only", () => {
    const fencing = config([device("a", { pcmk_delay_base: "2s", pcmk_off_retries: "2" })]);
    const walk = execution(fencing);
    expect(ran(walk.advance(0))).toBe("a:off:60000:+2000");
    expect(ran(walk.onResult(failed(), 0))).toBe("a:off:59900:+1000");
    expect(deviceRun(device("a"), { action: "list", stonithTimeoutMs: 1 }).attempts).toBe(1);
  });
});
