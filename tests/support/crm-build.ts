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
const buildRecipe = "esbuild (else tsc), then scripts/post-build.mjs\n";

/** The TypeScript files of the source areas, in a stable order. */
function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const visit = (folder: string): void => {
    if (!existsSync(folder)) return;
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.tsx?$/.test(entry.name)) files.push(path);
    }
  };
  for (const area of sourceAreas) visit(join(root, area));
  return files;
}

/** A digest of the sources' paths, sizes and modification times: the build's cache key. */
function sourcesKey(root: string): string {
  const hash = createHash("sha256");
  hash.update(buildRecipe);
  for (const path of sourceFiles(root)) {
    const stat = statSync(path);
    hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * The compiled `crm` bin for e2e tests: the sources compiled (see compile()) and
 * scripts/post-build.mjs run, as `npm run build` does, into a folder under node_modules/.cache
 * (so node still finds the packages), shared by the test files and reused while the sources are
 * unchanged. Spawning `tsx shell/bin/crm.ts` instead costs ~0.5 s more per command.
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
  compile(root, building);
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

/**
 * Each source file to JavaScript in `out`, as tsc -p tsconfig.build.json lays it out. esbuild
 * (installed with tsx) transpiles file by file in well under a second, where tsc also
 * typechecks (~15 s of CPU); the configuration has isolatedModules and verbatimModuleSyntax, so
 * a file's output never depends on another's types. Without esbuild, tsc.
 */
function compile(root: string, out: string): void {
  const esbuild = join(root, "node_modules", ".bin", "esbuild");
  if (existsSync(esbuild)) {
    const files = sourceFiles(root).filter((path) => !path.endsWith(".d.ts"));
    const options = ["--format=esm", "--platform=node", "--target=node20", "--log-level=error"];
    const ran = spawnSync(esbuild, [...files, `--outdir=${out}`, `--outbase=${root}`, ...options], {
      cwd: root,
      stdio: "ignore",
    });
    if (ran.status === 0) return;
  }
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", out], {
    cwd: root,
    stdio: "ignore",
  });
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
