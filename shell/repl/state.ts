/**
 * The REPL's state and its reducer: line editing, history, kill ring, Ctrl-R search and
 * completion cycling. Pure (no Ink, React, I/O or clock): the host feeds it the actions the
 * keymap parsed and drains `effects` (lines to run, cancellations, the end of input).
 */
import type { Completer, CompletionMenu } from "./completion.js";
import { cycleCompletion, startCompletion } from "./completion.js";
import { addHistoryEntry } from "./history.js";
import type { ReplAction } from "./keymap.js";
import type { EditLine } from "./line-edit.js";
import {
  deletionRange,
  emptyLine,
  insertText,
  lineOf,
  moveCursor,
  removeRange,
} from "./line-edit.js";
import { reduceSearch } from "./search.js";
import type { SearchState } from "./search.js";

export type ReplEffect =
  | { readonly kind: "line_submitted"; readonly text: string }
  /** A physical line ending in a backslash: the statement continues on the next one. */
  | { readonly kind: "line_continued"; readonly text: string }
  | { readonly kind: "line_cancelled"; readonly text: string }
  | { readonly kind: "input_ended" }
  | { readonly kind: "screen_clear_requested" }
  | { readonly kind: "diff_format_toggle_requested" };

export interface ReplState {
  readonly line: EditLine;
  /** Oldest first. */
  readonly history: readonly string[];
  /** The entry shown while browsing with Up/Down; undefined when editing a new line. */
  readonly historyIndex: number | undefined;
  /** The new line typed before browsing began, restored by Down past the newest entry. */
  readonly draft: string;
  /** Killed texts, newest last (Ctrl-K/U/W push, Ctrl-Y yanks, Alt-Y rotates). */
  readonly killRing: readonly string[];
  /** What the last yank inserted, for Alt-Y; cleared by any other action. */
  readonly yank: { readonly from: number; readonly to: number; readonly back: number } | undefined;
  /** Whether the previous action killed text (consecutive kills join, as readline's). */
  readonly killing: boolean;
  readonly search: SearchState | undefined;
  readonly menu: CompletionMenu | undefined;
  /** Earlier physical lines of a statement continued with a trailing backslash. */
  readonly continued: readonly string[];
  readonly effects: readonly ReplEffect[];
}

export const killRingEntriesMax = 30;

export function initialReplState(history: readonly string[] = []): ReplState {
  return {
    line: emptyLine,
    history,
    historyIndex: undefined,
    draft: "",
    killRing: [],
    yank: undefined,
    killing: false,
    search: undefined,
    menu: undefined,
    continued: [],
    effects: [],
  };
}

export interface ReduceOptions {
  readonly complete?: Completer;
}

/** Returns the effects and a state without them (the host performs them in order). */
export function drainEffects(state: ReplState): [ReplState, readonly ReplEffect[]] {
  return [{ ...state, effects: [] }, state.effects];
}

/** Advances the REPL by one action. */
export function reduceRepl(
  state: ReplState,
  action: ReplAction,
  options: ReduceOptions = {},
): ReplState {
  if (state.search !== undefined) {
    const searched = reduceSearch(state.search, state.history, action);
    if (searched.kind === "searching") return { ...state, search: searched.search };
    if (searched.kind === "aborted")
      return { ...state, search: undefined, line: state.search.original };
    const ended = { ...state, search: undefined, line: lineOf(searched.text) };
    return searched.then === undefined ? ended : reduceRepl(ended, searched.then, options);
  }
  const next = reduceEditing(state, action, options);
  const keepsMenu = action.kind === "tab_pressed";
  const keepsYank = action.kind === "yanked" || action.kind === "yank_rotated";
  const keepsKill = action.kind === "deleted" && isKill(action.what);
  return {
    ...next,
    menu: keepsMenu ? next.menu : undefined,
    yank: keepsYank ? next.yank : undefined,
    killing: keepsKill,
  };
}

function isKill(what: string): boolean {
  return what !== "back" && what !== "forward";
}

function reduceEditing(state: ReplState, action: ReplAction, options: ReduceOptions): ReplState {
  switch (action.kind) {
    case "inserted":
      return { ...state, line: insertText(state.line, action.text) };
    case "cursor_moved":
      return { ...state, line: moveCursor(state.line, action.to) };
    case "deleted":
      return deleteText(state, action.what);
    case "yanked":
      return yank(state);
    case "yank_rotated":
      return rotateYank(state);
    case "history_moved":
      return moveInHistory(state, action.delta);
    case "search_started":
      return { ...state, search: { query: "", match: undefined, original: state.line } };
    case "line_ended":
      return endLine(state);
    case "cancelled":
      return cancelLine(state);
    case "end_of_file":
      if (state.line.text !== "") return deleteText(state, "forward");
      return { ...state, effects: [...state.effects, { kind: "input_ended" }] };
    case "tab_pressed":
      return completeLine(state, options);
    case "escaped":
    case "paste_toggled":
      return state;
    case "screen_cleared":
      return { ...state, effects: [...state.effects, { kind: "screen_clear_requested" }] };
    case "diff_format_toggled":
      return { ...state, effects: [...state.effects, { kind: "diff_format_toggle_requested" }] };
  }
}

function deleteText(
  state: ReplState,
  what: "back" | "forward" | "to_end" | "to_start" | "word_back" | "word_forward",
): ReplState {
  const [from, to] = deletionRange(state.line, what);
  if (from === to) return state;
  const line = removeRange(state.line, from, to);
  if (!isKill(what)) return { ...state, line };
  const killed = state.line.text.slice(from, to);
  const ring = [...state.killRing];
  const last = ring.length - 1;
  if (state.killing && last >= 0) {
    const previous = ring[last] ?? "";
    ring[last] =
      what === "to_end" || what === "word_forward" ? previous + killed : killed + previous;
  } else ring.push(killed);
  return { ...state, line, killRing: ring.slice(-killRingEntriesMax) };
}

function yank(state: ReplState): ReplState {
  const text = state.killRing[state.killRing.length - 1];
  if (text === undefined) return state;
  const from = state.line.cursor;
  return {
    ...state,
    line: insertText(state.line, text),
    yank: { from, to: from + text.length, back: 0 },
  };
}

function rotateYank(state: ReplState): ReplState {
  const yanked = state.yank;
  if (yanked === undefined || state.killRing.length === 0) return state;
  const back = (yanked.back + 1) % state.killRing.length;
  const text = state.killRing[state.killRing.length - 1 - back] ?? "";
  const removed = removeRange(state.line, yanked.from, yanked.to);
  return {
    ...state,
    line: insertText(removed, text),
    yank: { from: yanked.from, to: yanked.from + text.length, back },
  };
}

function moveInHistory(state: ReplState, delta: -1 | 1): ReplState {
  const newest = state.history.length;
  const current = state.historyIndex ?? newest;
  const target = Math.max(0, Math.min(newest, current + delta));
  if (target === current) return state;
  const draft = state.historyIndex === undefined ? state.line.text : state.draft;
  if (target === newest) return { ...state, historyIndex: undefined, line: lineOf(draft), draft };
  return { ...state, historyIndex: target, line: lineOf(state.history[target] ?? ""), draft };
}

/** Enter: a trailing backslash continues the statement; otherwise the whole text is run. */
function endLine(state: ReplState): ReplState {
  const physical = state.line.text;
  const reset = { line: emptyLine, historyIndex: undefined, draft: "" };
  if (/\\$/.test(physical)) {
    return {
      ...state,
      ...reset,
      continued: [...state.continued, physical],
      effects: [...state.effects, { kind: "line_continued", text: physical }],
    };
  }
  const text = [...state.continued, physical].join("\n");
  const entry = text.replace(/\s*\\\n\s*/g, " ");
  return {
    ...state,
    ...reset,
    continued: [],
    history: addHistoryEntry(state.history, entry),
    effects: [...state.effects, { kind: "line_submitted", text }],
  };
}

function cancelLine(state: ReplState): ReplState {
  const text = [...state.continued, state.line.text].join("\n");
  return {
    ...state,
    line: emptyLine,
    historyIndex: undefined,
    draft: "",
    continued: [],
    effects: [...state.effects, { kind: "line_cancelled", text }],
  };
}

function completeLine(state: ReplState, options: ReduceOptions): ReplState {
  if (state.menu !== undefined) {
    const cycled = cycleCompletion(state.line, state.menu);
    return { ...state, line: cycled.line, menu: cycled.menu };
  }
  if (options.complete === undefined) return state;
  const offer = options.complete(state.line.text, state.line.cursor);
  const started = startCompletion(state.line, offer);
  return { ...state, line: started.line, menu: started.menu };
}
