import { describe, expect, test } from "vitest";
import { formatIssue, parseScript } from "../../../grammar/index.js";
import { corpusDir, corpusFiles, corpusIndex, readCorpusFile } from "../../support/corpus.js";

/**
 * Conformance with crmsh 4.4 (shared corpus): every positive case parses without an issue;
 * every error case whose .err says stage=parse is rejected here. The other error cases
 * (stage object/schema) are rejected later, by backend/configure or the schema check.
 */
const dir = corpusDir("crmsh");

describe.runIf(dir !== undefined)("crmsh corpus", () => {
  const root = dir ?? "";
  const positives = corpusFiles(root, ".crm");

  test("parseScript() accepts every positive case with no issue", () => {
    const failures: string[] = [];
    for (const name of positives) {
      const text = readCorpusFile(root, `${name}.crm`);
      const result = parseScript(text);
      if (!result.ok || result.issues.length > 0) {
        failures.push(`${name}:\n${result.issues.map((found) => formatIssue(text, found)).join("\n")}`);
      }
    }
    const passed = positives.length - failures.length;
    console.log(`grammar corpus: ${passed}/${positives.length} positive cases parse cleanly`);
    expect(failures).toEqual([]);
    expect(positives.length).toBeGreaterThanOrEqual(50);
  });

  const errorRows = corpusIndex(`${root}/errors`);
  const parseStage = errorRows.filter((row) => row[3] === "parse").map((row) => row[0] ?? "");

  test.each(parseStage)("parseScript() rejects parse-stage error case %s", (name) => {
    const text = readCorpusFile(`${root}/errors`, `${name}.crm`);
    const result = parseScript(text);
    expect(result.ok).toBe(false);
    const error = result.issues.find((found) => found.severity !== "warning");
    expect(error?.span?.line).toBeGreaterThan(0);
  });

  test("the error index has parse-stage cases and later-stage ones", () => {
    const later = errorRows.filter((row) => row[3] !== "parse").map((row) => row[0]);
    expect(parseStage.length).toBeGreaterThanOrEqual(8);
    // Stage object/schema: dangling-reference, property-default-set-twice, acl-legacy-user,
    // node-type-normal (backend/configure and the schema); invalid-id we already reject here.
    expect(later).toContain("dangling-reference");
  });
});
