import type { ReactElement } from "react";
import type { DiffLine } from "../repl/index.js";
import { Box, Text } from "../ui.js";
import type { Palette } from "./palette.js";

/** Lines of the staged diff shown under the prompt; the rest is summarised. */
export const diffLinesShownMax = 20;

/** The staged change, colored by sign: `+` added, `-` removed, `~` changed. */
export function DiffPane(props: {
  readonly lines: readonly DiffLine[];
  readonly xml: boolean;
  readonly palette: Palette;
}): ReactElement {
  const { lines, xml, palette } = props;
  const color = { "+": palette.added, "-": palette.removed, "~": palette.changed };
  const shown = lines.slice(0, diffLinesShownMax);
  const hidden = lines.length - shown.length;
  const title = `Staged changes (${xml ? "XML" : "crm syntax"}; commit applies them, Alt-X toggles XML):`;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text>{palette.heading(title)}</Text>
      {shown.map((line, index) => (
        <Text key={index} wrap="truncate">
          {color[line.sign](`${line.sign} ${line.text.replace(/\t/g, "    ")}`)}
        </Text>
      ))}
      {hidden > 0 ? <Text>{palette.dim(`… ${hidden} more lines (show changed)`)}</Text> : null}
    </Box>
  );
}
