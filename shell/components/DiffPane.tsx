import type { ReactElement } from "react";
import type { StagedDiff } from "../repl/index.js";
import { diffPaneLinesMax } from "../repl/index.js";
import { Box, Text } from "../ui.js";
import type { Palette } from "./palette.js";

/** The staged change, colored by sign: `+` added, `-` removed, `~` changed. */
export function DiffPane(props: {
  readonly diff: StagedDiff;
  readonly xml: boolean;
  readonly palette: Palette;
}): ReactElement {
  const { diff, xml, palette } = props;
  const lines = diff.lines;
  const color = { "+": palette.added, "-": palette.removed, "~": palette.changed };
  const shown = lines.slice(0, diffPaneLinesMax);
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
      {diff.hiddenObjects > 0 ? (
        <Text>
          {palette.dim(`… and ${diff.hiddenObjects} more changed objects (show changed)`)}
        </Text>
      ) : null}
    </Box>
  );
}
