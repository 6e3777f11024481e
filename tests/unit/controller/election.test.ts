import { describe, expect, test } from "vitest";
import { Controller, decodeControllerMessage } from "../../../daemons/controller/index.js";
import type { ControllerEffect } from "../../../daemons/controller/index.js";

const nodes = [1, 2, 3].map((nodeId) => ({ nodeId, name: `node${nodeId}` }));

function controller(nodeId: number): Controller {
  return new Controller({ nodeId, nodes, featureSet: "3.16.1", dcVersion: "0.1.0-test", cores: 2 });
}

function sent(effects: readonly ControllerEffect[]): string[] {
  return effects.flatMap((effect) => {
    if (effect.kind !== "send") return [];
    const decoded = decodeControllerMessage(effect.payload);
    return decoded.ok ? [decoded.value.kind] : [];
  });
}

describe("DC election", () => {
  test("the lowest nodeid of a quorate view is DC at once, and offers a join", () => {
    const core = controller(2);
    core.step({ kind: "view_installed", ringId: { representative: 2, seq: 8 }, members: [3, 2] });
    expect(core.dc).toBeUndefined();
    core.step({ kind: "quorum_changed", quorate: true });
    expect(core.dc).toBe(2);
    expect(sent(core.drain())).toContain("join_offer");
  });

  test("no DC without quorum; a new one when the DC leaves the view", () => {
    const core = controller(2);
    core.step({ kind: "quorum_changed", quorate: true });
    core.step({
      kind: "view_installed",
      ringId: { representative: 1, seq: 4 },
      members: [1, 2, 3],
    });
    expect(core.dc).toBe(1);
    expect(sent(core.drain())).not.toContain("join_offer");
    core.step({ kind: "view_installed", ringId: { representative: 2, seq: 8 }, members: [2, 3] });
    expect(core.dc).toBe(2);
    core.step({ kind: "quorum_changed", quorate: false });
    expect(core.dc).toBeUndefined();
    expect(core.role).toBeUndefined();
  });

  test("a member answers the DC's offer with its history, and ignores offers from others", () => {
    const core = controller(3);
    core.step({ kind: "quorum_changed", quorate: true });
    core.step({ kind: "view_installed", ringId: { representative: 1, seq: 4 }, members: [1, 3] });
    core.drain();
    core.step({
      kind: "delivered",
      sender: 3,
      payload: JSON.stringify({ kind: "join_offer", joinId: 1 }),
    });
    expect(sent(core.drain())).toEqual([]);
    core.step({
      kind: "delivered",
      sender: 1,
      payload: JSON.stringify({ kind: "join_offer", joinId: 1 }),
    });
    expect(sent(core.drain())).toEqual(["join_request"]);
  });

  test("a start from a node that is not the DC is refused", () => {
    const core = controller(3);
    core.step({ kind: "quorum_changed", quorate: true });
    core.step({
      kind: "view_installed",
      ringId: { representative: 1, seq: 4 },
      members: [1, 2, 3],
    });
    core.drain();
    const request = {
      resource: "d",
      agent: { className: "ocf", type: "Dummy" },
      operation: "start",
      intervalMs: 0,
      timeoutMs: 1000,
      params: {},
      expectedRc: 0,
      transitionKey: "1:1:0:2",
    };
    const action = { kind: "action", target: 3, transition: 1, actionId: 1, request };
    core.step({ kind: "delivered", sender: 2, payload: JSON.stringify(action) });
    const effects = core.drain();
    expect(effects.some((effect) => effect.kind === "execute")).toBe(false);
    expect(sent(effects)).toEqual(["action_result"]);
    core.step({ kind: "delivered", sender: 1, payload: JSON.stringify(action) });
    expect(core.drain().filter((effect) => effect.kind === "execute")).toHaveLength(1);
  });
});
