/** Command history: oldest entry first, as readline keeps it and writes its file. Pure. */

/** How many entries are kept (readline's history length in crmsh is unbounded; we cap it). */
export const historyEntriesMax = 1000;

/** Adds a submitted line: blank lines and a repeat of the last entry are not recorded. */
export function addHistoryEntry(history: readonly string[], line: string): readonly string[] {
  const entry = line.trim() === "" ? "" : line;
  if (entry === "" || history[history.length - 1] === entry) return history;
  const next = [...history, entry];
  return next.length > historyEntriesMax ? next.slice(next.length - historyEntriesMax) : next;
}

/**
 * The newest entry at or before `from` (an index) that contains `query`, for Ctrl-R; undefined
 * when none does. An empty query matches nothing (readline shows the prompt and waits).
 */
export function searchBackward(
  history: readonly string[],
  query: string,
  from: number,
): number | undefined {
  if (query === "") return undefined;
  for (let index = Math.min(from, history.length - 1); index >= 0; index -= 1) {
    if (history[index]?.includes(query) === true) return index;
  }
  return undefined;
}

/** History file text (one entry per line, as readline writes it) → entries. */
export function parseHistoryFile(text: string): readonly string[] {
  const entries = text.split("\n").filter((line) => line.trim() !== "");
  return entries.slice(Math.max(0, entries.length - historyEntriesMax));
}

/** Entries → history file text. */
export function historyFileText(history: readonly string[]): string {
  return history.map((entry) => `${entry.replace(/\n/g, " ")}\n`).join("");
}
