// schedule() alone (pure: no process start-up, no output), on generated CIBs.
//
//   npx tsx tests/bench/schedule.bench.ts [--sizes 16x500,32x2000] [--states steady,fresh]
//
// CIBs come from ../shared/reference/gen-big-cib.js at run time. Prints wall seconds for
// reading the XML and for schedule(), and the Transition Summary / graph sizes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readXml } from "../../backend/cib/index.js";
import { schedule } from "../../daemons/scheduler/index.js";
import { repoRoot } from "../support/source-files.js";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

function generate(dir: string, nodes: number, prims: number, state: string): string {
  const file = join(dir, `${state}-${nodes}x${prims}.xml`);
  const generator = join(repoRoot, "..", "shared", "reference", "gen-big-cib.js");
  const args = [generator, "--nodes", String(nodes), "--prims", String(prims), "--state", state, "--out", file];
  const made = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`gen-big-cib.js failed: ${made.stderr}`);
  return file;
}

function main(): void {
  const sizes = option("--sizes", "16x500,32x2000").split(",").map((size) => size.split("x").map(Number));
  const states = option("--states", "steady,fresh").split(",");
  const dir = mkdtempSync(join(tmpdir(), "quorate-schedule-bench-"));
  console.log(`${"size".padEnd(10)}${"state".padEnd(8)}${"read".padEnd(10)}${"schedule".padEnd(11)}summary  actions`);
  try {
    for (const state of states) {
      for (const [nodes = 0, prims = 0] of sizes) {
        const text = readFileSync(generate(dir, nodes, prims, state), "utf8");
        const started = performance.now();
        const xml = readXml(text);
        const read = performance.now();
        if (!xml.ok) throw new Error(xml.issues[0]?.message);
        const result = schedule(xml.value, { now: "2026-01-01T00:00:00Z" });
        const done = performance.now();
        const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`.padEnd(10);
        console.log(
          `${`${nodes}x${prims}`.padEnd(10)}${state.padEnd(8)}${seconds(read - started)}${seconds(done - read)} ` +
            `${String(result.summary.length).padEnd(9)}${result.graph.actions.length}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
