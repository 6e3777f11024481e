import type { Issue } from "../../../backend/base/index.js";
import { issue, nearest } from "../../../backend/base/index.js";

/** How one cluster tool names its options (as Pacemaker's option tables do), as data. */
export interface ToolOptionTable {
  /** Long names that take a value: `--name VALUE`, `--name=VALUE`, `-n VALUE`, `-nVALUE`. */
  readonly valued: ReadonlySet<string>;
  /** Long names that take none (a value may still be given inline: `--promotion=db`, `-pdb`). */
  readonly flags: ReadonlySet<string>;
  /** One letter → long name. */
  readonly shortNames: Readonly<Record<string, string>>;
}

/** One option as read: its long name and the value given with it, if any. */
export type ToolOption = readonly [name: string, value: string | undefined];

/** The options of a tool's argv, in order, and what could not be read. */
export interface ReadToolOptions {
  readonly options: readonly ToolOption[];
  readonly issues: readonly Issue[];
}

function known(table: ToolOptionTable, name: string): boolean {
  return table.valued.has(name) || table.flags.has(name);
}

/** `-Gq` → `-G -q`: letters of options without a value may share one dash. */
function expandFlags(argv: readonly string[], table: ToolOptionTable): string[] {
  return argv.flatMap((word) => {
    if (word.startsWith("--") || !word.startsWith("-") || word.length <= 2) return [word];
    const letters = [...word.slice(1)];
    const flagsOnly = letters.every((letter) => table.flags.has(table.shortNames[letter] ?? ""));
    return flagsOnly ? letters.map((letter) => `-${letter}`) : [word];
  });
}

/** The option a word names and its inline value, or the issue with the word. */
function nameOf(word: string, table: ToolOptionTable): ToolOption | Issue {
  if (word.startsWith("--")) {
    const equals = word.indexOf("=");
    const name = equals < 0 ? word.slice(2) : word.slice(2, equals);
    if (known(table, name)) return [name, equals < 0 ? undefined : word.slice(equals + 1)];
    const hint = nearest(name, [...table.valued, ...table.flags]);
    const suggestion = hint === undefined ? {} : { suggestion: `--${hint}` };
    return issue("unknown_option", `Unknown option --${name}`, suggestion);
  }
  if (word.startsWith("-") && word.length > 1) {
    const name = table.shortNames[word[1] ?? ""];
    if (name === undefined || !known(table, name)) {
      return issue("unknown_option", `Unknown option ${word.slice(0, 2)}`);
    }
    return [name, word.length > 2 ? word.slice(2) : undefined];
  }
  return issue("unexpected_argument", `Unexpected argument "${word}"`);
}

/**
 * Reads a cluster tool's options: `--name=value`, `--name value`, `-n value`, `-nvalue`, and
 * flag letters sharing one dash. Never throws; every word it cannot read is an issue.
 */
export function readToolOptions(argv: readonly string[], table: ToolOptionTable): ReadToolOptions {
  const words = expandFlags(argv, table);
  const options: ToolOption[] = [];
  const issues: Issue[] = [];
  for (let index = 0; index < words.length; index++) {
    const read = nameOf(words[index] ?? "", table);
    if ("code" in read) {
      issues.push(read);
      continue;
    }
    const [name, inline] = read;
    let value = inline;
    if (table.valued.has(name) && value === undefined) {
      index += 1;
      value = words[index];
      if (value === undefined)
        issues.push(issue("missing_value", `Option --${name} needs a value`));
    }
    options.push([name, value]);
  }
  return { options, issues };
}

/** What a tool's usage error prints: one `tool: message (did you mean …?)` line an issue. */
export function usageLines(tool: string, issues: readonly Issue[]): string {
  const lines = issues.map((problem) =>
    problem.suggestion === undefined
      ? `${tool}: ${problem.message}`
      : `${tool}: ${problem.message} (did you mean ${problem.suggestion}?)`,
  );
  return `${lines.join("\n")}\n`;
}
