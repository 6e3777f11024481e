import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  clusterModel,
  crashNode,
  crm,
  nodeNames,
  startLocalCluster,
  teardown,
  temporaryClusterDir,
} from "../../support/local-cluster.js";

const nodes = nodeNames(3);

/** Role of the clone's instance on each node, as a live node's CIB says (crm_mon's reading). */
async function roles(dir: string, skip?: string): Promise<Map<string, string> | undefined> {
  const model = await clusterModel(dir, nodes, skip);
  if (model === undefined) return undefined;
  const found = new Map<string, string>();
  for (const resource of model.resourceById.values()) {
    if (resource.kind !== "primitive" || resource.baseId !== "st") continue;
    for (const [where, role] of resource.activeOn) found.set(where, role);
  }
  return found;
}

async function promotedOn(
  dir: string,
  accept: (node: string) => boolean,
  skip?: string,
): Promise<string> {
  const deadline = performance.now() + 30_000;
  for (;;) {
    const found = await roles(dir, skip);
    const promoted = [...(found ?? [])]
      .filter(([, role]) => role === "Promoted")
      .map(([node]) => node);
    const unpromoted = [...(found ?? [])].filter(([, role]) => role !== "Promoted");
    const expected = nodes.length - (skip === undefined ? 1 : 2);
    const node = promoted[0];
    if (
      promoted.length === 1 &&
      node !== undefined &&
      accept(node) &&
      unpromoted.length === expected
    )
      return node;
    if (performance.now() > deadline)
      throw new Error(`No single promoted instance: ${JSON.stringify([...(found ?? [])])}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a promotable Stateful clone on three quorated processes", () => {
  const dir = temporaryClusterDir();

  beforeAll(async () => {
    await startLocalCluster(dir, { nodes: 3, token: 1000, awaitViewOn: ["node1"] });
    const script = [
      "configure property stonith-enabled=false",
      "configure primitive st ocf:quorate:Stateful op monitor interval=1s role=Promoted op monitor interval=2s role=Unpromoted",
      "configure clone st-clone st meta promotable=true",
    ];
    // One crm process for the three commands (each would pay crm's start-up again).
    const result = crm(["-f", "-"], { CRM_CLUSTER: dir }, script.join("\n"));
    expect(result.code, result.stderr).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await teardown(dir);
  }, 30_000);

  test("promotes exactly one instance, and another after the promoted node is killed", async () => {
    const first = await promotedOn(dir, () => true);
    crashNode(dir, first);
    const second = await promotedOn(dir, (node) => node !== first, first);
    expect(second).not.toBe(first);
  }, 60_000);
});
