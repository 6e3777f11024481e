import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type {
  AgentSearch,
  Executor,
  ExecutorAction,
  ExecutorOptions,
} from "../../../daemons/executor/index.js";
import { createExecutor, defaultAgentSearch } from "../../../daemons/executor/index.js";

/** A test OCF agent: custom actions to dump the environment, exit with a code, hang, flood. */
const probeAgent = `#!/bin/sh
case "$1" in
  dump-env) env > "$OCF_RESKEY_envfile"; exit 0 ;;
  node-name) crm_node -n; exit $? ;;
  exit-with) echo "ocf-exit-reason:asked for $OCF_RESKEY_code" >&2; exit "$OCF_RESKEY_code" ;;
  hang)
    trap '' TERM
    sh -c 'trap "" TERM; echo $$ > "$OCF_RESKEY_childpid"; exec sleep 30' &
    sleep 30 ;;
  flood)
    yes "line of output" | head -c 300000
    yes "line of errors" | head -c 300000 >&2
    echo "ocf-exit-reason:flooded" >&2
    exit 0 ;;
  *) exit 3 ;;
esac
`;

/** A tiny LSB init script whose answers come from a file: `<action> <code>` lines. */
const lsbScript = `#!/bin/sh
### BEGIN INIT INFO
# Provides: answers
# Short-Description: answers from a file
### END INIT INFO
code=$(sed -n "s/^$1 //p" "$(dirname "$0")/../answers" | head -n 1)
exit "\${code:-0}"
`;

export interface Fixture {
  readonly folder: string;
  readonly search: AgentSearch;
  readonly answersFile: string;
  executor(node: string, options?: Partial<ExecutorOptions>): Executor;
  close(): Promise<void>;
}

function writeScript(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

/** A temp folder with a test OCF root and LSB folder searched before the real ones. */
export function makeFixture(): Fixture {
  const folder = mkdtempSync(join(tmpdir(), "quorate-executor-"));
  const testRoot = join(folder, "ocf");
  writeScript(join(testRoot, "resource.d", "test", "Probe"), probeAgent);
  writeScript(join(folder, "init.d", "answers"), lsbScript);
  const answersFile = join(folder, "answers");
  writeFileSync(answersFile, "");
  const system = defaultAgentSearch();
  const search: AgentSearch = {
    ...system,
    directories: {
      ...system.directories,
      ocfRoots: [testRoot, ...system.directories.ocfRoots],
      lsbDirectory: join(folder, "init.d"),
    },
  };
  const executors: Executor[] = [];
  return {
    folder,
    search,
    answersFile,
    executor(node, options = {}) {
      const stateDir = join(folder, node);
      const executor = createExecutor({ node, stateDir, search, ...options });
      executors.push(executor);
      return executor;
    },
    async close() {
      await Promise.all(executors.map((executor) => executor.stopAll()));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export function ocfAction(
  resource: string,
  type: string,
  action: string,
  extra: Partial<ExecutorAction> = {},
): ExecutorAction {
  const [provider = "quorate", name = type] = type.includes(":")
    ? type.split(":")
    : ["quorate", type];
  return {
    resource,
    agent: { class: "ocf", provider, type: name },
    action,
    intervalMs: 0,
    timeoutMs: 10_000,
    params: {},
    meta: {},
    ...extra,
  };
}

/** Whether a process is gone (or a zombie waiting for PID 1 to reap it). */
export function processGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, "utf8");
    const state = /\) (\w)/.exec(stat)?.[1];
    return state === "Z" || state === "X";
  } catch {
    return true;
  }
}

/** Polls `condition` (for processes this test did not start) until it holds or time runs out. */
export async function eventually(condition: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
