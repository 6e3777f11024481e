import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  element,
  ensureChild,
  readXml,
  writeXml,
  type XmlElement,
} from "../../../backend/cib/index.js";
import {
  fenceHistory,
  nodeClientTarget,
  queryCib,
  replaceCib,
} from "../../../backend/client/index.js";
import { schedule } from "../../../daemons/scheduler/index.js";
import {
  awaitView,
  crm,
  freeBasePort,
  teardown,
  temporaryClusterDir,
} from "../cluster/local-cluster.js";

const nodes = ["node1", "node2", "node3"];

function nvpair(id: string, name: string, value: string): XmlElement {
  return element("nvpair", { id, name, value });
}

function target(dir: string, node: string): ReturnType<typeof nodeClientTarget> {
  return nodeClientTarget(join(dir, node));
}

/** Where a live node's CIB says each resource is active (as crm_mon reads it). */
async function activeOn(
  dir: string,
  skip: string | undefined,
): Promise<Map<string, string[]> | undefined> {
  for (const node of nodes) {
    const client = node === skip ? undefined : target(dir, node);
    if (client === undefined) continue;
    try {
      const parsed = readXml((await queryCib(client)).xml);
      const model = parsed.ok ? schedule(parsed.value).model : undefined;
      if (model === undefined) continue;
      const placement = new Map<string, string[]>();
      for (const [id, resource] of model.resourceById) {
        if (resource.kind === "primitive") placement.set(id, [...resource.activeOn.keys()]);
      }
      return placement;
    } catch {
      continue;
    }
  }
  return undefined;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + 30_000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A fence_quorate_local device, stonith-enabled, and a Dummy with a 1 s monitor. */
async function configure(dir: string): Promise<void> {
  const client = target(dir, "node1");
  if (client === undefined) throw new Error("node1 has no client channel");
  const snapshot = await queryCib(client);
  const parsed = readXml(snapshot.xml);
  if (!parsed.ok) throw new Error("The live CIB does not parse");
  const configuration = ensureChild(parsed.value, "configuration");
  ensureChild(configuration, "resources").children.push(
    element("primitive", { id: "fence-local", class: "stonith", type: "fence_quorate_local" }, [
      element("instance_attributes", { id: "fence-local-instance_attributes" }, [
        nvpair("fence-local-instance_attributes-pcmk_host_list", "pcmk_host_list", nodes.join(" ")),
        nvpair("fence-local-instance_attributes-cluster_dir", "cluster_dir", dir),
      ]),
    ]),
    element("primitive", { id: "dummy", class: "ocf", provider: "quorate", type: "Dummy" }, [
      element("operations", {}, [
        element("op", { id: "dummy-monitor-1s", name: "monitor", interval: "1s" }),
      ]),
    ]),
  );
  const properties = ensureChild(ensureChild(configuration, "crm_config"), "cluster_property_set");
  properties.attributes["id"] ??= "cib-bootstrap-options";
  properties.children = properties.children.filter(
    (child) => child.kind !== "element" || child.attributes["name"] !== "stonith-enabled",
  );
  properties.children.push(
    nvpair("cib-bootstrap-options-stonith-enabled", "stonith-enabled", "true"),
  );
  await replaceCib(client, writeXml(parsed.value), snapshot.version);
}

describe("failover with fencing on three quorated processes", () => {
  const dir = temporaryClusterDir();

  beforeAll(async () => {
    const port = await freeBasePort(3);
    const args = [
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
      "1000",
    ];
    const started = crm(args);
    expect(started.code, started.stderr).toBe(0);
    await awaitView(dir, "node1", nodes);
    await configure(dir);
  }, 60_000);

  afterAll(async () => {
    await teardown(dir);
  }, 30_000);

  test("kill -9 of the Dummy's node: the node is fenced, then the Dummy starts elsewhere", async () => {
    const first = await until("the Dummy and the fence device to start", async () => {
      const placement = await activeOn(dir, undefined);
      const dummy = placement?.get("dummy") ?? [];
      return dummy.length === 1 && placement?.get("fence-local")?.length === 1
        ? dummy[0]
        : undefined;
    });
    const pid = Number(readFileSync(join(dir, first, "quorated.pid"), "utf8"));
    process.kill(pid, "SIGKILL");
    rmSync(join(dir, first, "quorated.pid"), { force: true });
    const second = await until("the Dummy to start on a survivor", async () => {
      const dummy = (await activeOn(dir, first))?.get("dummy") ?? [];
      return dummy.length === 1 && dummy[0] !== first ? dummy[0] : undefined;
    });
    const survivor = target(dir, second);
    const history = survivor === undefined ? [] : await fenceHistory(survivor, first);
    expect(history.at(-1)).toMatchObject({ target: first, state: "success" });
  }, 60_000);
});
