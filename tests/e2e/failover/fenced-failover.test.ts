import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fenceHistory } from "../../../backend/client/index.js";
import {
  addResources,
  editLiveCib,
  localFenceDevice,
  monitoredDummy,
  setClusterProperty,
} from "../../support/live-cib.js";
import {
  clientTarget,
  clusterModel,
  crashNode,
  nodeNames,
  startLocalCluster,
  teardown,
  temporaryClusterDir,
  until,
} from "../../support/local-cluster.js";

const nodes = nodeNames(3);
/** This file's waits: 30 s, probing every 100 ms. */
const patient = { timeoutMs: 30_000 };

/** Where a live node's CIB says each resource is active (as crm_mon reads it). */
async function activeOn(
  dir: string,
  skip: string | undefined,
): Promise<Map<string, string[]> | undefined> {
  const model = await clusterModel(dir, nodes, skip);
  if (model === undefined) return undefined;
  const placement = new Map<string, string[]>();
  for (const [id, resource] of model.resourceById) {
    if (resource.kind === "primitive") placement.set(id, [...resource.activeOn.keys()]);
  }
  return placement;
}

/** A fence_quorate_local device, stonith-enabled, and a Dummy with a 1 s monitor. */
async function configure(dir: string): Promise<void> {
  await editLiveCib(clientTarget(dir, "node1"), (cib) => {
    addResources(cib, localFenceDevice(dir, nodes), monitoredDummy());
    setClusterProperty(cib, "stonith-enabled", "true");
  });
}

describe("failover with fencing on three quorated processes", () => {
  const dir = temporaryClusterDir();

  beforeAll(async () => {
    await startLocalCluster(dir, { nodes: 3, token: 1000, awaitViewOn: ["node1"] });
    await configure(dir);
  }, 60_000);

  afterAll(async () => {
    await teardown(dir);
  }, 30_000);

  test("kill -9 of the Dummy's node: the node is fenced, then the Dummy starts elsewhere", async () => {
    const first = await until(
      "the Dummy and the fence device to start",
      async () => {
        const placement = await activeOn(dir, undefined);
        const dummy = placement?.get("dummy") ?? [];
        return dummy.length === 1 && placement?.get("fence-local")?.length === 1
          ? dummy[0]
          : undefined;
      },
      patient,
    );
    crashNode(dir, first);
    const second = await until(
      "the Dummy to start on a survivor",
      async () => {
        const dummy = (await activeOn(dir, first))?.get("dummy") ?? [];
        return dummy.length === 1 && dummy[0] !== first ? dummy[0] : undefined;
      },
      patient,
    );
    const history = await fenceHistory(clientTarget(dir, second), first);
    expect(history.at(-1)).toMatchObject({ target: first, state: "success" });
  }, 60_000);
});
