/**
 * The `crm --complete` protocol behind completions/crm.bash:
 *
 *     crm --complete CWORD -- WORD...
 *
 * WORD... are the command line's words as bash split them on blanks (`crm` first), CWORD the
 * index of the word being completed (it may be the empty word after the last blank). crm
 * prints one candidate per line: the whole word (`ocf:heartbeat:IPaddr2`, `target-role=`),
 * which the script trims at bash's word breaks (`:` and `=`). Exit status 0 even with none.
 */
import { crmValuedOptions, issue, type Issue } from "../backend/base/index.js";
import { complete } from "./complete.js";
import type { CompletionContext } from "./context.js";

/** Whether crm's argv asks for completion (then the shell answers with completeCommandLine). */
export function completeRequested(argv: readonly string[]): boolean {
  return argv[0] === "--complete";
}

/**
 * The lines `crm --complete CWORD -- WORD...` prints. `argv` is crm's arguments, starting
 * with `--complete`.
 */
export function completeCommandLine(
  argv: readonly string[],
  context: CompletionContext,
): readonly string[] | Issue {
  const index = Number(argv[1]);
  if (argv[0] !== "--complete" || argv[2] !== "--" || !Number.isInteger(index) || index < 0) {
    return issue("bad_complete_request", "Usage: crm --complete CWORD -- WORD...");
  }
  const words = argv.slice(3);
  const typed = [...words.slice(0, index + 1)];
  while (typed.length <= index) typed.push("");
  const first = firstCommandWord(typed);
  if (first === undefined || first > index) return [];
  const shellWords = typed
    .slice(first)
    .map((word, at, all) => quoteWord(word, at === all.length - 1));
  const line = shellWords.join(" ");
  return complete(line, line.length, context).map((candidate) => candidate.label);
}

/** The index of the first word after `crm` and its options, if any. */
function firstCommandWord(words: readonly string[]): number | undefined {
  let index = 1;
  while (index < words.length) {
    const word = words[index] ?? "";
    if (!word.startsWith("-") || word === "-") return index;
    index += crmValuedOptions.has(word) ? 2 : 1;
  }
  return index < words.length ? index : undefined;
}

/** A word with blanks goes back into the line quoted (the word being typed stays open). */
function quoteWord(word: string, typing: boolean): string {
  if (!/\s/.test(word) || /^["']/.test(word)) return word;
  return typing ? `"${word}` : `"${word}"`;
}
