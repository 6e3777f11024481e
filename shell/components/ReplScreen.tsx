import type { ReactElement } from "react";
import { useEffect, useRef, useSyncExternalStore } from "react";
import type { ReplState, StagedDiff } from "../repl/index.js";
import { Box, Static, Text, useStdout } from "../ui.js";
import { CompletionMenu } from "./CompletionMenu.js";
import { DiffPane } from "./DiffPane.js";
import type { Palette } from "./palette.js";
import { PromptLine } from "./PromptLine.js";

/** Output already printed (commands echoed with their prompt, and what they wrote). */
export interface TranscriptEntry {
  readonly key: number;
  readonly text: string;
}

/** Everything the REPL screen shows. */
export interface ReplView {
  readonly transcript: readonly TranscriptEntry[];
  /** The prompt of the input line: the shell's, a continuation, or a question. */
  readonly prompt: string;
  readonly state: ReplState;
  /** A command is running: the input line is hidden (keys typed meanwhile are kept). */
  readonly busy: boolean;
  /** The running command's progress line (`-w`: actions pending), redrawn in place. */
  readonly status?: string | undefined;
  readonly diff: StagedDiff;
  readonly diffXml: boolean;
  readonly columns: number;
}

export interface ViewSource {
  readonly subscribe: (listener: () => void) => () => void;
  readonly view: () => ReplView;
}

/**
 * The REPL: transcript above, then the input line, its completion menu and the diff pane.
 * `transcript: "static"` lays the transcript out with Ink (for renderToString); the live
 * screen writes it straight to the terminal instead (see ReplApp).
 */
export function ReplScreen(props: {
  readonly view: ReplView;
  readonly palette: Palette;
  readonly transcript?: "static" | "written";
}): ReactElement {
  const { view, palette } = props;
  return (
    <Box flexDirection="column">
      {props.transcript === "written" ? null : (
        <Static items={[...view.transcript]}>
          {(entry) => <Text key={entry.key}>{entry.text}</Text>}
        </Static>
      )}
      {view.busy && view.status !== undefined ? <Text>{palette.dim(view.status)}</Text> : null}
      {view.busy ? null : (
        <PromptLine
          prompt={view.prompt}
          state={view.state}
          columns={view.columns}
          palette={palette}
        />
      )}
      {view.state.menu === undefined || view.busy ? null : (
        <CompletionMenu menu={view.state.menu} columns={view.columns} palette={palette} />
      )}
      {view.diff.lines.length === 0 ? null : (
        <DiffPane diff={view.diff} xml={view.diffXml} palette={palette} />
      )}
    </Box>
  );
}

/**
 * The screen bound to the host's store. Transcript entries are written above the input line
 * with Ink's stdout writer, once each: laying out a long `configure show` as Ink text would
 * take seconds (~8 s for 13,000 lines), writing it takes milliseconds.
 */
export function ReplApp(props: {
  readonly source: ViewSource;
  readonly palette: Palette;
}): ReactElement {
  const view = useSyncExternalStore(props.source.subscribe, props.source.view);
  const { write } = useStdout();
  const written = useRef(0);
  useEffect(() => {
    const fresh = view.transcript.slice(written.current);
    if (fresh.length === 0) return;
    written.current = view.transcript.length;
    write(fresh.map((entry) => `${entry.text}\n`).join(""));
  }, [view.transcript, write]);
  return <ReplScreen view={view} palette={props.palette} transcript="written" />;
}
