import type { Issue } from "../backend/base/index.js";
import { crmValuedOptions, issue } from "../backend/base/index.js";

/** crm's command line, as crmsh 4.4 reads it. */
export interface Arguments {
  readonly help: boolean;
  readonly version: boolean;
  readonly force: boolean;
  readonly wait: boolean;
  readonly no: boolean;
  /** `-f FILE` (`-` for standard input). */
  readonly file?: string;
  /** `-D plain|color|color-always|uppercase`: the interactive shell's colors, show's keywords. */
  readonly display?: string;
  /** `-c SHADOW`: work on that shadow CIB (as CIB_shadow=SHADOW). */
  readonly shadow?: string;
  /** Levels, command and its arguments. */
  readonly words: readonly string[];
}

/** Options come before the first word; crmsh ignores unknown options, and so does quorate. */
export function parseArguments(argv: readonly string[]): Arguments | Issue {
  const parsed: { -readonly [K in keyof Arguments]: Arguments[K] } = {
    help: false,
    version: false,
    force: false,
    wait: false,
    no: false,
    words: [],
  };
  let index = 0;
  for (; index < argv.length; index++) {
    const argument = argv[index] ?? "";
    if (!argument.startsWith("-") || argument === "-") break;
    const [name, inline] =
      argument.startsWith("--") && argument.includes("=")
        ? [argument.slice(0, argument.indexOf("=")), argument.slice(argument.indexOf("=") + 1)]
        : [argument, undefined];
    let value = inline;
    if (crmValuedOptions.has(name) && value === undefined) {
      index += 1;
      value = argv[index];
      if (value === undefined) return issue("usage", `Option ${name} needs a value`);
    }
    applyOption(parsed, name, value);
  }
  parsed.words = argv.slice(index);
  return parsed;
}

function applyOption(
  parsed: { -readonly [K in keyof Arguments]: Arguments[K] },
  name: string,
  value: string | undefined,
): void {
  if (name === "-h" || name === "--help") parsed.help = true;
  else if (name === "--version") parsed.version = true;
  else if (name === "-F" || name === "--force") parsed.force = true;
  else if (name === "-w" || name === "--wait") parsed.wait = true;
  else if (name === "-n" || name === "--no") parsed.no = true;
  else if ((name === "-f" || name === "--file") && value !== undefined) parsed.file = value;
  else if ((name === "-D" || name === "--display") && value !== undefined) parsed.display = value;
  else if ((name === "-c" || name === "--cib") && value !== undefined) parsed.shadow = value;
}

export const usageText = `usage: crm [-h] [--version] [-f FILE] [-c SHADOW] [-D plain|color|uppercase] [-F] [-n] [-w] [LEVEL... COMMAND ARGS]

The cluster shell (crmsh-compatible).

  -f FILE, --file FILE   run the commands of FILE (- for standard input) as one transaction
  -c SHADOW, --cib SHADOW  work on shadow CIB SHADOW (see crm cib)
  -D plain|color|uppercase  no colors, colors on a terminal, or show's keywords in capitals
  -F, --force            answer yes to questions; commit despite check errors
  -n, --no               answer no to questions
  -w, --wait             wait until the cluster has carried a change out (a progress line on a
                         terminal; Ctrl-C stops waiting; CRM_WAIT_TIMEOUT=SECONDS, default 120)
  --version              print the version and exit
  -h, --help             print this help and exit

Without LEVEL or COMMAND, crm reads commands from the terminal (interactive) or from
standard input. CIB_file=PATH makes crm work on a CIB XML file, CRM_CLUSTER=DIR|ws://HOST:PORT
on a quorated cluster, CRM_BACKEND=pacemaker on a Pacemaker cluster.`;
