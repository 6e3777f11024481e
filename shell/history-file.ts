import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { historyFileText, parseHistoryFile } from "./repl/index.js";

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * crmsh's history file: `$XDG_CACHE_HOME/crm/history`, else `$HOME/.cache/crm/history`
 * (readline's format: one command per line). Undefined without a home.
 */
export function historyPath(environment: Environment): string | undefined {
  const cache = environment["XDG_CACHE_HOME"];
  if (cache !== undefined && cache !== "") return join(cache, "crm", "history");
  const home = environment["HOME"];
  return home === undefined || home === "" ? undefined : join(home, ".cache", "crm", "history");
}

/** The saved history; empty when there is none or it cannot be read. */
export function readHistory(environment: Environment): readonly string[] {
  const path = historyPath(environment);
  if (path === undefined) return [];
  try {
    return parseHistoryFile(readFileSync(path, "utf8"));
  } catch {
    return [];
  }
}

/** Saves the history (private to the user, as crmsh creates it); failures are not fatal. */
export function writeHistory(environment: Environment, history: readonly string[]): void {
  const path = historyPath(environment);
  if (path === undefined) return;
  try {
    mkdirSync(join(path, ".."), { recursive: true, mode: 0o700 });
    writeFileSync(path, historyFileText(history), { mode: 0o600 });
  } catch {
    // A read-only home must not stop the shell: the history is a convenience.
  }
}
