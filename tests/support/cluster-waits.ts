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
