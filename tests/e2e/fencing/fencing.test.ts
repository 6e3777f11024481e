import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { element, ensureChild, readXml, writeXml } from "../../../backend/cib/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import {
  fenceHistory,
  nodeClientTarget,
  queryCib,
  replaceCib,
  updateAttribute,
} from "../../../backend/client/index.js";
import type { ClientTarget } from "../../../backend/client/index.js";
import {
  awaitView,
  crm,
  freeBasePort,
  teardown,
  temporaryClusterDir,
} from "../cluster/local-cluster.js";

const nodes = ["node1", "node2", "node3"];

function target(dir: string, node: string): ClientTarget {
  const found = nodeClientTarget(join(dir, node));
  if (found === undefined) throw new Error(`${node} has no client channel`);
  return found;
}

/** A killed process may linger as a zombie until reaped: count that as gone. */
function processGone(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return true;
  }
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function statusXml(dir: string, node: string): Promise<string> {
  const snapshot = await queryCib(target(dir, node), "/cib/status");
  return snapshot.xml;
}

function nvpair(id: string, name: string, value: string): XmlElement {
  return element("nvpair", { id, name, value });
}

/** As `crm configure primitive fence-local stonith:fence_quorate_local …` and stonith-enabled. */
async function configureFencing(dir: string): Promise<void> {
  const node1 = target(dir, "node1");
  const snapshot = await queryCib(node1);
  const parsed = readXml(snapshot.xml);
  if (!parsed.ok) throw new Error("The live CIB does not parse");
  const configuration = ensureChild(parsed.value, "configuration");
  const params = [
    nvpair("fence-local-instance_attributes-pcmk_host_list", "pcmk_host_list", nodes.join(" ")),
    nvpair("fence-local-instance_attributes-cluster_dir", "cluster_dir", dir),
  ];
  ensureChild(configuration, "resources").children.push(
    element("primitive", { id: "fence-local", class: "stonith", type: "fence_quorate_local" }, [
      element("instance_attributes", { id: "fence-local-instance_attributes" }, params),
    ]),
  );
  const properties = ensureChild(ensureChild(configuration, "crm_config"), "cluster_property_set");
  properties.attributes["id"] ??= "cib-bootstrap-options";
  properties.children.push(
    nvpair("cib-bootstrap-options-stonith-enabled", "stonith-enabled", "true"),
  );
  await replaceCib(node1, writeXml(parsed.value), snapshot.version);
}

describe("attrd and the fencer on three quorated processes", () => {
  const dir = temporaryClusterDir();

  beforeAll(async () => {
    const port = await freeBasePort(3);
    const started = crm([
      "cluster",
      "local",
      "start",
      "--nodes",
      "3",
      "--dir",
      dir,
      "--base-port",
      String(port),
      "--token",
      "600",
    ]);
    expect(started.code, started.stderr).toBe(0);
    for (const node of nodes) await awaitView(dir, node, nodes);
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
      const xml = await until(`the attributes in ${node}'s CIB`, async () => {
        const text = await statusXml(dir, node);
        return text.includes('id="status-3-fail-count-d.monitor_1000"') ? text : undefined;
      });
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
    const pid = Number(readFileSync(join(dir, "node3", "quorated.pid"), "utf8"));
    expect(processGone(pid)).toBe(false);
    const fenced = crm(["node", "fence", "node3"], { CRM_CLUSTER: dir });
    expect(fenced.code, fenced.stderr).toBe(0);
    expect(fenced.stdout + fenced.stderr).toContain("fence-local");
    await until("node3's quorated to die", () => (processGone(pid) ? true : undefined));
    const history = await fenceHistory(target(dir, "node2"), "node3");
    expect(history.at(-1)).toMatchObject({
      target: "node3",
      action: "reboot",
      state: "success",
      device: "fence-local",
    });
    await awaitView(dir, "node1", ["node1", "node2"]);
    await until("node3's attributes to be cleared", async () => {
      const text = await statusXml(dir, "node1");
      return text.includes("status-3-") ? undefined : text;
    });
  }, 30_000);
});
