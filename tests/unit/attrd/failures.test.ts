import { describe, expect, test } from "vitest";
import { expandValue, failureAttributeMatcher } from "../../../daemons/attrd/index.js";
import { AttrdGroup } from "./attrd-group.js";

function started(nodeIds = [1, 2, 3]): AttrdGroup {
  const group = new AttrdGroup(nodeIds);
  group.changeGroup(nodeIds);
  group.deliver();
  return group;
}

const failure = (count: string, seconds: string) => [
  { name: "fail-count-web#monitor_10000", value: count },
  { name: "last-failure-web#monitor_10000", value: seconds },
];

describe("expandValue() (attrd_expand_value)", () => {
  test.each([
    ["value++", undefined, "1"],
    ["value++", "4", "5"],
    ["value+=10", "4", "14"],
    ["value++", "INFINITY", "INFINITY"],
    ["value+=999999", "5", "INFINITY"],
    ["INFINITY", "3", "INFINITY"],
    ["7", "3", "7"],
  ])("%s on %s gives %s", (value, current, expected) => {
    expect(expandValue(value, current)).toBe(expected);
  });
});

test("failureAttributeMatcher() matches one resource's fail counts and last failures only", () => {
  const matches = failureAttributeMatcher("web");
  expect(
    [
      "fail-count-web",
      "fail-count-web#monitor_10000",
      "last-failure-web#start_0",
      "fail-count-web:2#monitor_0",
      "fail-count-webserver#start_0",
      "fail-count-we#start_0",
      "pingd",
    ].filter(matches),
  ).toEqual([
    "fail-count-web",
    "fail-count-web#monitor_10000",
    "last-failure-web#start_0",
    "fail-count-web:2#monitor_0",
  ]);
});

describe("Attrd failure attributes", () => {
  test("a failure's fail count and last failure are set together and written in one write", () => {
    const group = started();
    group.step(1, {
      kind: "updates_requested",
      requestId: "f1",
      node: "node2",
      values: failure("value++", "100"),
    });
    group.deliver();
    expect(group.effectsOf("write")).toHaveLength(1);
    expect(group.written()).toEqual([
      "node2 fail-count-web#monitor_10000=1",
      "node2 last-failure-web#monitor_10000=100",
    ]);
  });

  test("value++ counts in agreed order on every member: concurrent increments from two nodes both count", () => {
    const group = started();
    group.step(1, {
      kind: "updates_requested",
      requestId: "a",
      node: "node3",
      values: failure("value++", "100"),
    });
    group.step(2, {
      kind: "updates_requested",
      requestId: "b",
      node: "node3",
      values: failure("value++", "101"),
    });
    group.deliver();
    for (const nodeId of [1, 2, 3])
      expect(group.core(nodeId).value("node3", "fail-count-web#monitor_10000")).toBe("2");
    expect(group.written()).toContain("node3 fail-count-web#monitor_10000=2");
  });

  test("clearing failures deletes that resource's fail counts and last failures of that node only", () => {
    const group = started();
    group.step(1, {
      kind: "updates_requested",
      requestId: "a",
      node: "node2",
      values: failure("3", "100"),
    });
    group.step(1, {
      kind: "updates_requested",
      requestId: "b",
      node: "node3",
      values: failure("1", "100"),
    });
    group.update(2, "c", { node: "node2", name: "fail-count-db#start_0", value: "INFINITY" });
    group.deliver();
    group.step(3, {
      kind: "failures_clear_requested",
      requestId: "d",
      node: "node2",
      resource: "web",
    });
    group.deliver();
    expect(group.written()).toEqual([
      "node2 fail-count-db#start_0=INFINITY",
      "node3 fail-count-web#monitor_10000=1",
      "node3 last-failure-web#monitor_10000=100",
    ]);
    for (const nodeId of [1, 2, 3])
      expect(group.core(nodeId).value("node2", "fail-count-web#monitor_10000")).toBeUndefined();
    expect(group.effectsOf("reply", 3)).toEqual([
      { kind: "reply", requestId: "d", reply: { ok: true } },
    ]);
  });

  test("an increment still in flight when its node syncs after a join is not undone by that sync", () => {
    const group = new AttrdGroup([1, 2, 3]);
    group.changeGroup([1, 2]);
    group.deliver();
    group.step(2, {
      kind: "updates_requested",
      requestId: "a",
      node: "node2",
      values: failure("value++", "100"),
    });
    group.deliver();
    group.step(2, {
      kind: "updates_requested",
      requestId: "b",
      node: "node2",
      values: failure("value++", "101"),
    });
    // node3 joins before node2's second increment is delivered: node2's sync follows it.
    group.changeGroup([1, 2, 3]);
    group.deliver();
    for (const nodeId of [1, 2, 3])
      expect(group.core(nodeId).value("node2", "fail-count-web#monitor_10000")).toBe("2");
  });
});
