import { describe, expect, test } from "vitest";
import type { FenceEvent } from "../../../backend/protocol/index.js";
import { FenceHistory, preferredEvent } from "../../../daemons/fencer/index.js";

function event(fields: Partial<FenceEvent>): FenceEvent {
  return {
    target: "node3",
    action: "off",
    state: "success",
    origin: "node1",
    client: "t",
    ...fields,
  };
}

describe("fence history", () => {
  test("two results of one operation (both sides of a partition ran it) settle alike", () => {
    const left = event({ delegate: "node1", completedMs: 200 });
    const right = event({ delegate: "node2", completedMs: 100 });
    const failed = event({ state: "failed", delegate: "node4", completedMs: 50 });
    expect(preferredEvent(left, right)).toBe(right);
    expect(preferredEvent(right, left)).toBe(right);
    expect(preferredEvent(failed, left)).toBe(left);
    const tie = event({ delegate: "node5", completedMs: 100 });
    expect(preferredEvent(tie, right)).toBe(preferredEvent(right, tie));
    const orders = [
      [left, right, failed],
      [failed, right, left],
      [right, failed, left],
    ];
    const kept = orders.map((events) => {
      const history = new FenceHistory(10);
      for (const entry of events) history.record({ opId: "1-1-1", event: entry });
      return history.events();
    });
    expect(kept).toEqual([[right], [right], [right]]);
  });

  test("keeps at most its limit, dropping the oldest", () => {
    const history = new FenceHistory(2);
    for (const opId of ["a", "b", "c"]) history.record({ opId, event: event({ client: opId }) });
    expect(history.entries().map((entry) => entry.opId)).toEqual(["b", "c"]);
    history.record({ opId: "a", event: event({ client: "a" }) });
    expect(history.size).toBe(2);
  });
});
