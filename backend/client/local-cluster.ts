import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Files a quorated keeps in its state folder (daemons/node writes them). */
export const nodeStateFiles = {
  pid: "quorated.pid",
  clientPort: "client.port",
  clientToken: "client.token",
} as const;

export interface LocalNode {
  readonly name: string;
  readonly stateDir: string;
  readonly pid: number;
}

function readNumber(path: string): number | undefined {
  try {
    const value = Number(readFileSync(path, "utf8").trim());
    return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Nodes of a local cluster folder (`DIR/<node>/quorated.pid`) whose process is running. */
export function liveLocalNodes(dir: string): LocalNode[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ name: entry.name, stateDir: join(dir, entry.name) }))
    .flatMap((node) => {
      const pid = readNumber(join(node.stateDir, nodeStateFiles.pid));
      return pid !== undefined && processAlive(pid) ? [{ ...node, pid }] : [];
    })
    .sort((left, right) => left.name.localeCompare(right.name));
}

/** The client channel of a node's state folder: its port and token, once it has written them. */
export function nodeClientTarget(
  stateDir: string,
): { readonly url: string; readonly token: string } | undefined {
  const port = readNumber(join(stateDir, nodeStateFiles.clientPort));
  if (port === undefined) return undefined;
  try {
    const token = readFileSync(join(stateDir, nodeStateFiles.clientToken), "utf8").trim();
    return { url: `ws://127.0.0.1:${port}/`, token };
  } catch {
    return undefined;
  }
}

/** Resolves when `condition` holds, checking every `intervalMs` (for processes this one did not start). */
export async function pollUntil(
  condition: () => boolean,
  options: { readonly timeoutMs: number; readonly intervalMs?: number },
): Promise<boolean> {
  const deadline = performance.now() + options.timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
  return true;
}

/** SIGTERM to every live node of the folder, then waits; SIGKILL for any still running after the timeout. */
export async function stopLocalCluster(
  dir: string,
  options: { readonly timeoutMs?: number } = {},
): Promise<readonly LocalNode[]> {
  const nodes = liveLocalNodes(dir);
  for (const node of nodes) process.kill(node.pid, "SIGTERM");
  const stopped = await pollUntil(() => nodes.every((node) => !processAlive(node.pid)), {
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  if (!stopped) {
    for (const node of nodes) if (processAlive(node.pid)) process.kill(node.pid, "SIGKILL");
  }
  return nodes;
}
