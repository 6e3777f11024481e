import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { queryAttribute, queryCib } from "../../../backend/client/index.js";
import {
  activeOn,
  awaitView,
  clientTarget,
  crashNode,
  crm,
  nodeNames,
  startConfiguredCluster,
  startQuorated,
  teardown,
  temporaryClusterDir,
  until,
} from "../../support/local-cluster.js";

const nodes = nodeNames(3);

/** The standby nvpairs of a node in the CIB, by section (as node1 holds it). */
async function standbyPairs(dir: string, node: string): Promise<string[]> {
  const { xml } = await queryCib(clientTarget(dir, "node1"));
  const pairs = xml.match(/<(node |node_state |nvpair [^>]*name="standby")[^>]*>/g) ?? [];
  const found: string[] = [];
  let section = "";
  for (const tag of pairs) {
    if (tag.startsWith("<node ") || tag.startsWith("<node_state ")) {
      const named = tag.includes(`uname="${node}"`);
      section = named ? (tag.startsWith("<node ") ? "nodes" : "status") : "";
    } else if (section !== "") found.push(`${section} ${/value="([^"]*)"/.exec(tag)?.[1] ?? ""}`);
  }
  return found;
}

describe("crm node standby NODE reboot on quorated", () => {
  const dir = temporaryClusterDir();

  beforeAll(async () => {
    await startConfiguredCluster(dir, [
      "configure property stonith-enabled=false",
      "configure primitive dummy ocf:quorate:Dummy op monitor interval=1s",
    ]);
  }, 60_000);

  afterAll(async () => {
    await teardown(dir);
  }, 30_000);

  test("is a transient attribute held by attrd (status section, not nodes); resources leave the node; it ends when the node restarts", async () => {
    const here = await activeOn(dir, nodes, "dummy", () => true);
    const standby = crm(["node", "standby", here, "reboot"], { CRM_CLUSTER: dir });
    expect(standby.code, standby.stderr).toBe(0);
    const other = await activeOn(dir, nodes, "dummy", (node) => node !== here);
    expect(other).not.toBe(here);
    for (const node of nodes) {
      expect(await queryAttribute(clientTarget(dir, node), { node: here, name: "standby" })).toBe(
        "on",
      );
    }
    expect(await standbyPairs(dir, here)).toEqual(["status on"]);
    // A reboot ends it: the restarted node holds no standby and may run resources again.
    crashNode(dir, here);
    startQuorated(dir, here);
    await awaitView(dir, "node1", nodes);
    await until("the standby to be gone with the reboot", async () =>
      (await standbyPairs(dir, here)).length === 0 ? true : undefined,
    );
    expect(await queryAttribute(clientTarget(dir, "node1"), { node: here, name: "standby" })).toBe(
      undefined,
    );
  }, 90_000);
});
