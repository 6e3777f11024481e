// npm run bench [-- NAME... [ARGS...]]: the benchmarks under tests/bench, run with tsx.
//   npm run bench                      runs every bench, one after another
//   npm run bench -- --list            lists them, with what each measures
//   npm run bench -- scheduler         runs tests/bench/scheduler.bench.ts
//   npm run bench -- scheduler --sizes 16x500   passes everything from the first option on
// Each bench prints its own figures (they assert nothing); this script adds a header per
// bench, its wall time, and exits non-zero when one fails or a name is unknown.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const benchDir = join(root, "tests", "bench");
const suffix = ".bench.ts";

/** Every bench: its name (the file without .bench.ts) and the first line of its header. */
function benches() {
  return readdirSync(benchDir)
    .filter((file) => file.endsWith(suffix))
    .sort()
    .map((file) => ({ name: file.slice(0, -suffix.length), file, about: about(file) }));
}

/** The header's first sentence (its comment lines joined), at most about 110 characters. */
function about(file) {
  const words = [];
  for (const line of readFileSync(join(benchDir, file), "utf8").split("\n")) {
    const text = line.startsWith("//") ? line.slice(2).trim() : undefined;
    if (text === undefined || text === "" || /^(Run:|npx |\d+\.|-)/.test(text)) break;
    words.push(text);
  }
  const joined = words.join(" ");
  const end = joined.search(/\.(\s|$)/);
  const sentence = end < 0 ? joined : joined.slice(0, end);
  return sentence.length <= 110 ? sentence : `${sentence.slice(0, 109)}…`;
}

function list(all) {
  const width = Math.max(...all.map((bench) => bench.name.length));
  for (const bench of all) process.stdout.write(`${bench.name.padEnd(width)}  ${bench.about}\n`);
}

/** The known name closest to `word` (at most two edits or a prefix), for a hint. */
function closest(word, names) {
  const distance = (a, b) => {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      }
      previous = current;
    }
    return previous[b.length];
  };
  const ranked = names
    .map((name) => ({ name, score: name.startsWith(word) ? 0 : distance(word, name) }))
    .sort((a, b) => a.score - b.score);
  return ranked[0] !== undefined && ranked[0].score <= 2 ? ranked[0].name : undefined;
}

function run(bench, args) {
  process.stdout.write(`\n=== ${bench.name}: ${bench.about}\n`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", join(benchDir, bench.file), ...args],
    { cwd: root, stdio: "inherit" },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const failed = result.status !== 0;
  const how = result.signal ?? `exit ${result.status}`;
  process.stdout.write(
    `=== ${bench.name}: ${failed ? `FAILED (${how})` : "done"} in ${seconds} s\n`,
  );
  return !failed;
}

function main(argv) {
  const all = benches();
  if (argv.includes("--list") || argv.includes("-l")) {
    list(all);
    return 0;
  }
  const firstOption = argv.findIndex((word) => word.startsWith("-"));
  const names = firstOption < 0 ? argv : argv.slice(0, firstOption);
  const args = firstOption < 0 ? [] : argv.slice(firstOption);
  const byName = new Map(all.map((bench) => [bench.name, bench]));
  const unknown = names.filter((name) => !byName.has(name.replace(/\.bench\.ts$/, "")));
  if (unknown.length > 0) {
    for (const name of unknown) {
      const hint = closest(name, [...byName.keys()]);
      process.stderr.write(`Unknown bench "${name}"${hint ? ` (did you mean ${hint}?)` : ""}\n`);
    }
    process.stderr.write("The benches (npm run bench -- NAME):\n");
    list(all);
    return 2;
  }
  const chosen =
    names.length === 0 ? all : names.map((name) => byName.get(name.replace(/\.bench\.ts$/, "")));
  if (names.length === 0) {
    process.stdout.write(
      `Running all ${all.length} benches (npm run bench -- --list names them)\n`,
    );
  }
  const failed = chosen.filter((bench) => !run(bench, args)).map((bench) => bench.name);
  if (chosen.length > 1) {
    const summary = failed.length === 0 ? "all done" : `failed: ${failed.join(", ")}`;
    process.stdout.write(`\n${chosen.length} benches, ${summary}\n`);
  }
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
