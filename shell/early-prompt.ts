import { hostname } from "node:os";
import { promptText } from "./repl/prompt.js";

/**
 * Paints the root prompt the moment `crm` starts on a terminal, before the shell has loaded,
 * and puts the terminal in raw mode so keys typed meanwhile wait in the terminal's buffer
 * for the REPL (which paints the same line again when it takes over). Only for plain `crm`
 * on a sized, non-dumb terminal: the cases where the Ink REPL follows.
 */
export function paintEarlyPrompt(environment: Readonly<Record<string, string | undefined>>): void {
  process.stdin.setRawMode(true);
  const prompt = promptText({
    sessionLabel: undefined,
    environment,
    host: hostname(),
    levelPath: "",
  });
  process.stdout.write(`\r${prompt}`);
}

/** Whether `crm` with these facts opens the Ink REPL at the root. */
export function opensReplAtRoot(facts: {
  readonly words: readonly string[];
  readonly file: string | undefined;
  readonly environment: Readonly<Record<string, string | undefined>>;
}): boolean {
  return (
    facts.words.length === 0 &&
    facts.file === undefined &&
    process.stdin.isTTY &&
    process.stdout.isTTY &&
    facts.environment["TERM"] !== "dumb" &&
    process.stdout.columns > 0
  );
}
