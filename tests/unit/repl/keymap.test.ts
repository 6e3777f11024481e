import { describe, expect, test } from "vitest";
import { parseKeys } from "../../../shell/repl/index.js";

describe("parseKeys()", () => {
  test.each([
    ["\x01", { kind: "cursor_moved", to: "home" }],
    ["\x05", { kind: "cursor_moved", to: "end" }],
    ["\x0b", { kind: "deleted", what: "to_end" }],
    ["\x15", { kind: "deleted", what: "to_start" }],
    ["\x17", { kind: "deleted", what: "word_back" }],
    ["\x19", { kind: "yanked" }],
    ["\x12", { kind: "search_started" }],
    ["\x03", { kind: "cancelled" }],
    ["\x04", { kind: "end_of_file" }],
    ["\t", { kind: "tab_pressed" }],
    ["\x7f", { kind: "deleted", what: "back" }],
    ["\x1b[3~", { kind: "deleted", what: "forward" }],
    ["\x1b[A", { kind: "history_moved", delta: -1 }],
    ["\x1b[B", { kind: "history_moved", delta: 1 }],
    ["\x1b[D", { kind: "cursor_moved", to: "left" }],
    ["\x1bOC", { kind: "cursor_moved", to: "right" }],
    ["\x1b[H", { kind: "cursor_moved", to: "home" }],
    ["\x1b[4~", { kind: "cursor_moved", to: "end" }],
    ["\x1bx", { kind: "diff_format_toggled" }],
  ])("maps %j", (chunk, action) => {
    expect(parseKeys(chunk)).toEqual([action]);
  });

  test("splits a multi-line paste into text and line ends, tabs becoming blanks", () => {
    const pasted = "\x1b[200~primitive d1 Dummy \\\r\n\top monitor interval=10s\rshow\r\x1b[201~";
    expect(parseKeys(pasted)).toEqual([
      { kind: "paste_toggled", pasting: true },
      { kind: "inserted", text: "primitive d1 Dummy \\" },
      { kind: "line_ended" },
      { kind: "inserted", text: " op monitor interval=10s" },
      { kind: "line_ended" },
      { kind: "inserted", text: "show" },
      { kind: "line_ended" },
      { kind: "paste_toggled", pasting: false },
    ]);
    expect(parseKeys("a\tb", true)).toEqual([{ kind: "inserted", text: "a b" }]);
  });

  test("keys typed ahead arrive together: a Tab among them still completes", () => {
    expect(parseKeys("web\rprim\t")).toEqual([
      { kind: "inserted", text: "web" },
      { kind: "line_ended" },
      { kind: "inserted", text: "prim" },
      { kind: "tab_pressed" },
    ]);
  });

  test("text around an escape sequence stays in order", () => {
    expect(parseKeys("ab\x1b[Dc")).toEqual([
      { kind: "inserted", text: "ab" },
      { kind: "cursor_moved", to: "left" },
      { kind: "inserted", text: "c" },
    ]);
  });
});
