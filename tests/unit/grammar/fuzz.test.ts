import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { formatIssue, parseLine, parseScript, print, type Statement } from "../../../grammar/index.js";
import { corpusDir, corpusFiles, readCorpusFile } from "../../support/corpus.js";

/**
 * Parsing never throws on user input: random token soups and mutated corpus lines.
 * 10k runs in the suite; FUZZ_RUNS=100000 for a soak.
 */
const runs = Number(process.env["FUZZ_RUNS"] ?? "10000");

const words = [
  "primitive", "node", "group", "clone", "ms", "master", "location", "colocation", "order",
  "rsc_ticket", "property", "rsc_defaults", "op_defaults", "fencing_topology", "tag", "role",
  "acl_target", "acl_group", "user", "alert", "xml", "bundle", "monitor", "rsc_template",
  "params", "meta", "utilization", "attributes", "op", "op_params", "op_meta", "operations",
  "rule", "and", "or", "defined", "not_defined", "date", "lt", "gt", "eq", "in_range", "spec",
  "to", "select", "network", "storage", "port-mapping", "docker", "read", "write", "deny",
  "a", "b", "vip", "Dummy", "ocf:heartbeat:IPaddr2", "@tmpl", "$id=x", "$id-ref=y",
  "$role=Started", "$s:n=v", "inf:", "-inf:", "100:", "Mandatory:", "pingd:", "a:Promoted",
  "b:start", "(", ")", "[", "]", "{", "}", "x=1", "name=", "=", ":", "\\", "\"", "'", "#uname",
  "number:gt", "param{site}", "description=\"a b\"", "f1,f2", "attr:rack=r1", "pattern:n.*",
  "xpath:/cib", "meta:a:b", "role:ro", "<primitive/>", "é", "\t", "\n", "#", "",
];

const statementText = fc
  .array(fc.constantFrom(...words), { maxLength: 14 })
  .map((parts) => parts.join(" "));

function corpusLines(): string[] {
  const dir = corpusDir("crmsh");
  if (dir === undefined) return ["primitive vip IPaddr2 params ip=10.0.0.1"];
  return corpusFiles(dir, ".crm").flatMap((name) =>
    readCorpusFile(dir, `${name}.crm`).split("\n").filter((line) => line.trim() !== ""),
  );
}

function mutate(line: string, at: number, insert: string, remove: number): string {
  const position = line.length === 0 ? 0 : at % (line.length + 1);
  return line.slice(0, position) + insert + line.slice(position + remove);
}

function withoutSpans(statements: readonly Statement[]): string {
  return JSON.stringify(statements, (key, value: unknown) => (key === "span" ? undefined : value));
}

/** Never throws; ok means no errors; an accepted script prints to text that parses back. */
function checkResult(text: string): void {
  const script = parseScript(text);
  if (script.ok) {
    expect(script.issues.every((found) => found.severity === "warning")).toBe(true);
    const again = parseScript(print(script.value));
    expect(again.ok && withoutSpans(again.value)).toBe(withoutSpans(script.value));
  } else expect(script.issues.length).toBeGreaterThan(0);
  for (const found of script.issues) expect(typeof formatIssue(text, found)).toBe("string");
  parseLine(text);
}

describe("grammar fuzz", () => {
  test(`parseScript() never throws on ${runs / 10} arbitrary strings`, () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 120 }), (text) => {
        checkResult(text);
      }),
      { numRuns: runs / 10, seed: 3 },
    );
  });

  test(`parseScript() never throws on ${runs / 2} random token sequences`, () => {
    fc.assert(
      fc.property(fc.array(statementText, { maxLength: 4 }), (statements) => {
        checkResult(statements.join("\n"));
      }),
      { numRuns: runs / 2, seed: 42 },
    );
  });

  test(`parseScript() never throws on ${runs / 2} mutated corpus lines`, () => {
    const lines = corpusLines();
    fc.assert(
      fc.property(
        fc.constantFrom(...lines),
        fc.nat(),
        fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 4 })),
        fc.nat({ max: 6 }),
        (line, at, insert, remove) => {
          checkResult(mutate(line, at, insert, remove));
        },
      ),
      { numRuns: runs / 2, seed: 7 },
    );
  });
});
