/**
 * The cursor of a configure statement, classified from the grammar's lexer words: the words
 * already complete before it, and the text of the word being typed (its prefix).
 */
import { lineWords, type LineWord } from "../grammar/index.js";

export interface StatementCursor {
  /** Complete words before the cursor, the head word first. */
  readonly words: readonly LineWord[];
  /** The start of the word being typed up to the cursor, quotes removed ("" after a blank). */
  readonly prefix: string;
}

/** `text` ends at the cursor. */
export function statementCursor(text: string): StatementCursor {
  const words = lineWords(text);
  const last = words.at(-1);
  if (text === "" || /\s$/.test(text) || last === undefined || last.end < text.length) {
    const open = /(?:^|\s)["']([^"'\s]*)$/.exec(text);
    return { words, prefix: open?.[1] ?? "" };
  }
  const raw = text.slice(last.start);
  return { words: words.slice(0, -1), prefix: raw.replace(/^["']/, "").replace(/["']$/, "") };
}

/** A whitespace-separated word of a command line with its offsets. */
export interface ShellWord {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** The words of a command line before the cursor; the last one is being typed (maybe ""). */
export function shellWords(text: string): { complete: ShellWord[]; prefix: ShellWord } {
  const words: ShellWord[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    words.push({ value: match[0], start: match.index, end: match.index + match[0].length });
  }
  const last = words.at(-1);
  if (last !== undefined && last.end === text.length) {
    return { complete: words.slice(0, -1), prefix: last };
  }
  return { complete: words, prefix: { value: "", start: text.length, end: text.length } };
}
