import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readXml } from "../../backend/cib/index.js";
import { showConfiguration, showXml } from "../../backend/configure/index.js";
import { corpusDir, corpusFiles, readCorpusFile } from "../support/corpus.js";
import { hasTool } from "../support/oracle.js";

const dir = corpusDir("crmsh");
const names = dir === undefined ? [] : corpusFiles(dir, ".show");

/** Prints one corpus case's NAME.xml (a <configuration>, wrapped in a <cib>) as crmsh would. */
function printCase(name: string): string {
  const xml = readCorpusFile(dir as string, `${name}.xml`);
  const wrapped = `<cib validate-with="pacemaker-3.9">${xml}<status/></cib>`;
  const read = readXml(wrapped);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  const shown = showConfiguration(read.value);
  if (!shown.ok) throw new Error(shown.issues[0]?.message);
  return shown.value;
}

describe.skipIf(dir === undefined)("crmsh configure show conformance", () => {
  test("showConfiguration() prints every corpus case byte for byte as crmsh 4.4", () => {
    const failed: string[] = [];
    for (const name of names) {
      const expected = readCorpusFile(dir as string, `${name}.show`);
      if (printCase(name) !== expected) failed.push(name);
    }
    console.log(`crmsh show conformance: ${names.length - failed.length}/${names.length}`);
    expect(failed).toEqual([]);
  });

  test.each(names)("case %s", (name) => {
    expect(printCase(name)).toBe(readCorpusFile(dir as string, `${name}.show`));
  });
});

const schedulerDir = corpusDir("scheduler");
const haveCrm = schedulerDir !== undefined && hasTool("crm");

/** What the installed crmsh prints for a CIB file (`CIB_file=… crm -D plain configure show`). */
function crmShow(file: string, xml: boolean): string {
  const args = ["-D", "plain", "configure", "show", ...(xml ? ["xml"] : [])];
  const run = spawnSync("crm", args, { encoding: "utf8", env: { ...process.env, CIB_file: file } });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe.skipIf(!haveCrm)("configure show against the installed crmsh on Pacemaker's CIBs", () => {
  test.each([
    ["bug-5143-ms-shuffle", false],
    ["bug-5140-require-all-false", true],
  ])("%s (show xml: %s)", (name, xml) => {
    const file = join(schedulerDir as string, `${name}.xml`);
    const read = readXml(readFileSync(file, "utf8"));
    if (!read.ok) throw new Error(read.issues[0]?.message);
    const shown = xml ? showXml(read.value) : showConfiguration(read.value);
    expect(shown.ok && shown.value).toBe(crmShow(file, xml));
  });
});
