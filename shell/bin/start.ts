#!/usr/bin/env node
// npm start: starts (or reuses) a local 3-node quorated cluster under .cluster/ and opens the
// interactive crm shell on it (CRM_CLUSTER=.cluster), printing how to stop the cluster.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { liveLocalNodes, stopLocalCluster } from "../../backend/client/index.js";
import { exitQuietlyOnClosedPipe } from "../closed-pipe.js";
import { parseArguments } from "../arguments.js";
import { startLocalCluster } from "../commands/cluster.js";
import { main } from "../main.js";

exitQuietlyOnClosedPipe();

const nodeCount = 3;
/** Base ports tried in turn: corosync's default first, then ranges less likely to be taken. */
const basePorts = [5405, 15405, 25405, 35405, 45405];

function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Starts the cluster on the first free port range; the reason it could not, otherwise. */
async function startCluster(dir: string): Promise<string | undefined> {
  let problem: string | undefined;
  for (const basePort of basePorts) {
    const plan = {
      nodes: nodeCount,
      dir,
      basePort,
      tokenMs: undefined,
      allowFaultInjection: false,
    };
    problem = await startLocalCluster(plan, process.env);
    if (problem === undefined) {
      say(
        `Started ${nodeCount} quorated nodes in ${dir} (ports ${basePort}-${basePort + nodeCount - 1})`,
      );
      return undefined;
    }
    if (!problem.startsWith("Port ")) return problem;
  }
  return problem;
}

/** Reuses a running cluster; restarts one that is partly down; starts one otherwise. */
async function ensureCluster(dir: string): Promise<string | undefined> {
  const running = liveLocalNodes(dir);
  if (running.length === nodeCount) {
    say(
      `Using the local cluster already running in ${dir} (${running.map((node) => node.name).join(", ")})`,
    );
    return undefined;
  }
  if (running.length > 0) {
    say(`Only ${running.length} of ${nodeCount} nodes run in ${dir}: restarting the cluster`);
    await stopLocalCluster(dir);
  }
  return startCluster(dir);
}

async function start(): Promise<number> {
  const dir = resolve(".cluster");
  const fresh = !existsSync(join(dir, "node1", "cib.xml"));
  const problem = await ensureCluster(dir);
  if (problem !== undefined) {
    say(`ERROR: Cannot start the local cluster: ${problem}`);
    return 1;
  }
  say(`Stop it with: npx crm cluster local stop --dir .cluster   (state stays in .cluster/)`);
  const parsed = parseArguments(process.argv.slice(2));
  if ("code" in parsed) return 2;
  const environment = { ...process.env, CRM_CLUSTER: dir };
  if (fresh) {
    // A new cluster has no fencing device yet: let resources run until one is configured.
    const words = ["configure", "property", "stonith-enabled=false"];
    const seeded = await main({ ...parsed, words }, { environment, stdinIsTerminal: false });
    if (seeded === 0)
      say(
        "New cluster: set stonith-enabled=false (configure a fencing device, then set it to true)",
      );
  }
  return main(parsed, { environment, stdinIsTerminal: process.stdin.isTTY });
}

start().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`npm start: ${String(error)}\n`);
    process.exitCode = 70;
  },
);
