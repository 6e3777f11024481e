import { describe, expect, test } from "vitest";
import {
  formatIssue,
  lineWords,
  parseLine,
  parseScript,
  resolveHeadWord,
  statementKeywords,
} from "../../../grammar/index.js";

describe("parseScript() positions", () => {
  test("spans point into the original text across continuation lines", () => {
    const text = "node n1\n\n# web\nprimitive vip IPaddr2 \\\n\tparams ip=10.0.0.1 \\\n\top monitor interval=10s\n";
    const result = parseScript(text);
    expect(result.ok).toBe(true);
    const primitive = result.ok ? result.value[1] : undefined;
    expect(primitive?.span).toMatchObject({ line: 4, column: 1 });
    expect(primitive?.comments).toEqual(["# web"]);
    if (primitive?.kind !== "primitive") throw new Error("expected a primitive");
    const op = primitive.ops[0];
    expect(op?.span).toMatchObject({ line: 6, column: 2 });
    expect(text.slice(op?.span.offset, (op?.span.offset ?? 0) + 2)).toBe("op");
    expect(primitive.sets[0]?.nvpairs[0]?.span).toMatchObject({ line: 5, column: 9 });
  });

  test("an error is reported at its line and column with the expected part", () => {
    const text = "primitive a Dummy\nlocation l1 a node1\n";
    const result = parseScript(text);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: "syntax", span: { line: 2, column: 15 } });
    expect(formatIssue(text, result.issues[0] ?? { code: "", message: "" })).toBe(
      [
        `2:15: error in location: Expected a score (N:) or 'rule', found "node1"`,
        "  location l1 a node1",
        "                ^^^^^",
      ].join("\n"),
    );
    expect(result.ok ? [] : result.partial?.map((statement) => statement.kind)).toEqual([
      "primitive",
    ]);
  });

  test("CRLF line ends and blank lines are accepted", () => {
    const result = parseScript("node n1\r\n\r\nnode n2\r\n");
    expect(result.ok && result.value.map((statement) => statement.kind)).toEqual(["node", "node"]);
  });

  test("a trailing comment with no statement after it is dropped", () => {
    const result = parseScript("node n1\n# the end\n");
    expect(result.ok && result.value.length).toBe(1);
  });
});

describe("parseLine()", () => {
  test("parses one statement", () => {
    const result = parseLine("colocation c inf: a b");
    expect(result.ok && result.value.kind).toBe("colocation");
  });

  test("rejects an empty line and a second statement", () => {
    expect(parseLine("   ").ok).toBe(false);
    const two = parseLine("node a\nnode b");
    expect(two.ok).toBe(false);
    expect(two.issues[0]?.message).toBe("Expected one statement, found more");
  });

  test("suggests the nearest statement keyword for an unknown command", () => {
    const result = parseLine("primitve b Dummy");
    expect(result.issues[0]).toMatchObject({ code: "unknown_command", suggestion: "primitive" });
  });

  test("suggests the nearest section keyword for a misspelt section", () => {
    const result = parseLine("primitive d Dummy parms a=b");
    expect(result.issues[0]?.suggestion).toBe("params");
  });

  test("reports invalid ids in $id= forms", () => {
    const result = parseLine("primitive d Dummy params $id=9x a=b");
    expect(result.issues[0]).toMatchObject({ code: "invalid_id" });
  });
});

describe("head words", () => {
  test.each([
    ["prim", "primitive"],
    ["PRIMITIVE", "primitive"],
    ["coll", "colocation"],
    ["master", "ms"],
    ["fencing-topology", "fencing_topology"],
    ["fencing", "fencing_topology"],
    ["resource", "primitive"],
    ["rsc_d", "rsc_defaults"],
  ])("resolveHeadWord(%j) is %j", (word, keyword) => {
    expect(resolveHeadWord(word)).toBe(keyword);
  });

  test.each(["p", "o", "rsc", "primitve", ""])("resolveHeadWord(%j) is ambiguous or unknown", (word) => {
    expect(resolveHeadWord(word)).toBeUndefined();
  });

  test("every statement keyword resolves to itself", () => {
    for (const keyword of statementKeywords) expect(resolveHeadWord(keyword)).toBe(keyword);
  });
});

describe("lineWords()", () => {
  test("classifies the words of a partial line for completion", () => {
    const words = lineWords("  prim vip ocf:heartbeat:IPaddr2 params ip=\"10.0.0.1\" op ");
    expect(words.map((word) => [word.value, word.shape, word.keyword ?? ""])).toEqual([
      ["prim", "keyword", "primitive"],
      ["vip", "word", ""],
      ["ocf:heartbeat:IPaddr2", "word", ""],
      ["params", "keyword", "params"],
      ["ip=10.0.0.1", "assignment", ""],
      ["op", "keyword", "op"],
    ]);
    expect(words[4]).toMatchObject({ start: 40, end: 53 });
  });

  test("keeps going on an open quote and on unknown heads", () => {
    expect(lineWords('primitive d Dummy params a="open').map((word) => word.value)).toContain(
      "params",
    );
    expect(lineWords("bogus a b").map((word) => word.shape)).toEqual(["word", "word", "word"]);
  });
});

describe("large and hostile input", () => {
  test("keeps at most 20 issues for one statement", () => {
    const result = parseScript(`colocation c inf: ${"( ".repeat(500)}`);
    expect(result.ok).toBe(false);
    expect(result.issues.length).toBe(20);
  });

  test("parses a long statement and a long word", () => {
    const pairs = parseLine(`primitive a Dummy params ${"x=1 ".repeat(2000)}`);
    expect(pairs.ok && pairs.value.kind === "primitive" && pairs.value.sets[0]?.nvpairs.length)
      .toBe(2000);
    expect(parseLine(`node ${"n".repeat(100_000)}`).ok).toBe(true);
  });
});
