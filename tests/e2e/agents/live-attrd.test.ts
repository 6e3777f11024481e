import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { nodeClientTarget, queryCib } from "../../../backend/client/index.js";
import type { ExecutorAction } from "../../../daemons/executor/index.js";
import { createExecutor } from "../../../daemons/executor/index.js";
import { startLocalCluster, teardown, temporaryClusterDir } from "../../support/local-cluster.js";

const dir = temporaryClusterDir();

beforeAll(async () => {
  await startLocalCluster(dir, { nodes: 1, awaitViewOn: ["node1"] });
}, 40_000);

afterAll(async () => {
  await teardown(dir);
});

function stateful(action: string): ExecutorAction {
  return {
    resource: "st",
    agent: { class: "ocf", provider: "quorate", type: "Stateful" },
    action,
    intervalMs: 0,
    timeoutMs: 20_000,
    params: {},
    meta: {},
  };
}

/** The master-st nvpair of node1's transient attributes, as the CIB holds it. */
async function promotionScore(): Promise<string | undefined> {
  const target = nodeClientTarget(join(dir, "node1"));
  if (target === undefined) return undefined;
  const status = await queryCib(target, "/cib/status");
  return /name="master-st" value="(\d+)"/.exec(status.xml)?.[1];
}

async function until(expected: string | undefined): Promise<string | undefined> {
  const deadline = performance.now() + 10_000;
  let seen = await promotionScore();
  while (seen !== expected && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await promotionScore();
  }
  return seen;
}

describe("the executor's agents and a real quorated's attribute manager", () => {
  test("Stateful's promotion scores reach the CIB through the bundled crm_attribute", async () => {
    const executor = createExecutor({ node: "node1", stateDir: join(dir, "node1") });
    expect((await executor.run(stateful("start"))).rc).toBe(0);
    expect(await until("5")).toBe("5");
    expect((await executor.run(stateful("promote"))).rc).toBe(0);
    expect(await until("10")).toBe("10");
    expect((await executor.run(stateful("stop"))).rc).toBe(0);
    expect(await until(undefined)).toBeUndefined();
    await executor.stopAll();
  }, 40_000);
});
