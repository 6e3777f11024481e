import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseScript, print, type Statement } from "../../../grammar/index.js";
import { corpusDir, corpusFiles, readCorpusFile } from "../../support/corpus.js";
import { repoRoot } from "../../support/source-files.js";

/** print() is canonical: parsing its text gives the same AST back (spans aside). */
function withoutSpans(statements: readonly Statement[]): unknown {
  return JSON.parse(JSON.stringify(statements, (key, value: unknown) =>
    key === "span" ? undefined : value)) as unknown;
}

function roundTrip(text: string): { before: unknown; after: unknown; printed: string } {
  const first = parseScript(text);
  const statements = first.ok ? first.value : (first.partial ?? []);
  const printed = print(statements);
  const second = parseScript(printed);
  expect(second.issues).toEqual([]);
  return {
    before: withoutSpans(statements),
    after: withoutSpans(second.ok ? second.value : []),
    printed,
  };
}

function transcriptInputs(): string[] {
  const dir = join(repoRoot, "tests", "transcripts", "grammar");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".txt") && file !== "errors.txt")
    .flatMap((file) =>
      readFileSync(join(dir, file), "utf8")
        .split(/\n(?=parse\n)/)
        .map((chunk) => chunk.replace(/^parse\n/, "").split("\n----\n")[0] ?? ""),
    );
}

describe("print()", () => {
  const dir = corpusDir("crmsh");
  test.runIf(dir !== undefined).each(dir === undefined ? [] : corpusFiles(dir, ".crm"))(
    "round-trips corpus case %s",
    (name) => {
      const { before, after } = roundTrip(readCorpusFile(dir ?? "", `${name}.crm`));
      expect(after).toEqual(before);
    },
  );

  test.each(transcriptInputs().map((input, index) => [index + 1, input] as const))(
    "round-trips transcript input %i",
    (_index, input) => {
      const { before, after } = roundTrip(input);
      expect(after).toEqual(before);
    },
  );

  test("prints canonical one-line statements with quoting only where needed", () => {
    const parsed = parseScript(
      "# web\nprimitive vip IPaddr2 \\\n\tparams ip=10.0.0.1 label=\"a b\" \\\n\top monitor interval=10s",
    );
    expect(parsed.ok && print(parsed.value)).toBe(
      '# web\nprimitive vip IPaddr2 params ip=10.0.0.1 label="a b" op monitor interval=10s',
    );
  });
});
