import type { ReactElement } from "react";
import { useSyncExternalStore } from "react";
import type { Palette } from "../components/palette.js";
import { Box, Text } from "../ui.js";
import type { MonitorEvent } from "./events.js";
import { styleMonitorLine } from "./style-line.js";

export type ConnectionState =
  | { readonly kind: "connecting" }
  | { readonly kind: "connected" }
  | { readonly kind: "lost"; readonly reason: string };

/** Everything the live crm_mon shows. */
export interface MonitorView {
  /** crm_mon's text for the current CIB (or why there is none). */
  readonly text: string;
  readonly events: readonly MonitorEvent[];
  readonly connection: ConnectionState;
  readonly inactive: boolean;
  readonly failCounts: boolean;
  readonly nodeAttributes: boolean;
  readonly rows: number;
  readonly columns: number;
}

/** Tabs as a terminal shows them (stops every 8 columns), so Ink measures lines right. */
export function expandTabs(line: string): string {
  let out = "";
  for (const character of line) {
    out += character === "\t" ? " ".repeat(8 - (out.length % 8)) : character;
  }
  return out;
}

function clock(at: number): string {
  return new Date(at * 1000).toTimeString().slice(0, 8);
}

function footer(view: MonitorView, palette: Palette): string {
  const flag = (on: boolean, key: string, name: string): string =>
    `${key}: ${name} ${on ? "[on]" : "[off]"}`;
  const keys = [
    flag(view.inactive, "r", "inactive resources"),
    flag(view.failCounts, "f", "fail counts"),
    flag(view.nodeAttributes, "A", "node attributes"),
    "q: quit",
  ].join("  ");
  const connection = view.connection;
  if (connection.kind === "lost") {
    return `${palette.bad(`Connection lost: ${connection.reason}; reconnecting…`)}  ${keys}`;
  }
  if (connection.kind === "connecting") return `${palette.warning("Connecting…")}  ${keys}`;
  return palette.dim(keys);
}

/** The full-screen monitor: status as crm_mon -1 prints it, recent events, then the keys. */
export function LiveMonitor(props: {
  readonly view: MonitorView;
  readonly palette: Palette;
}): ReactElement {
  const { view, palette } = props;
  const events =
    view.events.length === 0
      ? []
      : [
          "",
          "Recent events:",
          ...view.events.map((event) => {
            const text = `  ${clock(event.at)} ${event.text}`;
            return event.severity === "bad" ? palette.bad(text) : text;
          }),
        ];
  const statusRows = Math.max(1, view.rows - events.length - 2);
  const lines = view.text.replace(/\n$/, "").split("\n");
  const shown = lines.slice(0, statusRows);
  return (
    <Box flexDirection="column" height={view.rows}>
      {shown.map((line, index) => (
        <Text key={index} wrap="truncate">
          {styleMonitorLine(expandTabs(line), palette)}
        </Text>
      ))}
      {lines.length > shown.length ? (
        <Text>{palette.dim(`… ${lines.length - shown.length} more lines`)}</Text>
      ) : null}
      {events.map((line, index) => (
        <Text key={`event-${index}`} wrap="truncate">
          {index === 1 ? palette.heading(line) : line}
        </Text>
      ))}
      <Box flexGrow={1} />
      <Text wrap="truncate">{footer(view, palette)}</Text>
    </Box>
  );
}

export interface MonitorViewSource {
  readonly subscribe: (listener: () => void) => () => void;
  readonly view: () => MonitorView;
}

export function LiveMonitorApp(props: {
  readonly source: MonitorViewSource;
  readonly palette: Palette;
}): ReactElement {
  const view = useSyncExternalStore(props.source.subscribe, props.source.view);
  return <LiveMonitor view={view} palette={props.palette} />;
}
