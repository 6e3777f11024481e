/** The line being edited: its text and the cursor (an offset into the text). Pure. */
export interface EditLine {
  readonly text: string;
  readonly cursor: number;
}

export const emptyLine: EditLine = { text: "", cursor: 0 };

export function lineOf(text: string): EditLine {
  return { text, cursor: text.length };
}

export function insertText(line: EditLine, text: string): EditLine {
  return {
    text: line.text.slice(0, line.cursor) + text + line.text.slice(line.cursor),
    cursor: line.cursor + text.length,
  };
}

/** Where the word before the cursor starts (readline's backward-word: skip blanks, then word). */
export function wordStartBefore(text: string, cursor: number): number {
  let index = cursor;
  while (index > 0 && /\s/.test(text[index - 1] ?? "")) index -= 1;
  while (index > 0 && !/\s/.test(text[index - 1] ?? "")) index -= 1;
  return index;
}

/** Where the word after the cursor ends. */
export function wordEndAfter(text: string, cursor: number): number {
  let index = cursor;
  while (index < text.length && /\s/.test(text[index] ?? "")) index += 1;
  while (index < text.length && !/\s/.test(text[index] ?? "")) index += 1;
  return index;
}

export function moveCursor(
  line: EditLine,
  to: "left" | "right" | "home" | "end" | "word_left" | "word_right",
): EditLine {
  const target = {
    left: Math.max(0, line.cursor - 1),
    right: Math.min(line.text.length, line.cursor + 1),
    home: 0,
    end: line.text.length,
    word_left: wordStartBefore(line.text, line.cursor),
    word_right: wordEndAfter(line.text, line.cursor),
  }[to];
  return { text: line.text, cursor: target };
}

/** The range a deletion removes, as [from, to) offsets. */
export function deletionRange(
  line: EditLine,
  what: "back" | "forward" | "to_end" | "to_start" | "word_back" | "word_forward",
): readonly [number, number] {
  const { text, cursor } = line;
  switch (what) {
    case "back":
      return [Math.max(0, cursor - 1), cursor];
    case "forward":
      return [cursor, Math.min(text.length, cursor + 1)];
    case "to_end":
      return [cursor, text.length];
    case "to_start":
      return [0, cursor];
    case "word_back":
      return [wordStartBefore(text, cursor), cursor];
    case "word_forward":
      return [cursor, wordEndAfter(text, cursor)];
  }
}

/** Removes [from, to); the cursor goes to `from`. */
export function removeRange(line: EditLine, from: number, to: number): EditLine {
  return { text: line.text.slice(0, from) + line.text.slice(to), cursor: from };
}
