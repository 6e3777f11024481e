import { describe, expect, test } from "vitest";
import type { Completer, ReplState } from "../../../shell/repl/index.js";
import { initialReplState, parseKeys, reduceRepl } from "../../../shell/repl/index.js";

/** Feeds keys as a terminal sends them: a Tab arrives alone (inside a paste it is a blank). */
function typed(keys: string, state = initialReplState(), complete?: Completer): ReplState {
  const chunks = keys.split(/(\t)/).filter((chunk) => chunk !== "");
  return chunks
    .flatMap((chunk) => parseKeys(chunk))
    .reduce(
      (current, action) => reduceRepl(current, action, complete === undefined ? {} : { complete }),
      state,
    );
}

describe("reduceRepl(): line editing", () => {
  test("inserts at the cursor and moves by character, word, home and end", () => {
    const state = typed("show d1\x1b[D\x1b[Dx\x01y\x05z");
    expect(state.line).toEqual({ text: "yshow xd1z", cursor: 10 });
    expect(typed("one two three\x1bb\x1bb").line.cursor).toBe(4);
  });

  test("Backspace and Delete remove around the cursor", () => {
    expect(typed("abc\x7f").line.text).toBe("ab");
    expect(typed("abc\x01\x1b[3~").line.text).toBe("bc");
  });

  test("Ctrl-K, Ctrl-U and Ctrl-W kill into the ring and Ctrl-Y yanks back", () => {
    const killed = typed("primitive d1 Dummy\x17");
    expect(killed.line.text).toBe("primitive d1 ");
    expect(killed.killRing).toEqual(["Dummy"]);
    expect(typed("\x19", killed).line.text).toBe("primitive d1 Dummy");
    const both = typed("a b c\x01\x1b[C\x0b", initialReplState());
    expect(both.line.text).toBe("a");
    expect(typed("x y\x15").line.text).toBe("");
  });

  test("consecutive kills join; Alt-Y rotates through earlier kills", () => {
    const joined = typed("one two\x17\x17");
    expect(joined.killRing).toEqual(["one two"]);
    const two = typed("first\x15second\x15");
    expect(two.killRing).toEqual(["first", "second"]);
    expect(typed("\x19\x1by", two).line.text).toBe("first");
  });
});

describe("reduceRepl(): history", () => {
  const withHistory = initialReplState(["status", "configure", "show"]);

  test("Up and Down browse entries and return to the line being typed", () => {
    expect(typed("\x1b[A", withHistory).line.text).toBe("show");
    expect(typed("\x1b[A\x1b[A\x1b[A\x1b[A", withHistory).line.text).toBe("status");
    expect(typed("dra\x1b[A\x1b[B", withHistory).line.text).toBe("dra");
  });

  test("Enter submits the line and records it once", () => {
    const state = typed("verify\rverify\r", withHistory);
    expect(state.history).toEqual(["status", "configure", "show", "verify"]);
    expect(state.effects).toEqual([
      { kind: "line_submitted", text: "verify" },
      { kind: "line_submitted", text: "verify" },
    ]);
  });

  test("a trailing backslash continues the statement on the next line", () => {
    const state = typed("primitive d1 Dummy \\\rop monitor interval=10s\r");
    expect(state.effects).toEqual([
      { kind: "line_continued", text: "primitive d1 Dummy \\" },
      { kind: "line_submitted", text: "primitive d1 Dummy \\\nop monitor interval=10s" },
    ]);
    expect(state.history).toEqual(["primitive d1 Dummy op monitor interval=10s"]);
  });

  test("Ctrl-R finds older matches, Enter runs the match, Ctrl-G restores the line", () => {
    const history = initialReplState(["primitive a Dummy", "show", "primitive b Dummy"]);
    const searching = typed("\x12prim", history);
    expect(searching.search?.match).toBe(2);
    expect(typed("\x12", searching).search?.match).toBe(0);
    expect(typed("\x12\r", searching).effects).toEqual([
      { kind: "line_submitted", text: "primitive a Dummy" },
    ]);
    expect(typed("old\x12prim\x07", history).line.text).toBe("old");
    expect(typed("\x12zzz", history).search?.failed).toBe(true);
    expect(typed("\x05!", searching).line.text).toBe("primitive b Dummy!");
  });
});

describe("reduceRepl(): Ctrl-C, Ctrl-D and Tab", () => {
  test("Ctrl-C cancels the line; Ctrl-D ends input only on an empty line", () => {
    expect(typed("half\x03").effects).toEqual([{ kind: "line_cancelled", text: "half" }]);
    expect(typed("half\x03").line.text).toBe("");
    expect(typed("\x04").effects).toEqual([{ kind: "input_ended" }]);
    expect(typed("ab\x01\x04").line.text).toBe("b");
  });

  const complete: Completer = (text, cursor) => {
    const word = /\S*$/.exec(text.slice(0, cursor))?.[0] ?? "";
    const labels = ["primitive", "property", "params"].filter((label) => label.startsWith(word));
    return { start: cursor - word.length, candidates: labels.map((label) => ({ label })) };
  };

  test("a single candidate is inserted with a blank", () => {
    expect(typed("pri\t", initialReplState(), complete).line.text).toBe("primitive ");
  });

  test("several insert their common prefix, list, and Tab again cycles", () => {
    const listed = typed("pr\t", initialReplState(), complete);
    expect(listed.line.text).toBe("pr");
    expect(listed.menu?.candidates.map((candidate) => candidate.label)).toEqual([
      "primitive",
      "property",
    ]);
    const cycled = typed("\t", listed, complete);
    expect(cycled.line.text).toBe("primitive");
    expect(typed("\t\t", listed, complete).line.text).toBe("property");
    expect(typed("\tx", listed, complete).menu).toBeUndefined();
  });
});
