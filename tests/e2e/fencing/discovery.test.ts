import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { element } from "../../../backend/cib/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import { fenceHistory } from "../../../backend/client/index.js";
import { addResources, editLiveCib, nvpair, setClusterProperty } from "../../support/live-cib.js";
import {
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

/** A fence_quorate_local device with its own parameters besides cluster_dir. */
function fenceDevice(dir: string, id: string, params: Record<string, string>): XmlElement {
  const set = `${id}-instance_attributes`;
  const pairs = Object.entries({ cluster_dir: dir, ...params }).map(([name, value]) =>
    nvpair(`${set}-${name}`, name, value),
  );
  return element("primitive", { id, class: "stonith", type: "fence_quorate_local" }, [
    element("instance_attributes", { id: set }, pairs),
  ]);
}

function logs(dir: string): string {
  return nodes
    .map((node) => {
      try {
        return readFileSync(join(dir, node, "quorated.log"), "utf8");
      } catch {
        return "";
      }
    })
    .join("\n");
}

describe("fencing with the agent's own list (pcmk_host_check) and pcmk_delay_base", () => {
  let dir = "";
  beforeAll(async () => {
    dir = temporaryClusterDir();
    await startLocalCluster(dir, { nodes: 3, awaitViewOn: nodes });
  }, 30_000);
  afterAll(async () => {
    await teardown(dir);
  });

  test("a device that cannot reach node3 is passed over; the agent's list names it", async () => {
    await editLiveCib(target(dir, "node1"), (cib) => {
      addResources(
        cib,
        fenceDevice(dir, "fence-node1-only", { pcmk_host_list: "node1" }),
        fenceDevice(dir, "fence-listed", { pcmk_delay_base: "1s" }),
      );
      setClusterProperty(cib, "stonith-enabled", "true");
    });
    const pid = pidOf(dir, "node3") ?? 0;
    const startedMs = performance.now();
    const fenced = crm(["node", "fence", "node3"], { CRM_CLUSTER: dir });
    expect(fenced.code, fenced.stderr).toBe(0);
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(1_000);
    await until("node3's quorated to die", () => (processGone(pid) ? true : undefined));
    const history = await fenceHistory(target(dir, "node1"), "node3");
    expect(history.at(-1)).toMatchObject({ state: "success", device: "fence-listed" });
    const log = logs(dir);
    expect(log).toContain("Requesting that fence-listed perform 'list'");
    expect(log).toMatch(/Delaying 'reboot' action targeting node3 using fence-listed for 1s/);
    expect(log).not.toContain("Requesting that fence-node1-only perform 'reboot'");
  }, 30_000);
});
