/**
 * Tab completion on the edited line: one candidate is inserted, several insert their common
 * prefix and are listed below the line; Tab again cycles through them. Pure: the candidates
 * come from a completer the host injects (completions/complete() over the shell's context).
 */
import type { EditLine } from "./line-edit.js";

export interface CompletionItem {
  readonly label: string;
  readonly detail?: string;
}

/** What a completer returns: where the completed word starts, and the candidates for it. */
export interface CompletionOffer {
  readonly start: number;
  readonly candidates: readonly CompletionItem[];
}

export type Completer = (text: string, cursor: number) => CompletionOffer;

/** The candidate list shown below the line; `index` is the one inserted by cycling (-1: none). */
export interface CompletionMenu {
  readonly start: number;
  readonly candidates: readonly CompletionItem[];
  readonly index: number;
}

export function commonPrefix(labels: readonly string[]): string {
  const first = labels[0] ?? "";
  let length = first.length;
  for (const label of labels) {
    let shared = 0;
    while (shared < length && shared < label.length && label[shared] === first[shared]) {
      shared += 1;
    }
    length = shared;
  }
  return first.slice(0, length);
}

/** Replaces the word from `start` to the cursor by `word`. */
export function replaceWord(line: EditLine, start: number, word: string): EditLine {
  const text = line.text.slice(0, start) + word + line.text.slice(line.cursor);
  return { text, cursor: start + word.length };
}

/** A single candidate is followed by a blank, unless more of the word is to come. */
function completedWord(label: string): string {
  return /[=:]$/.test(label) ? label : `${label} `;
}

/** The first Tab: the line after completing, and the menu to show (if several remain). */
export function startCompletion(
  line: EditLine,
  offer: CompletionOffer,
): { readonly line: EditLine; readonly menu: CompletionMenu | undefined } {
  const { candidates, start } = offer;
  const only = candidates[0];
  if (only === undefined) return { line, menu: undefined };
  if (candidates.length === 1) {
    return { line: replaceWord(line, start, completedWord(only.label)), menu: undefined };
  }
  const typed = line.text.slice(start, line.cursor);
  const prefix = commonPrefix(candidates.map((candidate) => candidate.label));
  const next = prefix.length > typed.length ? replaceWord(line, start, prefix) : line;
  return { line: next, menu: { start, candidates, index: -1 } };
}

/** Tab again while the menu shows: insert the next candidate in turn. */
export function cycleCompletion(
  line: EditLine,
  menu: CompletionMenu,
): { readonly line: EditLine; readonly menu: CompletionMenu } {
  const index = (menu.index + 1) % menu.candidates.length;
  const label = menu.candidates[index]?.label ?? "";
  return { line: replaceWord(line, menu.start, label), menu: { ...menu, index } };
}
