import { describe, expect, test } from "vitest";
import { executionStatusName, exitReasonOf, ocfExitName } from "../../../backend/ra/index.js";

describe("OCF exit codes", () => {
  test("names codes as Pacemaker 2.1.5's crm_mon prints them", () => {
    expect([0, 6, 7, 8, 9, 190, 191, 42].map(ocfExitName)).toEqual([
      "ok",
      "not configured",
      "not running",
      "promoted",
      "promoted (failed)",
      "OCF_DEGRADED",
      "promoted (degraded)",
      "unknown",
    ]);
    // Deprecated codes (connection died, pending, timeout…) have no name in 2.1.5's crm_mon.
    expect([189, 193, 196, 198].map(ocfExitName)).toEqual(Array(4).fill("unknown"));
  });

  test("names executor statuses as pcmk_exec_status_str", () => {
    expect([-1, 0, 2, 4, 7, 11, 99].map(executionStatusName)).toEqual([
      "pending",
      "complete",
      "Timed Out",
      "Error",
      "Not installed",
      "CIB secrets unavailable",
      "UNKNOWN!",
    ]);
  });

  test("takes the exit reason after the last prefix, up to the end of its line", () => {
    expect(exitReasonOf("log\nocf-exit-reason:first\nocf-exit-reason: second \nmore")).toBe(
      "second",
    );
    expect(exitReasonOf("no reason here")).toBeUndefined();
    expect(exitReasonOf("ocf-exit-reason:")).toBeUndefined();
  });
});
