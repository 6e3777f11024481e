import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fenceHistory, queryCib, updateAttribute } from "../../../backend/client/index.js";
import {
  addResources,
  editLiveCib,
  localFenceDevice,
  setClusterProperty,
} from "../../support/live-cib.js";
import {
  awaitView,
  clientTarget as target,
  crm,
  nodeNames,
  pidOf,
  processGone,
  startLocalCluster,
  teardown,
  temporaryClusterDir,
  until,
} from "../../support/local-cluster.js";

const nodes = nodeNames(3);
/** This file's waits: 10 s, probing every 50 ms. */
const fast = { timeoutMs: 10_000, intervalMs: 50 };

async function statusXml(dir: string, node: string): Promise<string> {
  const snapshot = await queryCib(target(dir, node), "/cib/status");
  return snapshot.xml;
}

/** As `crm configure primitive fence-local stonith:fence_quorate_local …` and stonith-enabled. */
async function configureFencing(dir: string): Promise<void> {
  await editLiveCib(target(dir, "node1"), (cib) => {
    addResources(cib, localFenceDevice(dir, nodes));
    setClusterProperty(cib, "stonith-enabled", "true");
  });
}

describe("attrd and the fencer on three quorated processes", () => {
  const dir = temporaryClusterDir();

  beforeAll(async () => {
    await startLocalCluster(dir, { nodes: 3, token: 600, awaitViewOn: nodes });
  }, 30_000);

  afterAll(async () => {
    await teardown(dir);
  });

  test("an attribute set on node1 reaches every node's status section", async () => {
    await updateAttribute(target(dir, "node1"), { node: "node1", name: "e2e-pingd", value: "42" });
    await updateAttribute(target(dir, "node2"), {
      node: "node3",
      name: "fail-count-d#monitor_1000",
      value: "2",
    });
    for (const node of nodes) {
      const xml = await until(
        `the attributes in ${node}'s CIB`,
        async () => {
          const text = await statusXml(dir, node);
          return text.includes('id="status-3-fail-count-d.monitor_1000"') ? text : undefined;
        },
        fast,
      );
      expect(xml).toContain('<nvpair id="status-1-e2e-pingd" name="e2e-pingd" value="42"/>');
      expect(xml).toContain('name="fail-count-d#monitor_1000" value="2"');
    }
  }, 20_000);

  test("a permanent attribute (section nodes) is written to configuration/nodes", async () => {
    await updateAttribute(target(dir, "node2"), {
      node: "node2",
      name: "rack",
      value: "r2",
      section: "nodes",
    });
    for (const node of nodes) {
      const snapshot = await queryCib(target(dir, node), "/cib/configuration/nodes");
      expect(snapshot.xml).toContain('<nvpair id="nodes-2-rack" name="rack" value="r2"/>');
    }
  });

  test("crm node fence node3 kills node3's quorated and its attributes are cleared", async () => {
    await configureFencing(dir);
    const pid = pidOf(dir, "node3") ?? 0;
    expect(processGone(pid)).toBe(false);
    const fenced = crm(["node", "fence", "node3"], { CRM_CLUSTER: dir });
    expect(fenced.code, fenced.stderr).toBe(0);
    expect(fenced.stdout + fenced.stderr).toContain("fence-local");
    await until("node3's quorated to die", () => (processGone(pid) ? true : undefined), fast);
    const history = await fenceHistory(target(dir, "node2"), "node3");
    expect(history.at(-1)).toMatchObject({
      target: "node3",
      action: "reboot",
      state: "success",
      device: "fence-local",
    });
    await awaitView(dir, "node1", ["node1", "node2"]);
    await until(
      "node3's attributes to be cleared",
      async () => {
        const text = await statusXml(dir, "node1");
        return text.includes("status-3-") ? undefined : text;
      },
      fast,
    );
  }, 30_000);
});
