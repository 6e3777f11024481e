import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * The compiled `crm` bin for e2e tests: `tsc -p tsconfig.build.json` into a private folder
 * under node_modules/.cache (so node still finds the packages), once per test file. About
 * 5 s; spawning `tsx shell/bin/crm.ts` instead costs ~0.5 s per command.
 */
export function buildCrm(): { readonly bin: string; readonly cleanup: () => void } {
  const root = process.cwd();
  const cache = join(root, "node_modules", ".cache");
  const outDir = mkdtempSync(join(cache, "quorate-e2e-"));
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", outDir], {
    cwd: root,
    stdio: "ignore",
  });
  return {
    bin: join(outDir, "shell", "bin", "crm.js"),
    cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the bin with arguments, an environment and optional standard input. */
export function runBin(
  bin: string,
  args: readonly string[],
  options: { readonly environment?: Record<string, string>; readonly input?: string } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env["PATH"] ?? "", ...options.environment },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
