// A 3-node local cluster started by the built crm, and the live crm_mon on it in tmux, as a
// person starts them: what the live crm_mon tests begin with.
import { dirname, join } from "node:path";
import { freeBasePort } from "../cluster/local-cluster.js";
import { runBin } from "../offline/crm-process.js";
import { TmuxSession } from "./tmux.js";

export interface LiveMonitor {
  /** The environment crm and crm_mon run with (CRM_CLUSTER is the cluster's folder). */
  readonly environment: Record<string, string>;
  /** The built crm_mon entry. */
  readonly monitor: string;
  readonly session: TmuxSession;
}

/**
 * `crm cluster local start --nodes 3` into `dir` with the built `bin`, then crm_mon in tmux,
 * once it shows every node online. Throws with crm's error output when the start fails.
 */
export async function startLiveMonitor(
  bin: string,
  dir: string,
  timeoutMs = 30_000,
): Promise<LiveMonitor> {
  const environment = { PATH: process.env["PATH"] ?? "", CRM_CLUSTER: dir, LANG: "C.UTF-8" };
  const port = String(await freeBasePort(3));
  const started = await runBin(
    bin,
    ["cluster", "local", "start", "--nodes", "3", "--dir", dir, "--base-port", port],
    { environment },
  );
  if (started.code !== 0) throw new Error(`crm cluster local start failed:\n${started.stderr}`);
  const monitor = join(dirname(bin), "crm-mon.js");
  const session = TmuxSession.start([process.execPath, monitor], {
    ...environment,
    TERM: "xterm-256color",
  });
  await session.waitFor("Online: [ node1 node2 node3 ]", timeoutMs);
  return { environment, monitor, session };
}
