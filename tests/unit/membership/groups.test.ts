import { describe, expect, test } from "vitest";
import { Membership, membershipConfig, type Effect } from "../../../daemons/membership/index.js";
import { cluster, oneView } from "./harness.js";

function groupChanges(sim: ReturnType<typeof cluster>, nodeId: number, group: string) {
  return sim.events.filter(
    (event) => event.kind === "group_changed" && event.nodeId === nodeId && event.group === group,
  );
}

describe("process groups (CPG)", () => {
  test("every member sees the same group members after the first view", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    for (const nodeId of [1, 2, 3]) {
      expect(sim.node(nodeId).membership.status().groups.get("cib")).toEqual([1, 2, 3]);
    }
  });

  test("join and leave of one group reach its members in agreed order", () => {
    const sim = cluster(3, { groups: ["cib"] });
    sim.runUntil(oneView, 500);
    sim.node(2).membership.step({ kind: "group_join_requested", group: "attrd" });
    sim.node(1).membership.step({ kind: "group_join_requested", group: "attrd" });
    sim.runTicks(20);
    sim.node(2).membership.step({ kind: "group_leave_requested", group: "attrd" });
    sim.runTicks(20);
    const seen = groupChanges(sim, 1, "attrd").map((event) =>
      event.kind === "group_changed" ? event.members : [],
    );
    expect(seen.at(-1)).toEqual([1]);
    expect(sim.node(3).membership.status().groups.get("attrd")).toEqual([1]);
    expect(groupChanges(sim, 3, "attrd")).toEqual([]);
  });

  test("a crashed node leaves its groups with reason nodedown, a left group with leave", () => {
    const sim = cluster(3);
    sim.runUntil(oneView, 500);
    sim.node(2).membership.step({ kind: "group_leave_requested", group: "cib" });
    sim.runTicks(10);
    sim.crash(3);
    sim.runUntil(oneView, 1000);
    const changes = groupChanges(sim, 1, "cib").map((event) =>
      event.kind === "group_changed" ? { members: event.members, left: event.left } : {},
    );
    expect(changes.slice(-2)).toEqual([
      { members: [1, 3], left: [{ nodeId: 2, reason: "leave" }] },
      { members: [1], left: [{ nodeId: 3, reason: "nodedown" }] },
    ]);
  });

  test("a lone node's first join is announced to the host as a send to its peers", () => {
    const single = new Membership(membershipConfig(1, [1, 2]));
    single.step({ kind: "group_join_requested", group: "cib" });
    const effects: readonly Effect[] = single.drain();
    expect(
      effects
        .filter((effect) => effect.kind === "send")
        .map((effect) => effect.kind === "send" && effect.message.kind),
    ).toEqual(["join"]);
  });

  test("a message to one member is delivered there only, and only to group members", () => {
    const sim = cluster(3, { groups: ["cib"] });
    sim.runUntil(oneView, 500);
    sim
      .node(1)
      .membership.step({ kind: "broadcast_requested", group: "cib", payload: "to-3", to: 3 });
    sim
      .node(1)
      .membership.step({ kind: "broadcast_requested", group: "fencer", payload: "nobody" });
    sim.runTicks(20);
    const deliveries = sim.events.filter(
      (event) => event.kind === "delivered" && event.group !== "votequorum",
    );
    expect(
      deliveries.map((event) => [event.nodeId, event.kind === "delivered" ? event.payload : ""]),
    ).toEqual([[3, "to-3"]]);
  });
});

describe("limits", () => {
  test("broadcasts beyond pendingBroadcastsMax are refused, group joins are not", () => {
    const core = new Membership(membershipConfig(1, [1, 2], { pendingBroadcastsMax: 2 }));
    for (const payload of ["a", "b", "c"])
      core.step({ kind: "broadcast_requested", group: "cib", payload });
    core.step({ kind: "group_join_requested", group: "cib" });
    const refused = core.drain().filter((effect) => effect.kind === "broadcast_refused");
    expect(refused).toEqual([{ kind: "broadcast_refused", group: "cib", reason: "queue_full" }]);
  });
});
