// crm_simulate speed and memory, quorate against Pacemaker, on generated CIBs.
//
//   npx tsx tests/bench/scheduler.bench.ts [--sizes 16x500,32x500,16x2000] [--states steady,fresh]
//                                          [--mode -S|-R] [--limit SECONDS]
//
// CIBs come from ../shared/reference/gen-big-cib.js at run time (temp dir). Each command runs
// under /usr/bin/time (wall seconds, peak RSS) with a time limit; Pacemaker's crm_simulate is
// measured when installed. Prints one table row per (size, state).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../support/source-files.js";

interface Options {
  readonly sizes: readonly [number, number][];
  readonly states: readonly string[];
  readonly mode: string;
  readonly limitSeconds: number;
}

function readOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: string): string => {
    const index = argv.indexOf(name);
    return index >= 0 ? (argv[index + 1] ?? fallback) : fallback;
  };
  const sizes = value("--sizes", "16x500,32x500,16x2000")
    .split(",")
    .map((size) => size.split("x").map(Number) as [number, number]);
  return {
    sizes,
    states: value("--states", "steady,fresh").split(","),
    mode: value("--mode", "-S"),
    limitSeconds: Number(value("--limit", "120")),
  };
}

interface Measure {
  readonly seconds: number | undefined;
  readonly peakMb: number | undefined;
  readonly note: string;
}

/** Runs a command under /usr/bin/time with a time limit; output goes to /dev/null. */
function measure(command: readonly string[], limitSeconds: number): Measure {
  const timeBin = existsSync("/usr/bin/time") ? ["/usr/bin/time", "-f", "TIME %e %M"] : [];
  const [program = "", ...args] = [...timeBin, ...command];
  const started = process.hrtime.bigint();
  const run = spawnSync(program, args, {
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
    timeout: limitSeconds * 1000,
    killSignal: "SIGKILL",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.error !== undefined && (run.error as NodeJS.ErrnoException).code === "ETIMEDOUT") {
    return { seconds: undefined, peakMb: undefined, note: `> ${limitSeconds} s (stopped)` };
  }
  const match = /TIME ([\d.]+) (\d+)/.exec(run.stderr ?? "");
  const status = run.status === 0 ? "" : `exit ${run.status ?? run.signal ?? "?"}`;
  return {
    seconds: match === null ? wall : Number(match[1]),
    peakMb: match === null ? undefined : Number(match[2]) / 1024,
    note: status,
  };
}

function cell(result: Measure | undefined): string {
  if (result === undefined) return "not installed".padEnd(24);
  if (result.seconds === undefined) return result.note.padEnd(24);
  const memory = result.peakMb === undefined ? "" : ` ${result.peakMb.toFixed(0)} MB`;
  const text = `${result.seconds.toFixed(2)} s${memory}${result.note === "" ? "" : ` ${result.note}`}`;
  return text.padEnd(24);
}

function generate(dir: string, nodes: number, prims: number, state: string): string {
  const file = join(dir, `${state}-${nodes}x${prims}.xml`);
  const generator = join(repoRoot, "..", "shared", "reference", "gen-big-cib.js");
  const made = spawnSync(
    process.execPath,
    [
      generator,
      "--nodes",
      String(nodes),
      "--prims",
      String(prims),
      "--state",
      state,
      "--out",
      file,
    ],
    {
      encoding: "utf8",
    },
  );
  if (made.status !== 0) throw new Error(`gen-big-cib.js failed: ${made.stderr}`);
  return file;
}

function main(): void {
  const options = readOptions(process.argv.slice(2));
  const quorate = join(repoRoot, "dist", "shell", "bin", "crm-simulate.js");
  if (!existsSync(quorate)) throw new Error(`${quorate} is missing: run npm run build first`);
  const pacemaker = spawnSync("sh", ["-c", "command -v crm_simulate"]).status === 0;
  const dir = mkdtempSync(join(tmpdir(), "quorate-bench-"));
  console.log(`crm_simulate -x FILE ${options.mode}, time limit ${options.limitSeconds} s per run`);
  console.log(
    `${"size".padEnd(10)}${"state".padEnd(8)}${"CIB".padEnd(9)}${"quorate".padEnd(24)}Pacemaker 2.1`,
  );
  try {
    for (const state of options.states) {
      for (const [nodes, prims] of options.sizes) {
        const file = generate(dir, nodes, prims, state);
        const size = `${(statSync(file).size / 1e6).toFixed(1)} MB`;
        const ours = measure(
          [process.execPath, quorate, "-x", file, options.mode],
          options.limitSeconds,
        );
        const theirs = pacemaker
          ? measure(["crm_simulate", "-x", file, options.mode], options.limitSeconds)
          : undefined;
        console.log(
          `${`${nodes}x${prims}`.padEnd(10)}${state.padEnd(8)}${size.padEnd(9)}${cell(ours)}${cell(theirs)}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
