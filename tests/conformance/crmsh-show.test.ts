import { describe, expect, test } from "vitest";
import { readXml } from "../../backend/cib/index.js";
import { showConfiguration } from "../../backend/configure/index.js";
import { corpusDir, corpusFiles, readCorpusFile } from "../support/corpus.js";

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
