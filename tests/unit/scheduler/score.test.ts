import { describe, expect, test } from "vitest";
import { INFINITY, compareNatural, formatScore } from "../../../daemons/scheduler/index.js";
import { addScores, parseDurationMs, parseScore, scaleScore } from "../../../daemons/scheduler/score.js";
import { formatIsoDate, parseIsoDate } from "../../../daemons/scheduler/dates.js";

describe("scores", () => {
  test.each([
    [100, 200, 300],
    [INFINITY, 5, INFINITY],
    [INFINITY, -INFINITY, -INFINITY],
    [-INFINITY, INFINITY, -INFINITY],
    [999_999, 10, INFINITY],
  ])("addScores(%i, %i) saturates to %i", (a, b, expected) => {
    expect(addScores(a, b)).toBe(expected);
  });

  test("parseScore() reads INFINITY spellings, colours and integers", () => {
    expect(["INFINITY", "+INFINITY", "-INFINITY", "red", "42", "-7"].map((text) => parseScore(text))).toEqual([
      INFINITY, INFINITY, -INFINITY, 0, 42, -7,
    ]);
    expect(formatScore(-INFINITY)).toBe("-INFINITY");
  });

  test("scaleScore() rounds colocation factors but keeps non-zero products non-zero", () => {
    expect(scaleScore(200, 500 / INFINITY)).toBe(1);
    expect(scaleScore(-200, 0.5)).toBe(-100);
    expect(scaleScore(0, 0.5)).toBe(0);
  });

  test("parseDurationMs() reads seconds, units and ISO durations", () => {
    expect(["10", "10s", "1min", "500ms", "PT1M", "P1DT1H"].map((text) => parseDurationMs(text))).toEqual([
      10000, 10000, 60000, 500, 60000, 90000000,
    ]);
  });

  test("compareNatural() orders node names numerically and case-insensitively", () => {
    expect(["node10", "Node2", "node1"].sort(compareNatural)).toEqual(["node1", "Node2", "node10"]);
  });
});

describe("dates", () => {
  test("parseIsoDate() and formatIsoDate() round-trip UTC instants", () => {
    const seconds = parseIsoDate("2019-09-20 15:10:52Z");
    expect(seconds).toBe(1568992252);
    expect(formatIsoDate(seconds ?? 0)).toBe("2019-09-20 15:10:52Z");
    expect(parseIsoDate("2006-04-24T02:00:00+02:00")).toBe(parseIsoDate("2006-04-24 00:00:00Z"));
    expect(parseIsoDate("not a date")).toBeUndefined();
  });
});
