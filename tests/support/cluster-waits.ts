// What e2e tests wait for on a real local cluster: a probe to answer, a membership view, and
// the CIB as crm_mon reads it (the scheduler's unpack of a live node's CIB).
import { join } from "node:path";
import { readXml } from "../../backend/cib/index.js";
import { fetchQuorumStatus, nodeClientTarget, queryCib } from "../../backend/client/index.js";
import type { QuorumStatus } from "../../backend/protocol/index.js";
import { schedule } from "../../daemons/scheduler/index.js";

export interface UntilOptions {
  /** 20 s unless told. */
  readonly timeoutMs?: number;
  /** Between probes; 100 ms unless told. */
  readonly intervalMs?: number;
}

/**
 * Probes until it answers something other than undefined, and returns that. Throws "Timed out
 * waiting for WHAT" after the timeout (the probe's last answer was still undefined).
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  options: UntilOptions = {},
): Promise<T> {
  const deadline = performance.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

/** What `node`'s client channel says of membership and quorum; undefined while it cannot. */
export async function statusOf(dir: string, node: string): Promise<QuorumStatus | undefined> {
  const target = nodeClientTarget(join(dir, node));
  if (target === undefined) return undefined;
  try {
    return await fetchQuorumStatus(target);
  } catch {
    return undefined;
  }
}

/** Waits until `node` reports a view whose member names are exactly `members`. */
export async function awaitView(
  dir: string,
  node: string,
  members: readonly string[],
  timeoutMs = 20_000,
): Promise<QuorumStatus> {
  let last: QuorumStatus | undefined;
  const expected = [...members].sort().join(" ");
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    last = await statusOf(dir, node);
    const names = last?.members.map((member) => member.name);
    if (last !== undefined && names?.sort().join(" ") === expected) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seen = last?.members.map((member) => member.name).join(" ") ?? "no status";
  throw new Error(
    `${node} did not install the view {${expected}} within ${timeoutMs} ms (last: {${seen}})`,
  );
}

/** The scheduler's model of a cluster: resources by id, with where each is active. */
export type ClusterModel = NonNullable<ReturnType<typeof schedule>["model"]>;

/**
 * The cluster as crm_mon reads it: the CIB of the first of `nodes` (but `skip`) that answers a
 * query, unpacked by the scheduler. Undefined when none answers with a CIB it can read.
 */
export async function clusterModel(
  dir: string,
  nodes: readonly string[],
  skip?: string,
): Promise<ClusterModel | undefined> {
  for (const node of nodes) {
    const target = node === skip ? undefined : nodeClientTarget(join(dir, node));
    if (target === undefined) continue;
    try {
      const parsed = readXml((await queryCib(target)).xml);
      const model = parsed.ok ? schedule(parsed.value).model : undefined;
      if (model !== undefined) return model;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** Where a primitive is active (sorted) and its fail counts over all nodes, as crm_mon reads it. */
export interface Placement {
  readonly active: string[];
  readonly failures: number;
}

/**
 * Where the cluster (the CIB of the first of `nodes` that answers) has primitive `resource`
 * active, and its fail counts; undefined while no node answers. A resource not configured (or
 * not a primitive) is active nowhere.
 */
export async function placement(
  dir: string,
  resource: string,
  nodes: readonly string[],
): Promise<Placement | undefined> {
  const model = await clusterModel(dir, nodes);
  if (model === undefined) return undefined;
  const primitive = model.resourceById.get(resource);
  if (primitive?.kind !== "primitive") return { active: [], failures: 0 };
  const failures = [...primitive.failCounts.values()].reduce((sum, count) => sum + count, 0);
  return { active: [...primitive.activeOn.keys()].sort(), failures };
}

/** Waits until `resource` is active on exactly one node, one `accept` takes; returns it. */
export async function activeOn(
  dir: string,
  nodes: readonly string[],
  resource: string,
  accept: (node: string) => boolean,
): Promise<string> {
  return until(`${resource} to be active on one accepted node`, async () => {
    const found = await placement(dir, resource, nodes);
    const node = found?.active.length === 1 ? found.active[0] : undefined;
    return node !== undefined && accept(node) ? node : undefined;
  });
}
