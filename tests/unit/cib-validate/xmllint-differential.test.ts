import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readXml, writeXml, type XmlElement } from "../../../backend/cib/index.js";
import { validateCibWrite } from "../../../daemons/cib/index.js";
import { corpusDir, corpusFiles } from "../../support/corpus.js";
import { hasTool } from "../../support/oracle.js";
import { mutate, mutations } from "./mutate.js";
import { xmllintAccepts } from "./xmllint.js";

/**
 * validateCibWrite() against `xmllint --relaxng pacemaker-3.9.rng` on the scheduler corpus
 * and on seeded mutations of it (one damage each: unknown or dropped attributes, bad numbers,
 * booleans and enumerations, unknown, duplicated, dropped, renamed, moved or swapped elements,
 * stray text, attributes borrowed from other elements). MUTATION_ROUNDS sets mutations per CIB.
 */
const corpus = corpusDir("scheduler");
const crmshCorpus = corpusDir("crmsh");
const oracle = hasTool("xmllint");
const rounds = Number(process.env["MUTATION_ROUNDS"] ?? "2");
const scratch = mkdtempSync(join(tmpdir(), "quorate-validate-"));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function corpusCibs(dir: string): { name: string; cib: XmlElement }[] {
  return corpusFiles(dir, ".xml").flatMap((name) => {
    const read = readXml(readFileSync(join(dir, `${name}.xml`), "utf8"));
    return read.ok ? [{ name, cib: read.value }] : [];
  });
}

describe.runIf(corpus !== undefined && oracle)("validateCibWrite() and xmllint agree", () => {
  const cibs = corpus === undefined ? [] : corpusCibs(corpus);

  test("every corpus CIB xmllint accepts, we accept", () => {
    const files = cibs.map(({ name }) => join(corpus ?? "", `${name}.xml`));
    const accepted = xmllintAccepts(files);
    const refused = cibs
      .filter(({ name }) => accepted.has(join(corpus ?? "", `${name}.xml`)))
      .filter(({ cib }) => !validateCibWrite(cib).ok)
      .map(({ name }) => name);
    console.log(
      `corpus: xmllint accepts ${accepted.size}/${cibs.length}; we refuse ${refused.length} of those`,
    );
    expect(accepted.size).toBeGreaterThan(300);
    expect(refused).toEqual([]);
  });

  test("mutated CIBs get the same verdict from both", () => {
    const cases: { file: string; ours: boolean; problems: string }[] = [];
    cibs.forEach(({ name, cib }, index) => {
      for (let round = 0; round < rounds; round++) {
        const kind = mutations[(index + round * 5) % mutations.length] ?? "drop_attribute";
        const mutated = mutate(cib, kind, index * 31 + round);
        if (mutated === undefined) continue;
        const file = join(scratch, `${name}.${round}.${kind}.xml`);
        writeFileSync(file, writeXml(mutated));
        const verdict = validateCibWrite(mutated);
        cases.push({
          file,
          ours: verdict.ok,
          problems: verdict.issues.map((found) => found.message).join(" | "),
        });
      }
    });
    const accepted = xmllintAccepts(cases.map((entry) => entry.file));
    const falseAccepts = cases.filter((entry) => entry.ours && !accepted.has(entry.file));
    const falseRejects = cases.filter((entry) => !entry.ours && accepted.has(entry.file));
    const rejected = cases.length - accepted.size;
    const agreement = (cases.length - falseAccepts.length - falseRejects.length) / cases.length;
    console.log(
      `mutations: ${cases.length}, xmllint rejects ${rejected}; we accept ${falseAccepts.length} of those` +
        ` and reject ${falseRejects.length} it accepts (agreement ${(agreement * 100).toFixed(2)}%)`,
    );
    expect(rejected).toBeGreaterThan(cases.length / 2);
    expect(falseAccepts.map((entry) => entry.file)).toEqual([]);
    expect(falseRejects.map((entry) => `${entry.file}: ${entry.problems}`)).toEqual([]);
  });
});

describe.runIf(crmshCorpus !== undefined && oracle)("crmsh 4.4's configurations", () => {
  test("every configuration crmsh wrote (in a CIB) gets xmllint's verdict from us", () => {
    const dir = crmshCorpus ?? "";
    const cases = corpusFiles(dir, ".xml").map((name) => {
      const text =
        `<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.9">` +
        `${readFileSync(join(dir, `${name}.xml`), "utf8")}<status/></cib>`;
      const file = join(scratch, `crmsh-${name}.xml`);
      writeFileSync(file, text);
      const read = readXml(text);
      const verdict = read.ok ? validateCibWrite(read.value) : read;
      return { file, ours: verdict.ok, problems: verdict.issues.map((found) => found.message) };
    });
    const accepted = xmllintAccepts(cases.map((entry) => entry.file));
    console.log(`crmsh corpus: ${cases.length} configurations, xmllint accepts ${accepted.size}`);
    const disagreements = cases.filter((entry) => entry.ours !== accepted.has(entry.file));
    expect(cases.length).toBeGreaterThan(40);
    expect(disagreements).toEqual([]);
  });
});
