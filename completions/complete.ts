/**
 * complete(): the candidates for the word at the cursor of a crm command line, from the
 * command tree (levels, commands, prefixes) down to configure statements.
 */
import { resolveHeadWord, statementKeywords } from "../grammar/index.js";
import type { Candidate, CompletionContext, CompletionLevel } from "./context.js";
import { shellWords } from "./cursor.js";
import {
  argumentCandidates,
  commandNamed,
  levelCandidates,
  levelNamed,
  sublevel,
} from "./levels.js";
import { completeStatement } from "./statement.js";

/**
 * The candidates for the word that ends at `cursor` in `line`, filtered by what is typed of
 * it, sorted by label, without duplicates.
 */
export function complete(line: string, cursor: number, context: CompletionContext): Candidate[] {
  const text = line.slice(0, Math.max(0, Math.min(cursor, line.length)));
  return finish(candidatesAt(text, context), prefixOf(text));
}

function candidatesAt(text: string, context: CompletionContext): Candidate[] {
  const { complete: words, prefix } = shellWords(text);
  let level = levelNamed(context.level ?? "root", context);
  if (level === undefined) return [];
  for (const [index, word] of words.entries()) {
    const entered = sublevel(level, word.value, context);
    if (entered !== undefined) {
      level = entered;
      continue;
    }
    const statement = statementAt(level, word.value);
    if (statement) return completeStatement(text.slice(word.start), context);
    const command = commandNamed(level, word.value);
    if (command === undefined) return [];
    return argumentCandidates(level, command, words.length - index - 1, context);
  }
  return prefix.value.startsWith("-") ? [] : levelCandidates(level, context);
}

function statementAt(level: CompletionLevel, word: string): boolean {
  if (level.name !== "configure") return false;
  const command = commandNamed(level, word);
  if (command !== undefined) return (statementKeywords as readonly string[]).includes(command.name);
  return resolveHeadWord(word) !== undefined;
}

/** The typed part candidates are matched against: the last word, an opening quote removed. */
function prefixOf(text: string): string {
  const { prefix } = shellWords(text);
  return prefix.value.replace(/^["']/, "");
}

function finish(candidates: readonly Candidate[], prefix: string): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const candidate of candidates) {
    if (!matches(candidate, prefix) || seen.has(candidate.label)) continue;
    seen.set(candidate.label, candidate);
  }
  return [...seen.values()].sort((left, right) => compareLabels(left.label, right.label));
}

/** Keywords and score forms match case-insensitively, as the grammar reads them. */
function matches(candidate: Candidate, prefix: string): boolean {
  if (candidate.label.startsWith(prefix)) return true;
  if (candidate.kind !== "keyword" && candidate.kind !== "score") return false;
  return candidate.label.toLowerCase().startsWith(prefix.toLowerCase());
}

function compareLabels(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
