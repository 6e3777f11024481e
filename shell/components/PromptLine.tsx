import type { ReactElement } from "react";
import type { ReplState } from "../repl/index.js";
import { searchText } from "../repl/index.js";
import { Text, useCursor } from "../ui.js";
import type { Palette } from "./palette.js";

/** The text of the input line and where the cursor sits in it (a plain-text offset). */
export function inputLine(prompt: string, state: ReplState): { text: string; cursor: number } {
  const search = state.search;
  if (search !== undefined) {
    const label = search.failed === true ? "(failed reverse-i-search)" : "(reverse-i-search)";
    const head = `${label}'${search.query}': `;
    return { text: head + searchText(search, state.history), cursor: head.length - 3 };
  }
  return { text: prompt + state.line.text, cursor: prompt.length + state.line.cursor };
}

/** The prompt and the edited line; the terminal's own cursor is placed in it. */
export function PromptLine(props: {
  readonly prompt: string;
  readonly state: ReplState;
  readonly columns: number;
  readonly palette: Palette;
}): ReactElement {
  const { prompt, state, columns, palette } = props;
  const { text, cursor } = inputLine(prompt, state);
  const width = Math.max(1, columns);
  useCursor().setCursorPosition({ x: cursor % width, y: Math.floor(cursor / width) });
  // Rows are cut at the terminal width by hand, so the cursor lands where it is computed.
  const rows: string[] = [];
  for (let start = 0; start === 0 || start < text.length; start += width) {
    rows.push(text.slice(start, start + width));
  }
  if (cursor === rows.length * width) rows.push("");
  const styleFirst = (row: string): string =>
    state.search !== undefined
      ? palette.info(row)
      : row.startsWith(prompt)
        ? palette.prompt(prompt) + row.slice(prompt.length)
        : row;
  return <Text>{rows.map((row, index) => (index === 0 ? styleFirst(row) : row)).join("\n")}</Text>;
}
