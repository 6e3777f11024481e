/** Parses crm_simulate's argv (without node and script) into options or usage issues. */
import type { Issue, Result } from "../../backend/base/index.js";
import { fail, issue, nearest, ok } from "../../backend/base/index.js";
import type { OptionSpec, OptionsDraft, SimulateOptions } from "./options.js";
import { defaultOptions, optionTable } from "./options.js";

export type ArgumentCode = "unknown_option" | "missing_value" | "unexpected_argument";

function draftOf(options: SimulateOptions): OptionsDraft {
  return {
    ...options,
    nodeUp: [...options.nodeUp],
    nodeDown: [...options.nodeDown],
    nodeFail: [...options.nodeFail],
    opInject: [...options.opInject],
    opFail: [...options.opFail],
  };
}

function unknownOption(word: string): Issue<ArgumentCode> {
  const names = optionTable.map((spec) => `--${spec.long}`);
  const suggestion = word.startsWith("--") ? nearest(word.split("=")[0] ?? word, names) : undefined;
  const hint = suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
  return issue("unknown_option", `Unknown option ${word}${hint}`, {
    ...(suggestion === undefined ? {} : { suggestion }),
  });
}

function missingValue(spec: OptionSpec): Issue<ArgumentCode> {
  return issue(
    "missing_value",
    `Option --${spec.long}${spec.short === undefined ? "" : ` (-${spec.short})`} needs a ${spec.value ?? "value"}`,
  );
}

interface Cursor {
  readonly argv: readonly string[];
  index: number;
}

function takeValue(
  cursor: Cursor,
  spec: OptionSpec,
  attached: string | undefined,
): string | undefined {
  if (attached !== undefined) return attached;
  const next = cursor.argv[cursor.index + 1];
  if (next === undefined) return undefined;
  cursor.index += 1;
  return next;
}

function parseLong(
  word: string,
  cursor: Cursor,
  draft: OptionsDraft,
): Issue<ArgumentCode> | undefined {
  const equals = word.indexOf("=");
  const name = equals < 0 ? word.slice(2) : word.slice(2, equals);
  const attached = equals < 0 ? undefined : word.slice(equals + 1);
  const spec = optionTable.find((candidate) => candidate.long === name);
  if (spec === undefined) return unknownOption(word);
  if (spec.value === undefined) {
    if (attached !== undefined)
      return issue("unexpected_argument", `Option --${name} takes no value`);
    spec.apply(draft, "");
    return undefined;
  }
  const value = takeValue(cursor, spec, attached);
  if (value === undefined) return missingValue(spec);
  spec.apply(draft, value);
  return undefined;
}

function parseShort(
  word: string,
  cursor: Cursor,
  draft: OptionsDraft,
): Issue<ArgumentCode> | undefined {
  for (let position = 1; position < word.length; position += 1) {
    const letter = word[position];
    const spec = optionTable.find((candidate) => candidate.short === letter);
    if (spec === undefined) return unknownOption(`-${letter ?? ""}`);
    if (spec.value === undefined) {
      spec.apply(draft, "");
      continue;
    }
    const rest = word.slice(position + 1);
    const value = takeValue(cursor, spec, rest === "" ? undefined : rest);
    if (value === undefined) return missingValue(spec);
    spec.apply(draft, value);
    return undefined;
  }
  return undefined;
}

export function parseArguments(argv: readonly string[]): Result<SimulateOptions, ArgumentCode> {
  const draft = draftOf(defaultOptions);
  const cursor: Cursor = { argv, index: 0 };
  for (; cursor.index < argv.length; cursor.index += 1) {
    const word = argv[cursor.index] ?? "";
    let problem: Issue<ArgumentCode> | undefined;
    if (word.startsWith("--") && word.length > 2) problem = parseLong(word, cursor, draft);
    else if (word.startsWith("-") && word.length > 1) problem = parseShort(word, cursor, draft);
    else problem = issue("unexpected_argument", `Unexpected argument "${word}"`);
    if (problem !== undefined) return fail([problem]);
  }
  return ok(draft);
}

/** The `--help` text, one option a line. */
export function usageText(): string {
  const lines = [
    "Usage:",
    "  crm_simulate [OPTION?]",
    "",
    "crm_simulate - simulate a cluster's response to events",
    "",
  ];
  for (const spec of optionTable) {
    const short = spec.short === undefined ? "    " : `-${spec.short}, `;
    const value = spec.value === undefined ? "" : `=${spec.value}`;
    lines.push(`  ${short}--${spec.long}${value}`.padEnd(35) + spec.help);
  }
  lines.push(
    "",
    "The OPSPEC in any command line option is of the form",
    "${resource}_${task}_${interval_in_ms}@${node}=${rc}",
    "(memcached_monitor_20000@bart.example.com=7, for example).",
  );
  return `${lines.join("\n")}\n`;
}
