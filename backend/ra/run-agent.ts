import { spawn } from "node:child_process";

export interface RunOptions {
  /** The whole environment of the child (nothing is inherited). */
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /** Output past this many bytes (stdout and stderr each) ends the run. */
  readonly outputBytesMax?: number;
}

export type ProgramRun =
  | {
      readonly kind: "exited";
      readonly exitCode: number;
      readonly stdout: string;
      readonly stderr: string;
    }
  | { readonly kind: "killed"; readonly signal: string; readonly stderr: string }
  | { readonly kind: "timed_out"; readonly timeoutMs: number }
  | { readonly kind: "output_too_large"; readonly outputBytesMax: number }
  | { readonly kind: "spawn_failed"; readonly message: string };

export const runTimeoutMsDefault = 10_000;
export const runOutputBytesMaxDefault = 1024 * 1024;

/**
 * Runs a program in its own process group, as Pacemaker runs agents: on timeout or too much
 * output the whole group gets SIGKILL (agents may trap SIGTERM). Never rejects.
 */
export function runProgram(
  program: string,
  args: readonly string[],
  options: RunOptions,
): Promise<ProgramRun> {
  const timeoutMs = options.timeoutMs ?? runTimeoutMsDefault;
  const outputBytesMax = options.outputBytesMax ?? runOutputBytesMaxDefault;
  return new Promise((resolve) => {
    let settled: ProgramRun | undefined;
    const child = spawn(program, args, {
      env: { ...options.environment },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stop = (outcome: ProgramRun): void => {
      settled ??= outcome;
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // The group is already gone.
        }
      }
    };
    const stdout = collect(() => stop({ kind: "output_too_large", outputBytesMax }));
    const stderr = collect(() => stop({ kind: "output_too_large", outputBytesMax }));
    child.stdout.on("data", (chunk: Buffer) => stdout.add(chunk, outputBytesMax));
    child.stderr.on("data", (chunk: Buffer) => stderr.add(chunk, outputBytesMax));
    const timer = setTimeout(() => stop({ kind: "timed_out", timeoutMs }), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve(settled ?? { kind: "spawn_failed", message: error.message });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (settled !== undefined) return resolve(settled);
      if (code === null) {
        return resolve({ kind: "killed", signal: signal ?? "unknown", stderr: stderr.text() });
      }
      resolve({ kind: "exited", exitCode: code, stdout: stdout.text(), stderr: stderr.text() });
    });
  });
}

function collect(onOverflow: () => void): {
  add(chunk: Buffer, limit: number): void;
  text(): string;
} {
  const chunks: Buffer[] = [];
  let bytes = 0;
  return {
    add(chunk, limit) {
      bytes += chunk.length;
      if (bytes > limit) onOverflow();
      else chunks.push(chunk);
    },
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}
