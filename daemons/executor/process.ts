import { spawn } from "node:child_process";
import type { ProcessOutcome, Signal } from "./core-types.js";
import { ocfRc } from "./exit-codes.js";
import type { Invocation } from "./invocation.js";

/** An agent process the host started. */
export interface AgentProcess {
  readonly pid: number | undefined;
  /** Signals the whole process group; a group that is gone is ignored. */
  signal(signal: Signal): void;
}

/** After the agent exits, how long its pipes may still deliver output (children may hold them). */
const pipeDrainMs = 100;

/** Keeps the first `limit` bytes (stdout: meta-data and lists come first). */
function headCollector(limit: number): { add(chunk: Buffer): void; text(): string } {
  const chunks: Buffer[] = [];
  let bytes = 0;
  return {
    add(chunk) {
      if (bytes >= limit) return;
      const kept = chunk.subarray(0, limit - bytes);
      chunks.push(kept);
      bytes += kept.length;
    },
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}

/** Keeps the last `limit` bytes (stderr: the exit reason comes last). */
function tailCollector(limit: number): { add(chunk: Buffer): void; text(): string } {
  let kept = Buffer.alloc(0);
  return {
    add(chunk) {
      kept = Buffer.concat([kept, chunk]);
      if (kept.length > limit) kept = kept.subarray(kept.length - limit);
    },
    text: () => kept.toString("utf8"),
  };
}

function spawnFailure(error: NodeJS.ErrnoException): ProcessOutcome {
  const reason = `Cannot run the agent: ${error.message}`;
  if (error.code === "ENOENT") {
    return { kind: "not_run", rc: ocfRc.notInstalled, status: "not_installed", reason };
  }
  const rc = error.code === "EACCES" ? ocfRc.insufficientPrivilege : ocfRc.genericError;
  return { kind: "not_run", rc, status: "error", reason };
}

/**
 * Starts an agent in its own process group and session (as Pacemaker's setpgid), with only the
 * given environment, its stdin fed and closed, stdout and stderr bounded. `onEnd` is called
 * once, when the agent has exited (not when every child has closed its pipes).
 */
export function startAgentProcess(
  invocation: Invocation,
  options: { readonly outputBytesMax: number },
  onEnd: (outcome: ProcessOutcome) => void,
): AgentProcess {
  const half = Math.max(1, Math.floor(options.outputBytesMax / 2));
  const stdout = headCollector(half);
  const stderr = tailCollector(half);
  let ended = false;
  const end = (outcome: ProcessOutcome): void => {
    if (ended) return;
    ended = true;
    onEnd(outcome);
  };
  const child = spawn(invocation.program, [...invocation.args], {
    env: { ...invocation.environment },
    detached: true,
    stdio: [invocation.stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => stdout.add(chunk));
  child.stderr?.on("data", (chunk: Buffer) => stderr.add(chunk));
  if (child.stdin !== null) {
    child.stdin.on("error", () => undefined); // an agent that does not read its stdin
    child.stdin.end(invocation.stdin);
  }
  child.on("error", (error) => end(spawnFailure(error)));
  child.on("exit", (code, signal) => {
    const finish = (): void => {
      clearTimeout(drain);
      child.stdout?.destroy();
      child.stderr?.destroy();
      const texts = { output: stdout.text(), errorOutput: stderr.text() };
      if (code === null) end({ kind: "signaled", signal: signal ?? "unknown", ...texts });
      else end({ kind: "exited", exitCode: code, ...texts });
    };
    const drain = setTimeout(finish, pipeDrainMs);
    child.once("close", finish);
  });
  return {
    pid: child.pid,
    signal(name) {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, name);
      } catch {
        // The group is gone already.
      }
    },
  };
}
