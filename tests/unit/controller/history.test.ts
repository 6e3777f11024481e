import { describe, expect, test } from "vitest";
import {
  isActive,
  isExpected,
  isFailure,
  opDigest,
  opRecord,
  withRecords,
} from "../../../daemons/controller/index.js";
import type { ExecRequest, ResourceHistory } from "../../../daemons/controller/index.js";
import { parametersDigest } from "../../../daemons/scheduler/index.js";

const request: ExecRequest = {
  resource: "dummy",
  agent: { className: "ocf", provider: "quorate", type: "Dummy" },
  operation: "start",
  intervalMs: 0,
  timeoutMs: 20_000,
  params: { state: "/tmp/x", fake: "1" },
  expectedRc: 0,
  transitionKey: "3:7:0:1",
};
const context = { node: "node2", callId: 12, nowMs: 1_767_225_600_500, featureSet: "3.16.1" };

describe("lrm_rsc_op records", () => {
  test("opRecord() writes Pacemaker's attributes for a one-shot operation", () => {
    const record = opRecord(request, { rc: 0, status: 0, execTimeMs: 41.6 }, context);
    expect(record).toMatchObject({
      id: "dummy_last_0",
      operation_key: "dummy_start_0",
      operation: "start",
      "transition-key": "3:7:0:1",
      "transition-magic": "0:0;3:7:0:1",
      on_node: "node2",
      "call-id": "12",
      "rc-code": "0",
      "op-status": "0",
      interval: "0",
      "last-rc-change": "1767225600",
      "exec-time": "42",
    });
    expect(record["op-digest"]).toBe(
      parametersDigest([
        ["fake", "1"],
        ["state", "/tmp/x"],
      ]),
    );
  });

  test("a recurring monitor is kept under its own id", () => {
    const monitor = {
      ...request,
      operation: "monitor",
      intervalMs: 1000,
      transitionKey: "4:7:0:1",
    };
    expect(opRecord(monitor, { rc: 7, status: 0, execTimeMs: 1 }, context)["id"]).toBe(
      "dummy_monitor_1000",
    );
  });

  test("opDigest() is the scheduler's digest, so no restart is seen where nothing changed", () => {
    expect(opDigest({ b: "2", a: "1" })).toBe(
      parametersDigest([
        ["a", "1"],
        ["b", "2"],
      ]),
    );
  });

  test("isFailure(): a probe may find any state; a start must succeed", () => {
    const probe = { ...request, operation: "monitor", expectedRc: 7 };
    expect(isFailure(probe, { rc: 0, status: 0, execTimeMs: 1 })).toBe(false);
    expect(isFailure(probe, { rc: 1, status: 0, execTimeMs: 1 })).toBe(true);
    expect(isFailure(request, { rc: 1, status: 0, execTimeMs: 1 })).toBe(true);
    expect(isFailure(request, { rc: 0, status: 2, execTimeMs: 1 })).toBe(true);
  });

  test("isExpected(): a probe finding the resource running is no failure, but not expected", () => {
    const probe = { ...request, operation: "monitor", expectedRc: 7 };
    const running = { rc: 0, status: 0, execTimeMs: 1 };
    expect(isFailure(probe, running)).toBe(false);
    // The DC's transition must stop there, or it starts the resource a second time elsewhere.
    expect(isExpected(probe, running)).toBe(false);
    expect(isExpected(probe, { rc: 7, status: 0, execTimeMs: 1 })).toBe(true);
    expect(isExpected(request, { rc: 0, status: 2, execTimeMs: 1 })).toBe(false);
  });

  test("withRecords(): a successful stop drops the monitor, not its last failure", () => {
    const monitor = { ...request, operation: "monitor", intervalMs: 1000 };
    const resource = { id: "dummy", agent: request.agent };
    const failed = opRecord(monitor, { rc: 7, status: 0, execTimeMs: 1 }, context);
    let history = withRecords(undefined, resource, [
      failed,
      { ...failed, id: "dummy_last_failure_0" },
    ]);
    const stop = { ...request, operation: "stop" };
    history = withRecords(history, resource, [
      opRecord(stop, { rc: 0, status: 0, execTimeMs: 1 }, context),
    ]);
    expect(history.ops.map((op) => op["id"])).toEqual(["dummy_last_failure_0", "dummy_last_0"]);
  });

  test("isActive(): a done stop or 'not running' leaves nothing; a failed start needs a stop", () => {
    const history = (operation: string, rc: string): ResourceHistory => ({
      id: "dummy",
      agent: request.agent,
      ops: [{ id: "dummy_last_0", operation, "rc-code": rc, "op-status": "0" }],
    });
    expect(isActive(history("start", "0"))).toBe(true);
    expect(isActive(history("start", "1"))).toBe(true);
    expect(isActive(history("stop", "0"))).toBe(false);
    expect(isActive(history("monitor", "7"))).toBe(false);
  });
});
