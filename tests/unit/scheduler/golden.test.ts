import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { formatExecution, schedule } from "../../../daemons/scheduler/index.js";
import { repoRoot } from "../../support/source-files.js";

/**
 * Our own scheduler cases: small hand-written CIBs under tests/golden/scheduler/<case>/ whose
 * summary.txt was produced by Pacemaker 2.1.5's crm_simulate (the oracle) and reviewed.
 * Lines compare with whitespace collapsed (column padding is history-dependent upstream).
 * A case may add transition.txt: the oracle's "Executing Cluster Transition" lines, compared
 * with the graph's actions as a multiset (the order of one graph pass is not significant).
 */
const goldenDir = join(repoRoot, "tests", "golden", "scheduler");
const cases = readdirSync(goldenDir).sort();
const normalize = (line: string): string => line.trim().replace(/\s+/g, " ");
/**
 * Pseudo actions print their node only in some Pacemaker paths, and anonymous clone instances
 * print without their instance number; compare both without them.
 */
const graphLine = (line: string): string =>
  normalize(line)
    .replace(/^(\* Pseudo action: \S+) on \S+$/, "$1")
    .replace(/^(\* Resource action: [^\s:]+):\d+ /, "$1 ");
const nonEmpty = (text: string): string[] => text.split("\n").filter((line) => line.trim() !== "");

describe("schedule() golden cases", () => {
  test.each(cases)("schedule() produces the Transition Summary of %s", (name) => {
    const cib = readFileSync(join(goldenDir, name, "cib.xml"), "utf8");
    const expected = readFileSync(join(goldenDir, name, "summary.txt"), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map(normalize);
    const result = schedule(cib, { now: "2026-01-01T00:00:00Z" });
    expect(result.issues.filter((issue) => issue.severity !== "warning")).toEqual([]);
    expect(result.summary.map(normalize).sort()).toEqual([...expected].sort());
    const transitionFile = join(goldenDir, name, "transition.txt");
    if (existsSync(transitionFile)) {
      const transition = nonEmpty(readFileSync(transitionFile, "utf8")).map(graphLine).sort();
      expect(formatExecution(result.graph).map(graphLine).sort()).toEqual(transition);
    }
  });
});
