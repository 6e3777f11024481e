import { preferencesOf } from "./preferences.js";
import type { CommandContext } from "./types.js";

/**
 * True when `text` fills the terminal: its lines, each wrapped at `columns`, reach `rows`
 * (crmsh's need_pager, which counts the same way).
 */
export function needsPager(
  text: string,
  size: { readonly rows: number; readonly columns: number },
): boolean {
  if (size.rows <= 0 || size.columns <= 0) return false;
  let count = 0;
  for (const line of text.split("\n")) {
    // eslint-disable-next-line no-control-regex -- escape sequences take no room on screen
    const visible = line.replace(/\x1b\[[0-9;]*m/g, "").length;
    count += Math.ceil((visible + 0.5) / size.columns);
    if (count >= size.rows) return true;
  }
  return false;
}

/** The pager's command line: less gets -R, so colored text stays colored (as crmsh does). */
export function pagerCommand(pager: string): string {
  const program = pager.trim().split(/\s+/)[0] ?? "";
  return program.split("/").pop() === "less" ? `${pager} -R` : pager;
}

/**
 * Prints long output (show, status, help) as crmsh's page_string does: through the pager
 * (options pager, then $PAGER, then less) when it fills the terminal, a person is there, and
 * this is not a script; printed as it is otherwise (pipes and files never see a pager).
 */
export async function printLong(context: CommandContext, text: string): Promise<void> {
  const body = text.replace(/\n$/, "");
  if (body === "") return;
  const terminal = context.terminal;
  const paged =
    terminal !== undefined &&
    !context.options.batch &&
    context.options.no !== true &&
    needsPager(body, terminal);
  if (!paged) {
    context.output.line(body);
    return;
  }
  const exitCode = await terminal.run(pagerCommand(preferencesOf(context).pager()), `${body}\n`);
  // A pager that cannot start (127: not found) must not swallow the output.
  if (exitCode === 127) context.output.line(body);
}
