import { describe, expect, test } from "vitest";
import { exitReasonOf, ocfExitName } from "../../../backend/ra/index.js";

describe("OCF exit codes", () => {
  test("names codes as Pacemaker's tools print them", () => {
    expect([0, 6, 7, 8, 190, 42].map(ocfExitName)).toEqual([
      "ok",
      "not configured",
      "not running",
      "promoted",
      "degraded",
      "unknown",
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
