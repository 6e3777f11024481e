// A quorated node inside the test's own process (as daemons/main starts one), for tests that
// read its parts directly: the node's config and authkey are in `dir`, its state in dir/NAME.
import { join } from "node:path";
import { loadNodeSetup, parseNodeOptions, startNode } from "../../daemons/node/index.js";
import type { RunningNode } from "../../daemons/node/index.js";

/** Starts node `name` of the cluster configured in `dir` (corosync.conf, authkey), quietly. */
export async function startInProcessNode(dir: string, name: string): Promise<RunningNode> {
  const options = parseNodeOptions([
    ...["--config", join(dir, "corosync.conf"), "--authkey", join(dir, "authkey")],
    ...["--node", name, "--state-dir", join(dir, name)],
  ]);
  if (!options.ok) throw new Error(options.issues[0]?.message);
  const setup = loadNodeSetup(options.value);
  if (!setup.ok) throw new Error(setup.issues[0]?.message);
  return startNode(setup.value, { write: () => undefined });
}
