import { describe, expect, test } from "vitest";
import { actionLimits, isExecutorAction, Transition } from "../../../daemons/controller/index.js";
import { schedule } from "../../../daemons/scheduler/index.js";

const nodes = ["node1", "node2", "node3"];

/** 34 Dummies never probed on 3 online nodes: 102 probes, then starts and monitors. */
function cibText(properties: Record<string, string>): string {
  const pairs = Object.entries(properties)
    .map(([name, value]) => `<nvpair id="o-${name}" name="${name}" value="${value}"/>`)
    .join("");
  const primitives = Array.from(
    { length: 34 },
    (_, index) =>
      `<primitive id="d${index}" class="ocf" provider="quorate" type="Dummy">` +
      `<operations><op id="d${index}-m" name="monitor" interval="10s"/></operations></primitive>`,
  ).join("");
  const nodeEntries = nodes.map((name, index) => `<node id="${index + 1}" uname="${name}"/>`);
  const states = nodes.map(
    (name, index) =>
      `<node_state id="${index + 1}" uname="${name}" in_ccm="true" crmd="online" join="member" expected="member"/>`,
  );
  return (
    `<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0" have-quorum="1">` +
    `<configuration><crm_config><cluster_property_set id="o">` +
    `<nvpair id="o-stonith" name="stonith-enabled" value="false"/>${pairs}` +
    `</cluster_property_set></crm_config><nodes>${nodeEntries.join("")}</nodes>` +
    `<resources>${primitives}</resources><constraints/></configuration>` +
    `<status>${states.join("")}</status></cib>`
  );
}

/**
 * Carries the transition out, completing the oldest running action first: the peaks seen, and
 * at which step each action started and completed.
 */
function carryOut(transition: Transition) {
  const running: number[] = [];
  const startedAt = new Map<number, number>();
  const doneAt = new Map<number, number>();
  let step = 0;
  const complete = (id: number): void => {
    transition.complete(id, true);
    doneAt.set(id, (step += 1));
  };
  let peakTotal = 0;
  const peakPerNode = new Map<string, number>();
  for (;;) {
    for (const action of transition.takeReady()) {
      startedAt.set(action.id, (step += 1));
      if (isExecutorAction(action)) running.push(action.id);
      else complete(action.id);
    }
    const onNode = new Map<string, number>();
    for (const id of running) {
      const node = transition.action(id)?.node ?? "";
      onNode.set(node, (onNode.get(node) ?? 0) + 1);
    }
    peakTotal = Math.max(peakTotal, running.length);
    for (const [node, count] of onNode)
      peakPerNode.set(node, Math.max(peakPerNode.get(node) ?? 0, count));
    const next = running.shift();
    if (next === undefined) break;
    complete(next);
  }
  return { peakTotal, peakPerNode, startedAt, doneAt };
}

describe("action limits (batch-limit, node-action-limit)", () => {
  test("the cluster options set them; 0 or unset: no cluster-wide limit, twice the cores per node", () => {
    expect(actionLimits(new Map(), 4)).toEqual({ batch: Infinity, perNode: 8 });
    expect(
      actionLimits(
        new Map([
          ["batch-limit", "5"],
          ["node-action-limit", "3"],
        ]),
        4,
      ),
    ).toEqual({ batch: 5, perNode: 3 });
    expect(actionLimits(new Map([["node-action-limit", "0"]]), 1)).toEqual({
      batch: Infinity,
      perNode: 2,
    });
  });

  test.each([
    [{ "batch-limit": "5", "node-action-limit": "3" }, 5, 3],
    [{ "node-action-limit": "2" }, 6, 2],
    [{}, 12, 4],
  ])(
    "102 probes on 3 nodes with %j: never more than %i in flight (%i per node), every action runs after its inputs",
    (properties, total, perNode) => {
      const result = schedule(cibText(properties));
      expect(result.model).toBeDefined();
      if (result.model === undefined) return;
      const probes = result.graph.actions.filter(
        (action) => action.task === "monitor" && action.intervalMs === 0,
      );
      expect(probes).toHaveLength(102);
      const transition = new Transition(
        1,
        result.graph,
        result.model,
        actionLimits(result.model.options.all, 2),
      );
      const run = carryOut(transition);
      expect(run.peakTotal).toBe(total);
      expect(Math.max(...run.peakPerNode.values())).toBe(perNode);
      expect(transition.succeeded).toBe(true);
      expect(run.doneAt.size).toBe(result.graph.actions.length);
      for (const edge of result.graph.edges) {
        const before = run.doneAt.get(edge.before) ?? Infinity;
        expect(before).toBeLessThan(run.startedAt.get(edge.after) ?? -1);
      }
    },
  );
});
