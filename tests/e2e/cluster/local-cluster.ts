import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  fetchQuorumStatus,
  liveLocalNodes,
  nodeClientTarget,
  processAlive,
  stopLocalCluster,
} from "../../../backend/client/index.js";
import type { QuorumStatus } from "../../../backend/protocol/index.js";

const repository = new URL("../../../", import.meta.url).pathname;
const tsx = import.meta.resolve("tsx");

/** Runs the real `crm` entry (TypeScript through tsx) and returns its exit code and output. */
export function crm(
  args: readonly string[],
  environment: Record<string, string> = {},
): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ["--import", tsx, join(repository, "shell/bin/crm.ts"), ...args],
    {
      encoding: "utf8",
      env: { ...process.env, ...environment },
      timeout: 60_000,
    },
  );
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Starts one quorated directly (as `crm cluster local start` does), detached. */
export function startQuorated(dir: string, node: string, authkey = join(dir, "authkey")): void {
  const child = spawn(
    process.execPath,
    [
      "--import",
      tsx,
      join(repository, "daemons/main.ts"),
      "--config",
      join(dir, "corosync.conf"),
      "--authkey",
      authkey,
      "--node",
      node,
      "--state-dir",
      join(dir, node),
      "--allow-fault-injection",
    ],
    { detached: true, stdio: "ignore" },
  );
  child.unref();
  if (child.pid !== undefined) spawned.add(child.pid);
}

/** True when `pid` is still a quorated of this folder (not a reused pid). */
function isQuoratedOf(pid: number, dir: string): boolean {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return command.includes("daemons/main.ts") && command.includes(dir);
  } catch {
    return false;
  }
}

/** Every quorated this helper started, so teardown can stop one that never wrote its pid file. */
const spawned = new Set<number>();

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

/** Stops every quorated of the folder (SIGTERM, then SIGKILL) and removes it. */
export async function teardown(dir: string): Promise<void> {
  const nodes = liveLocalNodes(dir);
  await stopLocalCluster(dir, { timeoutMs: 5000 });
  for (const node of nodes) if (processAlive(node.pid)) process.kill(node.pid, "SIGKILL");
  for (const pid of spawned) if (isQuoratedOf(pid, dir)) process.kill(pid, "SIGKILL");
  for (const pid of spawned) if (!processAlive(pid)) spawned.delete(pid);
  rmSync(dir, { recursive: true, force: true });
}

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
    if (
      last !== undefined &&
      last.members
        .map((member) => member.name)
        .sort()
        .join(" ") === expected
    )
      return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seen = last?.members.map((member) => member.name).join(" ") ?? "no status";
  throw new Error(
    `${node} did not install the view {${expected}} within ${timeoutMs} ms (last: {${seen}})`,
  );
}
