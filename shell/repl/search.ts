/**
 * Ctrl-R reverse incremental search through history, as readline's. Pure. Typing extends the
 * query, Ctrl-R finds the next older match, Backspace shortens the query; Enter accepts and
 * runs the match, Ctrl-G/Esc restores the line, Ctrl-C cancels, and any other key accepts the
 * match into the line and then acts on it.
 */
import { searchBackward } from "./history.js";
import type { ReplAction } from "./keymap.js";
import type { EditLine } from "./line-edit.js";

export interface SearchState {
  readonly query: string;
  /** Index of the matching history entry; undefined before any match or after a failure. */
  readonly match: number | undefined;
  /** Whether the last search found nothing (readline shows `failed reverse-i-search`). */
  readonly failed?: boolean;
  /** The line as it was when the search began (restored by Ctrl-G). */
  readonly original: EditLine;
}

export type SearchOutcome =
  | { readonly kind: "searching"; readonly search: SearchState }
  | { readonly kind: "aborted" }
  | { readonly kind: "accepted"; readonly text: string; readonly then: ReplAction | undefined };

/** The text the search shows (the match, or the original line before any match). */
export function searchText(search: SearchState, history: readonly string[]): string {
  return search.match === undefined ? search.original.text : (history[search.match] ?? "");
}

function find(
  search: SearchState,
  history: readonly string[],
  query: string,
  from: number,
): SearchState {
  const match = searchBackward(history, query, from);
  if (match === undefined) return { ...search, query, failed: query !== "" };
  return { ...search, query, match, failed: false };
}

export function reduceSearch(
  search: SearchState,
  history: readonly string[],
  action: ReplAction,
): SearchOutcome {
  const current = search.match ?? history.length - 1;
  switch (action.kind) {
    case "inserted":
      return searching(find(search, history, search.query + action.text, current));
    case "search_started":
      return searching(
        find(search, history, search.query, search.match === undefined ? current : current - 1),
      );
    case "deleted":
      if (action.what !== "back") break;
      return searching(find(search, history, search.query.slice(0, -1), history.length - 1));
    case "escaped":
    case "cancelled":
      return action.kind === "cancelled"
        ? { kind: "accepted", text: search.original.text, then: action }
        : { kind: "aborted" };
    default:
      break;
  }
  return { kind: "accepted", text: searchText(search, history), then: action };
}

function searching(search: SearchState): SearchOutcome {
  return { kind: "searching", search };
}
