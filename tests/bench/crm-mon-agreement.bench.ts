// Agreement of our crm_mon with the installed Pacemaker crm_mon (2.1.5) on every CIB of the
// shared corpora: the scheduler inputs as they are, and each crmsh case's configuration inside
// an empty CIB (no status: every node offline, every resource stopped). Prints, per corpus and
// flag set, how many files give byte-identical output once "Last updated" is masked.
// Run: npx tsx tests/bench/crm-mon-agreement.bench.ts
//   CRM_MON_DIFF_DIR=DIR writes ours and theirs for each disagreement into DIR;
//   CRM_MON_FLAGS=xml measures only the flag sets whose text contains it.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emptyCib, readXml, writeXml } from "../../backend/cib/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { runCrmMon } from "../../shell/monitor/index.js";
import { corpusDir, corpusFiles } from "../support/corpus.js";
import { hasTool } from "../support/oracle.js";

const flagSets: readonly (readonly string[])[] = [
  ["-1"],
  ["-1", "-r"],
  ["-1", "-r", "-f", "-A"],
  ["-1", "-o", "-t"],
  ["-1", "-n", "-r"],
  ["-1", "-r", "-f", "-A", "-n", "-o", "-t"],
  ["-1", "--output-as=xml"],
];

function mask(text: string): string {
  return text
    .replace(/^( {2}\* Last updated:).*$/m, "$1 <masked>")
    .replace(/<last_update time="[^"]*"\/>/, '<last_update time="<masked>"/>');
}

function theirs(file: string, flags: readonly string[]): string | undefined {
  const run = spawnSync("crm_mon", flags, {
    encoding: "utf8",
    env: { ...process.env, CIB_file: file },
  });
  return run.status === 0 ? mask(run.stdout) : undefined;
}

function ours(file: string, flags: readonly string[]): string {
  const outcome = runCrmMon(flags, {
    cibFile: file,
    readFile: (path) => ({ ok: true, value: readFileSync(path, "utf8") }),
    wallClock: () => Math.floor(Date.now() / 1000),
  });
  return mask(outcome.stdout);
}

/** A crmsh case's `<configuration>` placed in `cibadmin --empty`'s CIB, written to a file. */
function crmshCib(source: string, target: string): boolean {
  const configuration = readXml(readFileSync(source, "utf8"));
  if (!configuration.ok) return false;
  const cib = emptyCib();
  const children = cib.children.map((child) =>
    child.kind === "element" && child.name === "configuration" ? configuration.value : child,
  );
  const whole: XmlElement = { ...cib, children };
  writeFileSync(target, writeXml(whole));
  return true;
}

function corpusCases(scratch: string): Map<string, string[]> {
  const cases = new Map<string, string[]>();
  const scheduler = corpusDir("scheduler");
  if (scheduler !== undefined) {
    const files = corpusFiles(scheduler, ".xml").map((name) => join(scheduler, `${name}.xml`));
    cases.set("scheduler", files);
  }
  const crmsh = corpusDir("crmsh");
  if (crmsh !== undefined) {
    const files: string[] = [];
    for (const name of corpusFiles(crmsh, ".xml")) {
      const target = join(scratch, `${name}.xml`);
      if (crmshCib(join(crmsh, `${name}.xml`), target)) files.push(target);
    }
    cases.set("crmsh", files);
  }
  return cases;
}

function measure(corpus: string, files: readonly string[], diffDir: string | undefined): void {
  const only = process.env["CRM_MON_FLAGS"] ?? "";
  for (const flags of flagSets.filter((set) => set.join(" ").includes(only))) {
    let compared = 0;
    let agreed = 0;
    const started = performance.now();
    for (const file of files) {
      const expected = theirs(file, flags);
      if (expected === undefined) continue;
      compared += 1;
      const actual = ours(file, flags);
      if (actual === expected) agreed += 1;
      else if (diffDir !== undefined) {
        const base = join(diffDir, `${corpus}${flags.join("")}`.replace(/[^\w.-]/g, "_"));
        mkdirSync(base, { recursive: true });
        const name = file.slice(file.lastIndexOf("/") + 1, -".xml".length);
        writeFileSync(join(base, `${name}.ours`), actual);
        writeFileSync(join(base, `${name}.theirs`), expected);
      }
    }
    const rate = ((100 * agreed) / Math.max(1, compared)).toFixed(1);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${corpus.padEnd(9)} crm_mon ${flags.join(" ").padEnd(34)} ${agreed}/${compared} (${rate}%) ${seconds} s`,
    );
  }
}

if (hasTool("crm_mon")) {
  const scratch = mkdtempSync(join(tmpdir(), "crm-mon-agreement-"));
  try {
    const diffDir = process.env["CRM_MON_DIFF_DIR"];
    for (const [corpus, files] of corpusCases(scratch)) measure(corpus, files, diffDir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
