import { describe, expect, test } from "vitest";
import type { FenceEvent } from "../../../backend/protocol/index.js";
import { emptyFencingConfig } from "../../../daemons/fencer/index.js";
import type { FenceDevice, FenceLevel, FencingConfig } from "../../../daemons/fencer/index.js";
import { FencerGroup } from "./fencer-group.js";

function device(id: string, params: Record<string, string> = {}): FenceDevice {
  return { id, agent: "fence_quorate_local", params };
}

function level(index: number, target: string, devices: string[]): FenceLevel {
  return { id: `fl-${target}-${index}`, index, target: { kind: "name", name: target }, devices };
}

function config(devices: FenceDevice[], levels: FenceLevel[] = []): FencingConfig {
  return { ...emptyFencingConfig, devices, levels };
}

function started(fencing: FencingConfig, members = [1, 2, 3]): FencerGroup {
  const group = new FencerGroup([1, 2, 3], fencing);
  group.changeGroup(members);
  return group;
}

function replies(group: FencerGroup, nodeId: number): FenceEvent[] {
  return group
    .effectsOf("reply", nodeId)
    .flatMap((effect) => (effect.kind === "reply" ? [effect.event] : []));
}

describe("Fencer core", () => {
  test("the origin runs the device, and every member records the result", () => {
    const group = started(config([device("st1")]));
    group.fence(1, "r1", "node3");
    group.deliver();
    expect(group.runs()).toEqual(["node1:st1:node3"]);
    const [event] = replies(group, 1);
    expect(event).toMatchObject({
      target: "node3",
      action: "reboot",
      state: "success",
      origin: "node1",
      delegate: "node1",
      device: "st1",
      client: "test",
    });
    expect(event?.completedMs).toBeGreaterThan(0);
    for (const nodeId of [1, 2, 3]) {
      expect(group.core(nodeId).history()).toEqual([event]);
      expect(group.effectsOf("fenced", nodeId)).toHaveLength(1);
    }
  });

  test("a node asked to fence itself leaves it to a peer (the lowest other member)", () => {
    const group = started(config([device("st1")]));
    group.fence(3, "r1", "node3");
    group.deliver();
    expect(group.runs()).toEqual(["node1:st1:node3"]);
    expect(replies(group, 3)[0]?.state).toBe("success");
  });

  test("a node alone in the group fences itself, as no other can", () => {
    const group = started(config([device("st1")]), [2]);
    group.fence(2, "r1", "node2", "off");
    group.deliver();
    expect(group.runs()).toEqual(["node2:st1:node2"]);
  });

  test("a node fencing itself alone hands the operation to a peer that joins", () => {
    const group = started(config([device("st1")]), [2]);
    group.autoFinish = false;
    group.fence(2, "r1", "node2", "off");
    group.deliver();
    expect(group.runs()).toEqual(["node2:st1:node2"]);
    const [selfRun] = group.running;
    group.changeGroup([1, 2]);
    expect(group.effectsOf("cancel_run", 2)).toEqual([
      { kind: "cancel_run", runId: selfRun?.runId },
    ]);
    group.deliver();
    expect(group.runs()).toEqual(["node2:st1:node2", "node1:st1:node2"]);
    group.running.splice(0, 1);
    group.finishRuns();
    expect(replies(group, 2)[0]).toMatchObject({ state: "success", delegate: "node1" });
  });

  test("levels run in index order; every device of a level must succeed", () => {
    const levels = [level(2, "node3", ["c"]), level(1, "node3", ["a", "b"])];
    const group = started(config([device("a"), device("b"), device("c")], levels));
    group.fence(2, "r1", "node3");
    group.deliver();
    expect(group.runs()).toEqual(["node2:a:node3", "node2:b:node3"]);
    expect(replies(group, 2)[0]).toMatchObject({ state: "success", device: "b" });
  });

  test("a failed device abandons its level and the next level is tried", () => {
    const levels = [level(1, "node3", ["a", "b"]), level(2, "node3", ["c"])];
    const devices = [device("a", { pcmk_reboot_retries: "1" }), device("b"), device("c")];
    const group = started(config(devices, levels));
    group.outcome = (run) => (run.device === "a" ? "agent exited 1" : true);
    group.fence(2, "r1", "node3");
    group.deliver();
    expect(group.runs()).toEqual(["node2:a:node3", "node2:c:node3"]);
    expect(replies(group, 2)[0]).toMatchObject({ state: "success", device: "c" });
  });

  test("a device is tried pcmk_<action>_retries times; when every level fails, so does the op", () => {
    const group = started(config([device("a", { pcmk_off_retries: "3" })]));
    group.outcome = () => "agent exited 1";
    group.fence(1, "r1", "node2", "off");
    group.deliver();
    expect(group.runs()).toEqual(["node1:a:node2", "node1:a:node2", "node1:a:node2"]);
    expect(replies(group, 1)[0]).toMatchObject({
      state: "failed",
      reason: "Every fencing level failed: a: agent exited 1",
    });
  });

  test("without a device that can fence the target, the operation fails with a reason", () => {
    const group = started(config([device("st1", { pcmk_host_list: "node1 node2" })]));
    group.fence(1, "r1", "node3");
    group.deliver();
    expect(group.runs()).toEqual([]);
    expect(replies(group, 1)[0]).toMatchObject({
      state: "failed",
      reason: "No fence device can fence node3: st1: not able to fence node3 (static-list)",
    });
  });

  test("refuses an unknown target at once", () => {
    const group = started(config([device("st1")]));
    group.fence(1, "r1", "node9");
    expect(replies(group, 1)[0]).toMatchObject({ state: "failed", reason: 'Unknown node "node9"' });
  });

  test("one operation at a time per target: a second action waits, an identical one merges", () => {
    const group = started(config([device("st1")]));
    group.autoFinish = false;
    group.fence(1, "r1", "node3", "off");
    group.fence(2, "r2", "node3", "reboot");
    group.fence(2, "r3", "node3", "off");
    group.deliver();
    expect(group.running.map((entry) => entry.run.agentAction)).toEqual(["off"]);
    expect(
      group
        .core(3)
        .history()
        .map((event) => event.state),
    ).toEqual(["pending", "pending"]);
    group.finishRuns();
    expect(replies(group, 1).map((event) => event.action)).toEqual(["off"]);
    expect(replies(group, 2).map((event) => event.action)).toEqual(["off", "reboot"]);
    expect(group.runs()).toEqual(["node1:st1:node3", "node2:st1:node3"]);
  });

  test("when the executioner dies mid-operation, another member takes the operation over", () => {
    const group = started(config([device("st1")]));
    group.autoFinish = false;
    group.fence(2, "r1", "node3");
    group.deliver();
    expect(group.runs()).toEqual(["node2:st1:node3"]);
    group.crash(2);
    expect(group.runs()).toEqual(["node2:st1:node3", "node1:st1:node3"]);
    group.finishRuns();
    expect(group.core(1).history()[0]).toMatchObject({ state: "success", delegate: "node1" });
  });

  test("a member that joins receives the history", () => {
    const group = started(config([device("st1")]), [1, 2]);
    group.fence(1, "r1", "node2");
    group.deliver();
    group.changeGroup([1, 2, 3]);
    group.deliver();
    expect(group.core(3).history()).toEqual(group.core(1).history());
    expect(group.core(3).history()).toHaveLength(1);
  });

  test("after a join every member, the announcers too, rebuilds the same operations", () => {
    const group = started(config([device("st1")]), [1, 2]);
    group.autoFinish = false;
    group.fence(1, "r1", "node3", "off");
    group.deliver();
    group.changeGroup([1, 2, 3]);
    group.fence(2, "r2", "node3", "reboot");
    group.deliver();
    const pending = (nodeId: number) => group.core(nodeId).history();
    expect(pending(1)).toHaveLength(2);
    expect(pending(2)).toEqual(pending(1));
    expect(pending(3)).toEqual(pending(1));
    group.finishRuns();
    expect(replies(group, 1).map((event) => event.state)).toEqual(["success"]);
    expect(replies(group, 2).map((event) => event.action)).toEqual(["reboot"]);
    for (const nodeId of [1, 2, 3])
      expect(
        group
          .core(nodeId)
          .history()
          .map((event) => event.state),
      ).toEqual(["success", "success"]);
  });

  test("a device's list is run once and kept across CIB changes that leave devices alone", () => {
    const group = started(config([{ id: "st1", agent: "fence_sim", params: {} }]));
    const lists = () => group.allRuns().filter((entry) => entry.run.agentAction === "list");
    group.fence(1, "r1", "node3", "off");
    group.deliver();
    group.step(1, { kind: "config_changed", config: { ...group.fencing, stonithTimeoutMs: 9 } });
    group.fence(1, "r2", "node2", "off");
    group.deliver();
    expect(group.runs()).toEqual(["node1:st1:node3", "node1:st1:node2"]);
    expect(lists()).toHaveLength(1);
    const changed = config([{ id: "st1", agent: "fence_sim", params: { ipaddr: "10.0.0.9" } }]);
    group.step(1, { kind: "config_changed", config: changed });
    group.fence(1, "r3", "node3", "off");
    group.deliver();
    expect(lists()).toHaveLength(2);
  });

  test("a malformed message is dropped with a warning", () => {
    const group = started(config([device("st1")]));
    const payload = '{"kind":"request","opId":1}';
    group.step(1, { kind: "delivered", sender: 2, payload, nowMs: 1_000 });
    expect(group.effectsOf("warn", 1)).toHaveLength(1);
  });
});
