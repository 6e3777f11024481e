import { spawn } from "node:child_process";

/** What a Pacemaker tool printed and how it ended. */
export interface ToolRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ToolOptions {
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
  readonly stdin?: string;
}

/** Longest a Pacemaker tool may run before it is killed (cibadmin waits for the CIB manager). */
export const toolTimeoutMsDefault = 30_000;

/**
 * Runs one of Pacemaker's command-line tools without a shell. A tool that cannot be started
 * (not installed) ends with exit code 127 and the reason on stderr, as a shell would report it.
 */
export function runTool(
  program: string,
  args: readonly string[],
  options: ToolOptions,
): Promise<ToolRun> {
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      env: options.environment as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
      timeout: options.timeoutMs ?? toolTimeoutMsDefault,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) =>
      resolve({ exitCode: 127, stdout: "", stderr: `${program}: ${error.message}` }),
    );
    child.on("close", (code, signal) =>
      resolve({
        exitCode: code ?? (signal === null ? 1 : 128),
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr:
          Buffer.concat(stderr).toString("utf8") +
          (signal === null ? "" : `${program}: killed by ${signal}`),
      }),
    );
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.stdin ?? "");
  });
}
