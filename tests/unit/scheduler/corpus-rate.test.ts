import { describe, expect, test } from "vitest";
import { schedule } from "../../../daemons/scheduler/index.js";
import { corpusDir, corpusIndex, readCorpusFile } from "../../support/corpus.js";

/**
 * Engineer-side conformance floor over Pacemaker's 397 regression cases (the official
 * conformance runner lives with crm_simulate): Transition Summary lines compared as multisets
 * with whitespace removed, score lines as sorted lists. Fails when the rates drop.
 */
const dir = corpusDir("scheduler");
const squeeze = (line: string): string => line.replace(/\s+/g, "").replace(/ocf::/g, "ocf:");

function expectedSummary(text: string): string[] {
  const lines = text.split("\n");
  const start = lines.indexOf("Transition Summary:");
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith("Executing Cluster Transition:") || line.startsWith("Revised Cluster Status:")) break;
    if (line.trim() !== "") block.push(squeeze(line));
  }
  return block.sort();
}

describe.skipIf(dir === undefined)("schedule() on the scheduler corpus", () => {
  test("schedule() reproduces at least 97% of summaries and 94% of score files", () => {
    let summaries = 0;
    let scores = 0;
    const rows = corpusIndex(dir ?? "");
    for (const [name = ""] of rows) {
      const result = schedule(readCorpusFile(dir ?? "", `${name}.xml`), { now: "2021-01-01T12:00:00Z" });
      const got = result.summary.map(squeeze).sort();
      if (JSON.stringify(got) === JSON.stringify(expectedSummary(readCorpusFile(dir ?? "", `${name}.summary`)))) summaries++;
      const expectedScores = readCorpusFile(dir ?? "", `${name}.scores`).split("\n").filter((line) => line.trim() !== "").map(squeeze).sort();
      if (JSON.stringify(result.scores.map(squeeze).sort()) === JSON.stringify(expectedScores)) scores++;
    }
    expect(summaries / rows.length).toBeGreaterThanOrEqual(0.97);
    expect(scores / rows.length).toBeGreaterThanOrEqual(0.94);
  }, 60_000);
});
