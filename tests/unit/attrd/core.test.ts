import { describe, expect, test } from "vitest";
import { applyTransientValues } from "../../../daemons/attrd/index.js";
import { AttrdGroup, tickMs } from "./attrd-group.js";

function started(nodeIds = [1, 2, 3]): AttrdGroup {
  const group = new AttrdGroup(nodeIds);
  group.changeGroup(nodeIds);
  group.deliver();
  return group;
}

function repliesOf(group: AttrdGroup, nodeId: number): unknown[] {
  return group.effectsOf("reply", nodeId).map((effect) => (effect.kind === "reply" ? effect : {}));
}

describe("Attrd core", () => {
  test("an update reaches every member and the writer (lowest nodeid) writes it at once", () => {
    const group = started();
    group.update(2, "r1", { node: "node2", name: "pingd", value: "100" });
    expect(repliesOf(group, 2)).toEqual([]);
    group.deliver();
    expect(repliesOf(group, 2)).toEqual([{ kind: "reply", requestId: "r1", reply: { ok: true } }]);
    for (const nodeId of [1, 2, 3]) expect(group.core(nodeId).value("node2", "pingd")).toBe("100");
    expect(group.core(1).isWriter).toBe(true);
    expect(group.effectsOf("write", 2)).toEqual([]);
    expect(group.effectsOf("write", 3)).toEqual([]);
    expect(group.written()).toEqual(["node2 pingd=100"]);
    expect(group.core(1).settled).toBe(true);
  });

  test("dampening coalesces a flapping value into one write after it is stable for the delay", () => {
    const group = started();
    const delayTicks = 5;
    group.update(3, "a", {
      node: "node3",
      name: "pingd",
      value: "1",
      dampenMs: delayTicks * tickMs,
    });
    group.deliver();
    group.ticks(3);
    group.update(3, "b", { node: "node3", name: "pingd", value: "2" });
    group.deliver();
    group.ticks(4);
    expect(group.written()).toEqual([]);
    group.update(3, "c", { node: "node3", name: "pingd", value: "3" });
    group.deliver();
    group.ticks(delayTicks - 1);
    expect(group.written()).toEqual([]);
    group.ticks(1);
    expect(group.written()).toEqual(["node3 pingd=3"]);
    expect(group.effectsOf("write")).toHaveLength(1);
  });

  test("an unchanged value neither restarts the timer nor writes again", () => {
    const group = started();
    group.update(2, "a", { node: "node2", name: "x", value: "1" });
    group.deliver();
    group.update(2, "b", { node: "node2", name: "x", value: "1" });
    group.deliver();
    expect(group.effectsOf("write")).toHaveLength(1);
    expect(repliesOf(group, 2)).toHaveLength(2);
  });

  test("the writer is re-elected when it leaves and writes every value again", () => {
    const group = started();
    group.update(2, "a", { node: "node2", name: "fail-count-vip#monitor_10000", value: "1" });
    group.update(3, "b", { node: "node3", name: "master-db", value: "10" });
    group.deliver();
    const writesBefore = group.effectsOf("write").length;
    group.crash(1);
    expect(group.core(2).isWriter).toBe(true);
    group.deliver();
    const newWrites = group.effectsOf("write", 2);
    expect(newWrites.length).toBeGreaterThan(0);
    expect(group.effectsOf("write").length).toBe(writesBefore + newWrites.length);
    expect(group.written()).toEqual(["node2 fail-count-vip#monitor_10000=1", "node3 master-db=10"]);
  });

  test("a node that leaves loses its attributes on every member and in the status section", () => {
    const group = started();
    group.update(1, "a", { node: "node3", name: "pingd", value: "5" });
    group.update(1, "b", { node: "node2", name: "pingd", value: "7" });
    group.deliver();
    expect(group.written()).toEqual(["node3 pingd=5", "node2 pingd=7"]);
    const clearsBefore = group.effectsOf("clear_node", 1).length;
    group.changeGroup([1, 2]);
    group.deliver();
    for (const nodeId of [1, 2]) expect(group.core(nodeId).value("node3", "pingd")).toBeUndefined();
    expect(group.effectsOf("clear_node", 1).slice(clearsBefore)).toEqual([
      { kind: "clear_node", writeId: expect.any(Number) as number, node: "node3", nodeId: 3 },
    ]);
    expect(group.core(2).settled).toBe(true);
    expect(group.written()).toEqual(["node2 pingd=7"]);
  });

  test("a node that rejoins gets every other node's values back", () => {
    const group = started();
    group.update(1, "a", { node: "node1", name: "site", value: "north", dampenMs: 300 });
    group.update(2, "b", { node: "node2", name: "site", value: "south" });
    group.deliver();
    group.crash(3);
    group.changeGroup([1, 2, 3]);
    group.deliver();
    expect(group.core(3).values()).toEqual([
      { node: "node1", name: "site", value: "north" },
      { node: "node2", name: "site", value: "south" },
    ]);
    expect(group.core(3).values()).toEqual(group.core(1).values());
  });

  test("a refused write is tried again after the retry delay", () => {
    const group = started();
    group.cibAccepts = false;
    group.update(2, "a", { node: "node2", name: "x", value: "1" });
    group.deliver();
    expect(group.written()).toEqual([]);
    expect(group.core(1).settled).toBe(false);
    group.cibAccepts = true;
    const retryTicks = group.core(1).config.writeRetryTicks;
    group.ticks(retryTicks - 1);
    expect(group.written()).toEqual([]);
    group.ticks(1);
    expect(group.written()).toEqual(["node2 x=1"]);
    expect(group.core(1).settled).toBe(true);
  });

  test("a deletion removes the nvpair, and the emptied set with it", () => {
    const group = started();
    group.update(2, "a", { node: "node2", name: "x", value: "1" });
    group.update(2, "b", { node: "node2", name: "y", value: "2" });
    group.deliver();
    group.update(3, "c", { node: "node2", name: "x", value: null });
    group.deliver();
    expect(group.written()).toEqual(["node2 y=2"]);
    group.update(3, "d", { node: "node2", name: "y", value: null });
    group.deliver();
    expect(group.written()).toEqual([]);
    expect(group.core(2).values()).toEqual([]);
  });

  test("refuses an unknown node at once, and times out an update never delivered", () => {
    const group = started();
    group.update(2, "a", { node: "node9", name: "x", value: "1" });
    expect(repliesOf(group, 2)).toEqual([
      { kind: "reply", requestId: "a", reply: { ok: false, message: 'Unknown node "node9"' } },
    ]);
    group.step(2, {
      kind: "update_requested",
      requestId: "b",
      node: "node1",
      name: "x",
      value: "1",
    });
    group.queue.length = 0;
    const timeoutTicks = group.core(2).config.requestTimeoutTicks;
    group.ticks(timeoutTicks);
    expect(repliesOf(group, 2).at(-1)).toEqual({
      kind: "reply",
      requestId: "b",
      reply: { ok: false, message: "The update was not delivered to the attrd group in time" },
    });
  });

  test("a malformed group message is dropped with a warning", () => {
    const group = started();
    group.step(2, { kind: "delivered", sender: 1, payload: '{"kind":"update","node":""}' });
    expect(group.effectsOf("warn", 2)).toHaveLength(1);
    expect(group.core(2).values()).toEqual([]);
  });

  test("a deletion of a value attrd never held still removes it from the status section", () => {
    const group = started();
    applyTransientValues(group.cib, [
      { node: "node2", nodeId: 2, name: "fail-count-d", value: "1" },
    ]);
    group.update(3, "a", { node: "node2", name: "fail-count-d", value: null });
    group.deliver();
    expect(group.written()).toEqual([]);
  });

  test("a node outside the group has no old values; when it joins, it speaks for itself", () => {
    const group = new AttrdGroup([1, 2, 3]);
    applyTransientValues(group.cib, [{ node: "node3", nodeId: 3, name: "old", value: "1" }]);
    group.changeGroup([1, 2]);
    group.deliver();
    group.update(1, "a", { node: "node3", name: "set-while-away", value: "7" });
    group.deliver();
    expect(group.written()).toEqual(["node3 set-while-away=7"]);
    group.changeGroup([1, 2, 3]);
    group.deliver();
    expect(group.written()).toEqual([]);
    for (const nodeId of [1, 2, 3]) expect(group.core(nodeId).values()).toEqual([]);
  });
});
