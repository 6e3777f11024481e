import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  clusterModel,
  nodeNames,
  placement,
  startConfiguredCluster,
  teardown,
  temporaryClusterDir,
  until,
} from "../../support/local-cluster.js";

const nodes = nodeNames(3);

/** The raw fail-count nvpairs left in the status section (expired or not). */
async function failCountsHeld(dir: string): Promise<number> {
  const model = await clusterModel(dir, nodes);
  return (model?.nodes ?? []).filter((node) =>
    [...node.attributes.keys()].some((name) => name.startsWith("fail-count-dummy")),
  ).length;
}

describe("failure-timeout on quorated", () => {
  const dir = temporaryClusterDir();

  beforeAll(async () => {
    await startConfiguredCluster(dir, [
      "configure property stonith-enabled=false",
      "configure primitive dummy ocf:quorate:Dummy op monitor interval=1s meta migration-threshold=1 failure-timeout=2s",
      "configure location prefer-node2 dummy 100: node2",
    ]);
  }, 60_000);

  afterAll(async () => {
    await teardown(dir);
  }, 30_000);

  test("a failure moves the resource away; at its expiry (recheck-by, not a 15 min recheck) it returns and the DC clears the fail count", async () => {
    await until("dummy on node2", async () =>
      (await placement(dir, "dummy", nodes))?.active.join() === "node2" ? true : undefined,
    );
    rmSync(join(dir, "node2", "agents", "rsctmp", "Dummy-dummy.state"));
    const failedAt = Date.now();
    await until("dummy to move away after the monitor failure", async () => {
      const found = await placement(dir, "dummy", nodes);
      return found?.active.length === 1 && found.active[0] !== "node2" ? true : undefined;
    });
    await until(
      "dummy back on node2 once the failure expired",
      async () =>
        (await placement(dir, "dummy", nodes))?.active.join() === "node2" ? true : undefined,
      { timeoutMs: 20_000 },
    );
    const backAfterMs = Date.now() - failedAt;
    expect(backAfterMs).toBeGreaterThan(2_000);
    expect(backAfterMs).toBeLessThan(15_000);
    await until("the expired fail count to be cleared", async () =>
      (await failCountsHeld(dir)) === 0 ? true : undefined,
    );
  }, 60_000);
});
