import { describe, expect, test } from "vitest";
import { parseArguments } from "../../../shell/arguments.js";
import { joinWords, splitWords } from "../../../shell/words.js";

describe("splitWords()", () => {
  test.each([
    ["configure show", ["configure", "show"]],
    [
      `primitive d1 Dummy params a="x y" b='1 2'`,
      ["primitive", "d1", "Dummy", "params", "a=x y", "b=1 2"],
    ],
    [String.raw`say a\ b "c\"d"`, ["say", "a b", 'c"d']],
    ["  spaced   out  ", ["spaced", "out"]],
    ["delete a \\\n  b", ["delete", "a", "b"]],
  ])("splits %j", (line, expected) => {
    expect(splitWords(line)?.map((word) => word.text)).toEqual(expected);
  });

  test("keeps where each word starts and rejects an open quote", () => {
    expect(splitWords("ab  'c d'")?.map((word) => word.start)).toEqual([0, 4]);
    expect(splitWords('primitive "d1')).toBeUndefined();
  });

  test("joinWords() quotes what splitWords() would split, keeping name= outside", () => {
    const words = ["primitive", "d1", "Dummy", "params", "a=x y", 'q"'];
    const line = joinWords(words);
    expect(line).toBe('primitive d1 Dummy params a="x y" "q\\""');
    expect(splitWords(line)?.map((word) => word.text)).toEqual(words);
  });
});

describe("parseArguments()", () => {
  test("reads options before the first word and keeps the rest as words", () => {
    const parsed = parseArguments(["-F", "-D", "plain", "-w", "configure", "delete", "-f", "x"]);
    expect(parsed).toMatchObject({ force: true, wait: true, display: "plain" });
    expect("words" in parsed && parsed.words).toEqual(["configure", "delete", "-f", "x"]);
  });

  test("ignores unknown options as crmsh does, takes -c SHADOW, refuses a missing value", () => {
    expect(parseArguments(["--bogus", "configure"])).toMatchObject({ words: ["configure"] });
    expect(parseArguments(["-c", "shadow1", "configure"])).toMatchObject({
      shadow: "shadow1",
      words: ["configure"],
    });
    expect(parseArguments(["-f"])).toMatchObject({ code: "usage" });
    expect(parseArguments(["--file=-"])).toMatchObject({ file: "-" });
  });
});
