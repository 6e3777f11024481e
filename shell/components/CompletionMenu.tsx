import type { ReactElement } from "react";
import type { CompletionMenu as Menu } from "../repl/index.js";
import { Box, Text } from "../ui.js";
import type { Palette } from "./palette.js";

/** How many candidates are listed one per line with their descriptions; more go in columns. */
const detailedCandidatesMax = 8;
const listedCandidatesMax = 120;

/** The candidates of an ambiguous Tab, below the line; the one Tab inserted is highlighted. */
export function CompletionMenu(props: {
  readonly menu: Menu;
  readonly columns: number;
  readonly palette: Palette;
}): ReactElement {
  const { menu, columns, palette } = props;
  const shown = menu.candidates.slice(0, listedCandidatesMax);
  const mark = (label: string, index: number): string =>
    index === menu.index ? palette.selected(label) : label;
  if (shown.length <= detailedCandidatesMax) {
    const width = Math.max(...shown.map((candidate) => candidate.label.length)) + 2;
    return (
      <Box flexDirection="column">
        {shown.map((candidate, index) => (
          <Text key={candidate.label} wrap="truncate">
            {mark(candidate.label, index) + " ".repeat(width - candidate.label.length)}
            {palette.dim(candidate.detail ?? "")}
          </Text>
        ))}
      </Box>
    );
  }
  const width = Math.max(...shown.map((candidate) => candidate.label.length)) + 2;
  const perRow = Math.max(1, Math.floor(columns / width));
  const rows: string[] = [];
  for (let start = 0; start < shown.length; start += perRow) {
    const row = shown.slice(start, start + perRow);
    rows.push(
      row
        .map((candidate, offset) => {
          const padding = " ".repeat(width - candidate.label.length);
          return mark(candidate.label, start + offset) + padding;
        })
        .join("")
        .trimEnd(),
    );
  }
  const more = menu.candidates.length - shown.length;
  if (more > 0) rows.push(palette.dim(`… ${more} more`));
  return <Text>{rows.join("\n")}</Text>;
}
