import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Arguments } from "./arguments.js";
import { runBatch, scriptLines, streamedScriptLines } from "./batch.js";
import { Preferences } from "./commands/preferences.js";
import { commandTree } from "./commands/registry.js";
import type { CommandTree } from "./commands/tree.js";
import type { ShellOptions } from "./commands/types.js";
import { describeInText } from "./configure-language.js";
import type { ContextPorts } from "./context.js";
import { ShellContext } from "./context.js";
import { StreamOutput, terminalStatus } from "./output.js";
import { Shell } from "./shell.js";
import { processTerminal, terminalLent } from "./terminal-port.js";
import { joinWords, splitWords } from "./words.js";

/** Where crm runs: its environment and whether standard input is a terminal. */
export interface Process {
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly stdinIsTerminal: boolean;
}

/** Runs crm with parsed arguments; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function main(argumentsGiven: Arguments, where: Process): Promise<number> {
  const tree = commandTree();
  const source = await sourceOf(tree, argumentsGiven, where);
  const preferences = new Preferences(where.environment);
  const options: ShellOptions = {
    force: argumentsGiven.force,
    // crmsh's `options wait yes` (core.wait in crm.conf) makes -w the default.
    wait: argumentsGiven.wait || preferences.wait(),
    no: argumentsGiven.no,
    display: argumentsGiven.display,
    interactive: source === "terminal",
    batch: source === "script" || source === "stdin",
  };
  // Only a terminal loads the interactive shell (and, from there, Ink and React). `-D` wins
  // over `options output`, which the screen reads at each frame.
  const display = argumentsGiven.display;
  const terminal =
    source === "terminal"
      ? await (
          await import("./interactive.js")
        ).openTerminal({ environment: where.environment, display, preferences })
      : undefined;
  const output =
    terminal?.output ??
    new StreamOutput(
      process.stdout,
      process.stderr,
      describeInText,
      process.stderr.isTTY ? terminalStatus(process.stderr) : undefined,
    );
  const onTerminal = where.stdinIsTerminal && process.stdout.isTTY;
  const ports: ContextPorts = {
    preferences,
    ...(terminal === undefined ? {} : { ask: terminal.ask }),
    ...(source === "stdin" ? {} : { readStandardInput: readAllStandardInput }),
    ...(terminal !== undefined
      ? { terminal: terminal.port }
      : onTerminal
        ? { terminal: processTerminal() }
        : {}),
  };
  const environment =
    argumentsGiven.shadow === undefined
      ? where.environment
      : { ...where.environment, CIB_shadow: argumentsGiven.shadow };
  const context = new ShellContext(output, options, environment, ports);
  // Scripts keep Node's Ctrl-C (crm ends, as crmsh's batch mode does).
  if (source === "one_shot") interruptOnSigint(context);
  const shell = new Shell(tree, context);
  if (source === "one_shot") {
    return runOneShot(shell, argumentsGiven.words, preferences.addQuotes());
  }
  if (argumentsGiven.words.length > 0 && !(await shell.runLine(joinWords(argumentsGiven.words)))) {
    return 1;
  }
  if (terminal !== undefined) return terminal.run(shell, context);
  if (source === "stdin") {
    const physical = createInterface({ input: process.stdin, terminal: false });
    return runBatch(shell, context, output, streamedScriptLines(physical));
  }
  const text = await scriptText(argumentsGiven.file, output);
  if (text === undefined) return 2;
  return runBatch(shell, context, output, scriptLines(text));
}

type Source = "one_shot" | "terminal" | "script" | "stdin";

async function sourceOf(
  tree: CommandTree,
  argumentsGiven: Arguments,
  where: Process,
): Promise<Source> {
  if (argumentsGiven.file !== undefined) return argumentsGiven.file === "-" ? "stdin" : "script";
  const words = argumentsGiven.words;
  if (words.length > 0 && !(await onlyLevels(tree, words))) return "one_shot";
  return where.stdinIsTerminal ? "terminal" : "stdin";
}

/** `crm configure` (levels only) opens the shell in that level instead of running a command. */
async function onlyLevels(tree: CommandTree, words: readonly string[]): Promise<boolean> {
  let level = tree.root;
  for (const word of words) {
    const next = tree.sublevel(level, word);
    if (next === undefined) return false;
    level = await tree.open(next);
  }
  return true;
}

/**
 * Outside the REPL, Ctrl-C is a signal: the first interrupts the running command (a `-w`
 * wait, a commit), a second one while it still runs ends crm as the signal would.
 */
function interruptOnSigint(context: ShellContext): void {
  process.on("SIGINT", () => {
    if (terminalLent()) return; // the editor's or pager's own Ctrl-C
    if (context.signal.aborted) process.exit(130);
    context.interrupt();
  });
}

/**
 * One command from argv. Arguments with blanks are quoted again (crmsh's add-quotes, on by
 * default), so `params a="b c"` survives the calling shell; `add-quotes no` joins them as
 * they are.
 */
async function runOneShot(
  shell: Shell,
  words: readonly string[],
  addQuotes: boolean,
): Promise<number> {
  const text = addQuotes ? joinWords(words) : words.join(" ");
  const split = splitWords(text) ?? [];
  const succeeded = await shell.runWords(text, split);
  const finished = await shell.finish();
  return succeeded && finished ? 0 : 1;
}

async function scriptText(
  file: string | undefined,
  output: StreamOutput,
): Promise<string | undefined> {
  if (file === undefined || file === "-") return readAllStandardInput();
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    output.error(`Cannot read script "${file}": ${reason}`);
    return undefined;
  }
}

async function readAllStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
