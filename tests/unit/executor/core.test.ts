import { describe, expect, test } from "vitest";
import { ExecutorCore } from "../../../daemons/executor/core.js";
import type { ExecutorEffect, ProcessOutcome } from "../../../daemons/executor/index.js";
import type { ExecutorAction } from "../../../daemons/executor/index.js";

function action(
  resource: string,
  name: string,
  extra: Partial<ExecutorAction> = {},
): ExecutorAction {
  return {
    resource,
    agent: { class: "ocf", provider: "quorate", type: "Dummy" },
    action: name,
    intervalMs: 0,
    timeoutMs: 1000,
    params: {},
    meta: {},
    ...extra,
  };
}

const exited = (exitCode: number, errorOutput = ""): ProcessOutcome => ({
  kind: "exited",
  exitCode,
  output: "",
  errorOutput,
});

function kinds(effects: readonly ExecutorEffect[]): string[] {
  return effects.map((effect) =>
    effect.kind === "signal"
      ? `signal ${String(effect.callId)} ${effect.signal}`
      : `${effect.kind} ${String(effect.callId)}`,
  );
}

describe("ExecutorCore queueing", () => {
  test("never runs two actions of one resource at once, but runs resources in parallel", () => {
    const core = new ExecutorCore();
    core.step({ kind: "run_requested", nowMs: 0, callId: 1, action: action("d1", "start") });
    core.step({ kind: "run_requested", nowMs: 0, callId: 2, action: action("d1", "monitor") });
    core.step({ kind: "run_requested", nowMs: 0, callId: 3, action: action("d2", "start") });
    expect(kinds(core.drain())).toEqual(["spawn 1", "spawn 3"]);
    core.step({ kind: "process_ended", nowMs: 10, callId: 1, outcome: exited(0) });
    expect(kinds(core.drain())).toEqual(["completed 1", "spawn 2"]);
  });

  test("maps exit codes by class and reads the exit reason", () => {
    const core = new ExecutorCore();
    const lsb = action("web", "monitor", { agent: { class: "lsb", type: "web" } });
    core.step({ kind: "run_requested", nowMs: 0, callId: 1, action: lsb });
    core.step({ kind: "run_requested", nowMs: 0, callId: 2, action: action("d1", "start") });
    core.drain();
    core.step({ kind: "process_ended", nowMs: 5, callId: 1, outcome: exited(3) });
    const reason = "x\nocf-exit-reason:first\nocf-exit-reason:second\n";
    core.step({ kind: "process_ended", nowMs: 7, callId: 2, outcome: exited(42, reason) });
    const results = core.drain().flatMap((e) => (e.kind === "completed" ? [e.result] : []));
    expect(results.map((r) => [r.rc, r.status, r.exitReason])).toEqual([
      [7, "done", undefined],
      [1, "done", "second"],
    ]);
    expect(results[1]?.startedAtMs).toBe(0);
    expect(results[1]?.finishedAtMs).toBe(7);
  });
});

describe("ExecutorCore timeouts", () => {
  test("SIGTERM at the deadline, SIGKILL after the grace, and a timeout result", () => {
    const core = new ExecutorCore({ killGraceMs: 500 });
    core.step({ kind: "run_requested", nowMs: 0, callId: 1, action: action("d1", "start") });
    core.drain();
    expect(core.nextWakeMs()).toBe(1000);
    core.step({ kind: "tick", nowMs: 999 });
    expect(core.drain()).toEqual([]);
    core.step({ kind: "tick", nowMs: 1000 });
    expect(kinds(core.drain())).toEqual(["signal 1 SIGTERM"]);
    expect(core.nextWakeMs()).toBe(1500);
    core.step({ kind: "tick", nowMs: 1500 });
    expect(kinds(core.drain())).toEqual(["signal 1 SIGKILL"]);
    expect(core.nextWakeMs()).toBeUndefined();
    const outcome: ProcessOutcome = {
      kind: "signaled",
      signal: "SIGKILL",
      output: "",
      errorOutput: "",
    };
    core.step({ kind: "process_ended", nowMs: 1510, callId: 1, outcome });
    const effects = core.drain();
    expect(kinds(effects)).toEqual(["signal 1 SIGKILL", "completed 1"]);
    const last = effects[1];
    expect(last?.kind === "completed" ? [last.result.status, last.result.rc] : []).toEqual([
      "timeout",
      1,
    ]);
    expect(core.busy()).toBe(false);
  });

  test("an action that answers after SIGTERM is still a timeout; its group is killed", () => {
    const core = new ExecutorCore({ killGraceMs: 500 });
    core.step({ kind: "run_requested", nowMs: 0, callId: 1, action: action("d1", "stop") });
    core.step({ kind: "tick", nowMs: 1000 });
    core.drain();
    core.step({ kind: "process_ended", nowMs: 1001, callId: 1, outcome: exited(0) });
    const effects = core.drain();
    expect(kinds(effects)).toEqual(["signal 1 SIGKILL", "completed 1"]);
  });
});

describe("ExecutorCore recurring operations", () => {
  const monitor = action("d1", "monitor", { intervalMs: 100 });

  function runOnce(core: ExecutorCore, nowMs: number, exitCode: number): ExecutorEffect[] {
    core.step({ kind: "tick", nowMs });
    const spawned = core.drain();
    expect(kinds(spawned)).toEqual(["spawn 5"]);
    core.step({ kind: "process_ended", nowMs: nowMs + 1, callId: 5, outcome: exited(exitCode) });
    return [...core.drain()];
  }

  test("first run after one interval; reports the first result and changes only", () => {
    const core = new ExecutorCore();
    core.step({ kind: "recurring_requested", nowMs: 0, callId: 5, action: monitor });
    expect(core.drain()).toEqual([]);
    expect(core.nextWakeMs()).toBe(100);
    expect(kinds(runOnce(core, 100, 0))).toEqual(["recurring_result 5"]);
    expect(core.nextWakeMs()).toBe(201);
    expect(runOnce(core, 201, 0)).toEqual([]);
    expect(kinds(runOnce(core, 302, 7))).toEqual(["recurring_result 5"]);
    // A repeating failure is reported once (it must be counted once).
    expect(runOnce(core, 403, 7)).toEqual([]);
    expect(kinds(runOnce(core, 504, 0))).toEqual(["recurring_result 5"]);
    expect(core.activeRecurring()).toEqual([
      {
        callId: 5,
        resource: "d1",
        action: "monitor",
        intervalMs: 100,
        lastRc: 0,
        lastStatus: "done",
      },
    ]);
  });

  test("firstRunDelayMs 0 runs at once, as Pacemaker's execd does", () => {
    const core = new ExecutorCore();
    core.step({
      kind: "recurring_requested",
      nowMs: 0,
      callId: 5,
      action: monitor,
      firstRunDelayMs: 0,
    });
    expect(kinds(core.drain())).toEqual(["spawn 5"]);
    core.step({ kind: "process_ended", nowMs: 3, callId: 5, outcome: exited(0) });
    expect(kinds(core.drain())).toEqual(["recurring_result 5"]);
    expect(core.nextWakeMs()).toBe(103);
  });

  test("a steady promoted monitor (rc 8) is reported once", () => {
    const core = new ExecutorCore();
    const promoted = { ...monitor, meta: { op_target_rc: "8" } };
    core.step({ kind: "recurring_requested", nowMs: 0, callId: 5, action: promoted });
    expect(kinds(runOnce(core, 100, 8))).toEqual(["recurring_result 5"]);
    expect(runOnce(core, 201, 8)).toEqual([]);
  });

  test("a stop of the resource cancels its recurring operations before it runs", () => {
    const core = new ExecutorCore();
    core.step({ kind: "recurring_requested", nowMs: 0, callId: 5, action: monitor });
    core.step({ kind: "run_requested", nowMs: 50, callId: 6, action: action("d1", "stop") });
    const effects = core.drain();
    expect(kinds(effects)).toEqual(["recurring_result 5", "spawn 6"]);
    expect(effects[0]?.kind === "recurring_result" && effects[0].result.status).toBe("cancelled");
    expect(core.activeRecurring()).toEqual([]);
    expect(core.nextWakeMs()).toBe(1050);
  });

  test("cancel while a run is in flight drops that run's result", () => {
    const core = new ExecutorCore();
    core.step({ kind: "recurring_requested", nowMs: 0, callId: 5, action: monitor });
    core.step({ kind: "tick", nowMs: 100 });
    core.drain();
    core.step({
      kind: "cancel_requested",
      nowMs: 101,
      resource: "d1",
      action: "monitor",
      intervalMs: 100,
    });
    expect(kinds(core.drain())).toEqual(["recurring_result 5"]);
    core.step({ kind: "process_ended", nowMs: 102, callId: 5, outcome: exited(0) });
    expect(core.drain()).toEqual([]);
    expect(core.nextWakeMs()).toBeUndefined();
  });

  test("a due run waits behind a busy resource and does not pile up", () => {
    const core = new ExecutorCore();
    core.step({ kind: "recurring_requested", nowMs: 0, callId: 5, action: monitor });
    core.step({ kind: "run_requested", nowMs: 0, callId: 6, action: action("d1", "reload") });
    core.drain();
    core.step({ kind: "tick", nowMs: 100 });
    core.step({ kind: "tick", nowMs: 300 });
    expect(core.drain()).toEqual([]);
    core.step({ kind: "process_ended", nowMs: 301, callId: 6, outcome: exited(0) });
    expect(kinds(core.drain())).toEqual(["completed 6", "spawn 5"]);
  });
});

describe("ExecutorCore stopAll", () => {
  test("cancels recurring and queued work and terminates running processes", () => {
    const core = new ExecutorCore({ killGraceMs: 200 });
    core.step({
      kind: "recurring_requested",
      nowMs: 0,
      callId: 1,
      action: action("d1", "monitor", { intervalMs: 100 }),
    });
    core.step({ kind: "run_requested", nowMs: 0, callId: 2, action: action("d2", "start") });
    core.step({ kind: "run_requested", nowMs: 0, callId: 3, action: action("d2", "monitor") });
    core.drain();
    core.step({ kind: "stop_all_requested", nowMs: 10 });
    expect(kinds(core.drain())).toEqual(["recurring_result 1", "completed 3", "signal 2 SIGTERM"]);
    core.step({ kind: "tick", nowMs: 210 });
    expect(kinds(core.drain())).toEqual(["signal 2 SIGKILL"]);
    core.step({ kind: "process_ended", nowMs: 211, callId: 2, outcome: exited(0) });
    const effects = core.drain();
    expect(effects[0]?.kind === "completed" && effects[0].result.status).toBe("cancelled");
    expect(core.busy()).toBe(false);
  });

  test("refuses a clock that goes back and a stale call id", () => {
    const core = new ExecutorCore();
    core.step({ kind: "tick", nowMs: 10 });
    expect(() => core.step({ kind: "tick", nowMs: 9 })).toThrow(/clock/);
    core.step({ kind: "run_requested", nowMs: 10, callId: 4, action: action("d1", "start") });
    expect(() =>
      core.step({ kind: "run_requested", nowMs: 10, callId: 4, action: action("d1", "start") }),
    ).toThrow(/call ids/);
  });
});
