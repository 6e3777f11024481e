// crm_mon -1 against the installed Pacemaker crm_mon on the scheduler corpus CIBs: the text
// (and XML) output must agree line for line once "Last updated" (the wall clock) is masked.
// Prints the agreement rate per flag set; skipped without crm_mon or the corpus.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCrmMon } from "../../../shell/monitor/index.js";
import { corpusDir, corpusFiles } from "../../support/corpus.js";
import { hasTool } from "../../support/oracle.js";

const corpus = corpusDir("scheduler");
const available = corpus !== undefined && hasTool("crm_mon");
const limit = Number(process.env["CRM_MON_CASES"] ?? "120");
const flagSets = [
  ["-1"],
  ["-1", "-r", "-f", "-A"],
  ["-1", "-o", "-t"],
  ["-1", "-n", "-r"],
  ["-1", "--output-as=xml"],
];
/** The agreement each flag set must keep (measured: 116/120, 111/120, 106/120, 110/120, 70/120). */
const floors: Readonly<Record<string, number>> = {
  "-1": 0.92,
  "-1 -r -f -A": 0.88,
  "-1 -o -t": 0.85,
  "-1 -n -r": 0.88,
  "-1 --output-as=xml": 0.55,
};

function mask(text: string): string {
  return text
    .replace(/^( {2}\* Last updated:).*$/m, "$1 <masked>")
    .replace(/<last_update time="[^"]*"\/>/, '<last_update time="<masked>"/>');
}

function oracle(file: string, flags: readonly string[]): string | undefined {
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

const names = corpus === undefined ? [] : corpusFiles(corpus, ".xml");
const step = Math.max(1, Math.floor(names.length / limit));
const sample = names.filter((_, index) => index % step === 0).slice(0, limit);

describe.skipIf(!available)("crm_mon -1 agrees with Pacemaker's crm_mon", () => {
  const agreed = new Map<string, number>();
  const compared = new Map<string, number>();
  const differing: string[] = [];
  afterAll(() => {
    for (const flags of flagSets) {
      const key = flags.join(" ");
      console.log(`crm_mon ${key}: ${agreed.get(key) ?? 0}/${compared.get(key) ?? 0} agree`);
    }
    if (process.env["CRM_MON_SHOW"] !== undefined) console.log(differing.join("\n"));
  });

  it.each(flagSets)("flags %s on the corpus sample", (...flags) => {
    const key = flags.join(" ");
    for (const name of sample) {
      const file = join(corpus ?? "", `${name}.xml`);
      const expected = oracle(file, flags);
      if (expected === undefined) continue;
      compared.set(key, (compared.get(key) ?? 0) + 1);
      const actual = ours(file, flags);
      if (actual === expected) agreed.set(key, (agreed.get(key) ?? 0) + 1);
      else differing.push(`${key} ${name}`);
    }
    const rate = (agreed.get(key) ?? 0) / Math.max(1, compared.get(key) ?? 0);
    expect(compared.get(key) ?? 0).toBeGreaterThan(0);
    expect(rate).toBeGreaterThanOrEqual(floors[key] ?? 1);
  });
});
