// A real local cluster for e2e tests and benches: quorated processes on 127.0.0.1 started as
// `crm cluster local start` starts them, the real crm entry (compiled once a cluster was started
// here, else through tsx), and teardown that leaves no process behind. What a test waits for is
// in cluster-waits.ts; configuration edits on the live CIB in live-cib.ts.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  liveLocalNodes,
  nodeClientTarget,
  processAlive,
  stopLocalCluster,
} from "../../backend/client/index.js";
import type { ClientTarget } from "../../backend/client/index.js";
import { awaitView } from "./cluster-waits.js";
import { buildCrm } from "./crm-build.js";

const repository = new URL("../../", import.meta.url).pathname;
const tsx = import.meta.resolve("tsx");

/** What one run of crm gave back. */
export interface CrmRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The compiled build of the sources (tests/support/crm-build.ts) once startLocalCluster made
 * sure of it: crm and quorated then start as `npm run build` makes them, at about half the CPU
 * of running the TypeScript through tsx. Until then, tsx.
 */
let compiled: string | undefined;

/** How to start one of the sources' entries: `shell/bin/crm` or `daemons/main`. */
function entry(path: string): string[] {
  if (compiled !== undefined) return [join(compiled, `${path}.js`)];
  return ["--import", tsx, join(repository, `${path}.ts`)];
}

/**
 * Runs the real `crm` entry and returns its exit code and output; `input` is its standard input
 * (for `crm -f -`).
 */
export function crm(
  args: readonly string[],
  environment: Record<string, string> = {},
  input = "",
): CrmRun {
  const result = spawnSync(process.execPath, [...entry("shell/bin/crm"), ...args], {
    encoding: "utf8",
    env: { ...process.env, ...environment },
    input,
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `node1` … `nodeN`, as `crm cluster local start --nodes N` names them. */
export function nodeNames(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `node${index + 1}`);
}

/** Every quorated this helper started, so teardown can stop one that never wrote its pid file. */
const spawned = new Set<number>();

/** Starts one quorated directly (as `crm cluster local start` does), detached. */
export function startQuorated(dir: string, node: string, authkey = join(dir, "authkey")): void {
  const child = spawn(
    process.execPath,
    [
      ...entry("daemons/main"),
      ...["--config", join(dir, "corosync.conf"), "--authkey", authkey],
      ...["--node", node, "--state-dir", join(dir, node), "--allow-fault-injection"],
    ],
    { detached: true, stdio: "ignore" },
  );
  child.unref();
  if (child.pid !== undefined) spawned.add(child.pid);
}

export interface LocalClusterOptions {
  readonly nodes: number;
  /** totem.token in ms (`--token`); quorated's default when absent. */
  readonly token?: number;
  /** `--allow-fault-injection`: the nodes accept cut-link requests. */
  readonly faultInjection?: boolean;
  /** Nodes that must report the whole membership before this returns (none when absent). */
  readonly awaitViewOn?: readonly string[];
  readonly viewTimeoutMs?: number;
}

/**
 * `crm cluster local start --nodes N --dir DIR` on free ports. Throws (failing the hook that
 * called it) when crm fails, with crm's error output; returns crm's run for tests that read it.
 */
export async function startLocalCluster(
  dir: string,
  options: LocalClusterOptions,
): Promise<CrmRun> {
  compiled ??= dirname(dirname(dirname((await buildCrm()).bin)));
  const port = await freeBasePort(options.nodes);
  const args = ["cluster", "local", "start", "--nodes", String(options.nodes), "--dir", dir];
  args.push("--base-port", String(port));
  if (options.token !== undefined) args.push("--token", String(options.token));
  if (options.faultInjection === true) args.push("--allow-fault-injection");
  const started = crm(args);
  if (started.code !== 0) {
    throw new Error(`crm ${args.join(" ")} exited ${started.code}:\n${started.stderr}`);
  }
  const members = nodeNames(options.nodes);
  for (const node of options.awaitViewOn ?? []) {
    await awaitView(dir, node, members, options.viewTimeoutMs);
  }
  return started;
}

/**
 * A 3-node local cluster at token=1000 (node1 in the whole view), configured by `crm -f -` with
 * `script`'s lines on the live cluster. Throws with crm's error output when a line fails.
 */
export async function startConfiguredCluster(
  dir: string,
  script: readonly string[],
): Promise<void> {
  await startLocalCluster(dir, { nodes: 3, token: 1000, awaitViewOn: ["node1"] });
  const configured = crm(["-f", "-"], { CRM_CLUSTER: dir }, script.join("\n"));
  if (configured.code !== 0) {
    throw new Error(`crm -f - exited ${configured.code}:\n${configured.stderr}`);
  }
}

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A base port with `count` consecutive ports free on both loopback links. */
export async function freeBasePort(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const ports = Array.from({ length: count }, (_, index) => base + index);
    const checks = await Promise.all(
      ports.flatMap((port) => [portFree("127.0.0.1", port), portFree("127.0.0.2", port)]),
    );
    if (checks.every(Boolean)) return base;
  }
  throw new Error("No free port range");
}

export function temporaryClusterDir(): string {
  return mkdtempSync(join(tmpdir(), "quorate-e2e-"));
}

/** True when `pid` is still a quorated of this folder (not a reused pid). */
function isQuoratedOf(pid: number, dir: string): boolean {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return /daemons\/main\.[jt]s/.test(command) && command.includes(dir);
  } catch {
    return false;
  }
}

/** Stops every quorated of the folder (SIGTERM, then SIGKILL) and removes it. */
export async function teardown(dir: string): Promise<void> {
  const nodes = liveLocalNodes(dir);
  await stopLocalCluster(dir, { timeoutMs: 5000 });
  for (const node of nodes) if (processAlive(node.pid)) process.kill(node.pid, "SIGKILL");
  for (const pid of spawned) if (isQuoratedOf(pid, dir)) process.kill(pid, "SIGKILL");
  for (const pid of spawned) if (!processAlive(pid)) spawned.delete(pid);
  rmSync(dir, { recursive: true, force: true });
}

/** The pid in `node`'s quorated.pid, if it has one. */
export function pidOf(dir: string, node: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, node, "quorated.pid"), "utf8"));
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Sends `signal` to `node`'s quorated and returns its pid. */
export function killNode(dir: string, node: string, signal: NodeJS.Signals = "SIGKILL"): number {
  const pid = pidOf(dir, node);
  if (pid === undefined) throw new Error(`${node} has no quorated.pid in ${dir}`);
  process.kill(pid, signal);
  return pid;
}

/**
 * kill -9 of `node`'s quorated, and its pid file removed as a reboot would (so nothing takes the
 * dead pid for a live node, and a later start writes its own). Returns the pid.
 */
export function crashNode(dir: string, node: string): number {
  const pid = killNode(dir, node, "SIGKILL");
  rmSync(join(dir, node, "quorated.pid"), { force: true });
  return pid;
}

/** A killed process may linger as a zombie until reaped: count that as gone. */
export function processGone(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return true;
  }
}

/** The client channel of `node` (its address and token); throws when it has none yet. */
export function clientTarget(dir: string, node: string): ClientTarget {
  const found = nodeClientTarget(join(dir, node));
  if (found === undefined) throw new Error(`${node} has no client channel`);
  return found;
}

export { activeOn, awaitView, clusterModel, placement, statusOf, until } from "./cluster-waits.js";
export type { ClusterModel, Placement, UntilOptions } from "./cluster-waits.js";
