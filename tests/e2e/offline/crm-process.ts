import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

const sourceAreas = ["shell", "grammar", "backend", "daemons", "completions"];
/** Changes when the build steps change, so an older cached build is not reused. */
const buildRecipe = "tsc, then scripts/post-build.mjs\n";

/** A digest of the sources' paths, sizes and modification times: the build's cache key. */
function sourcesKey(root: string): string {
  const hash = createHash("sha256");
  const visit = (folder: string): void => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.tsx?$/.test(entry.name)) {
        const stat = statSync(path);
        hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
      }
    }
  };
  hash.update(buildRecipe);
  for (const area of sourceAreas) visit(join(root, area));
  return hash.digest("hex").slice(0, 16);
}

/**
 * The compiled `crm` bin for e2e tests: `tsc -p tsconfig.build.json` and scripts/post-build.mjs
 * (as `npm run build`) into a folder under node_modules/.cache (so node still finds the
 * packages), shared by the test files and reused while the sources are unchanged. A build takes
 * ~5 s on a quiet machine; spawning `tsx shell/bin/crm.ts` instead costs ~0.5 s per command, so
 * the build wins from ~10 commands.
 */
export async function buildCrm(): Promise<{ readonly bin: string; readonly cleanup: () => void }> {
  const root = process.cwd();
  const cache = join(root, "node_modules", ".cache");
  const target = join(cache, `quorate-e2e-${sourcesKey(root)}`);
  const bin = join(target, "shell", "bin", "crm.js");
  const complete = join(target, "complete");
  const lock = `${target}.lock`;
  let owner = false;
  try {
    mkdirSync(lock);
    owner = true;
  } catch {
    // Another test file is building the same sources: wait for its marker below.
  }
  if (owner && !existsSync(complete)) build(root, cache, target);
  for (let waited = 0; !existsSync(complete) && waited < buildWaitMs; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (owner) rmSync(lock, { recursive: true, force: true });
  return { bin, cleanup: () => undefined };
}

const buildWaitMs = 180_000;
const staleBuildMs = 60 * 60_000;

function build(root: string, cache: string, target: string): void {
  const building = mkdtempSync(join(cache, "quorate-e2e-building-"));
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", building], {
    cwd: root,
    stdio: "ignore",
  });
  // As `npm run build`: the compiled grammar loads Chevrotain's single-file build (~0.3 s less
  // CPU for every command that parses).
  spawnSync(process.execPath, [join(root, "scripts", "post-build.mjs"), building], {
    cwd: root,
    stdio: "ignore",
  });
  writeFileSync(join(building, "complete"), "");
  rmSync(target, { recursive: true, force: true });
  renameSync(building, target);
  // Builds of older sources, once no run can still be using them (another checkout or a run
  // started before the sources changed may share this cache).
  const stale = Date.now() - staleBuildMs;
  for (const entry of readdirSync(cache)) {
    const path = join(cache, entry);
    if (/^quorate-e2e-[0-9a-f]{16}$/.test(entry) && path !== target) {
      if (statSync(path).mtimeMs < stale) rmSync(path, { recursive: true, force: true });
    }
  }
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
  options: {
    readonly environment?: Record<string, string>;
    readonly input?: string;
    readonly cwd?: string;
  } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { PATH: process.env["PATH"] ?? "", ...options.environment },
      stdio: ["pipe", "pipe", "pipe"],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
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
