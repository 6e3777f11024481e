import { describe, expect, test } from "vitest";
import type { ExecutorResult } from "../../../daemons/executor/index.js";
import { deviceResultOf } from "../../../daemons/fencer/index.js";

function executed(fields: Partial<ExecutorResult>): ExecutorResult {
  return {
    rc: 0,
    status: "done",
    output: "",
    errorOutput: "",
    startedAtMs: 1_000,
    finishedAtMs: 1_250,
    callId: 1,
    ...fields,
  };
}

describe("deviceResultOf()", () => {
  test("keeps the answer, its output and how long the agent ran", () => {
    expect(deviceResultOf(executed({ output: "node1\nnode2\n" }))).toEqual({
      status: "done",
      rc: 0,
      output: "node1\nnode2\n",
      elapsedMs: 250,
    });
    // status answering off (exit 2) is rc 7 once mapped: still an answer, with a reason.
    expect(deviceResultOf(executed({ rc: 7, output: "Status: OFF\n" }))).toMatchObject({
      status: "done",
      rc: 7,
      reason: "exit code 7: Status: OFF",
    });
  });

  test("a timeout stays a timeout (never retried); other ends are failures with a reason", () => {
    expect(deviceResultOf(executed({ rc: 1, status: "timeout" }))).toMatchObject({
      status: "timeout",
      reason: "timeout",
    });
    const missing = executed({ rc: 5, status: "not_installed", exitReason: "not installed" });
    expect(deviceResultOf(missing)).toMatchObject({ status: "failed", reason: "not installed" });
    const failed = executed({ rc: 1, errorOutput: "Failed: Timed out waiting to power OFF\n" });
    expect(deviceResultOf(failed).reason).toBe(
      "exit code 1: Failed: Timed out waiting to power OFF",
    );
  });
});
