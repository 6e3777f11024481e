import { describe, expect, test } from "vitest";
import { durationMs, parseUpdaterOptions } from "../../../daemons/agents/tools/updater-options.js";

describe("parseUpdaterOptions() (attrd_updater's options)", () => {
  test("ping's call: -n pingd -B 1 -d 5s sets the value with a dampening delay", () => {
    const parsed = parseUpdaterOptions(["-n", "pingd", "-B", "1", "-d", "5s"], "node1");
    expect(parsed.ok && parsed.value).toEqual({
      operation: "update",
      node: "node1",
      name: "pingd",
      value: "1",
      dampenMs: 5000,
    });
  });

  test("long options, -D, -Q and -N", () => {
    const deleted = parseUpdaterOptions(["--name=x", "--delete", "-N", "node2"], "node1");
    expect(deleted.ok && deleted.value).toEqual({ operation: "delete", node: "node2", name: "x" });
    const queried = parseUpdaterOptions(["-Q", "-n", "x", "-A", "-p"], "node1");
    expect(queried.ok && queried.value).toMatchObject({ operation: "query" });
  });

  test("missing name, node or operation, a bad delay and unknown options are issues", () => {
    const codes = [
      parseUpdaterOptions(["-U", "1"], "node1"),
      parseUpdaterOptions(["-n", "x", "-U", "1"], undefined),
      parseUpdaterOptions(["-n", "x"], "node1"),
      parseUpdaterOptions(["-n", "x", "-U", "1", "-d", "soon"], "node1"),
      parseUpdaterOptions(["--updat", "1"], "node1"),
    ].map((parsed) => (parsed.ok ? "ok" : parsed.issues[0]?.code));
    expect(codes).toEqual([
      "missing_name",
      "missing_node",
      "missing_operation",
      "bad_delay",
      "unknown_option",
    ]);
  });

  test("durationMs() reads Pacemaker's durations; a bare number is seconds", () => {
    expect(["5", "5s", "250ms", "2m", "1h", "x"].map(durationMs)).toEqual([
      5000,
      5000,
      250,
      120_000,
      3_600_000,
      undefined,
    ]);
  });
});
