/**
 * The interactive shell for terminals that cannot take the Ink screen (TERM=dumb, or a
 * terminal that reports no size): node's readline, one line at a time, with the same prompt,
 * history file and Tab completion. Lines typed or pasted are queued, so y/n questions and the
 * loop read from the same place in order.
 */
import { hostname } from "node:os";
import { createInterface } from "node:readline";
import type { Interface } from "node:readline";
import { describeInText } from "./configure-language.js";
import { readHistory, writeHistory } from "./history-file.js";
import type { SessionSource, TerminalSession } from "./interactive.js";
import { StreamOutput } from "./output.js";
import { addHistoryEntry, promptText } from "./repl/index.js";
import type { TerminalPort } from "./commands/types.js";
import type { ReplInput } from "./repl-store.js";
import { leaveRequested } from "./repl-store.js";
import type { Shell } from "./shell.js";
import { processTerminal } from "./terminal-port.js";

type Environment = Readonly<Record<string, string | undefined>>;

class TerminalLines {
  readonly #queued: ReplInput[] = [];
  #waiting: ((line: ReplInput) => void) | undefined;
  #closed = false;
  /** Who interrupts the running command (Ctrl-C while no prompt is shown). */
  interrupt: (() => void) | undefined;

  constructor(readonly readline: Interface) {
    readline.on("line", (line) => this.#deliver(line));
    readline.on("close", () => {
      this.#closed = true;
      this.#deliver(undefined);
    });
    readline.on("SIGINT", () => {
      if (this.#waiting === undefined) {
        this.interrupt?.();
        return;
      }
      // At an empty prompt crmsh leaves the shell; with text, the line is dropped.
      if (readline.line === "") {
        process.stdout.write("^C\n");
        this.#deliver(leaveRequested);
        return;
      }
      // The typed text is dropped, not submitted, and a fresh prompt shown.
      process.stdout.write("^C\n");
      const editable = readline as unknown as { line: string; cursor: number };
      editable.line = "";
      editable.cursor = 0;
      readline.prompt();
    });
  }

  #deliver(line: ReplInput): void {
    const waiting = this.#waiting;
    if (waiting !== undefined) {
      this.#waiting = undefined;
      waiting(line);
    } else if (line !== undefined) this.#queued.push(line);
  }

  /** Shows `prompt` and resolves with the next line, or undefined at the end of input. */
  read(prompt: string): Promise<ReplInput> {
    this.readline.setPrompt(prompt);
    this.readline.prompt();
    const queued = this.#queued.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.#closed) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.#waiting = resolve));
  }
}

/** The readline session: Tab completes through completions/ once it has loaded. */
export function openPlainTerminal(environment: Environment): TerminalSession {
  let current: { shell?: Shell; context?: SessionSource } = {};
  let completer: ((line: string, cursor: number) => readonly { label: string }[]) | undefined;
  void import("./complete-command.js")
    .then(({ replCompleter }) =>
      replCompleter(environment, () => ({
        level: current.shell?.path.split("/").pop() || "root",
        cib: current.context?.openedSession?.working,
      })),
    )
    .then((loaded) => (completer = loaded));
  const history = readHistory(environment);
  const readline = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    history: [...history].reverse(),
    completer: (line: string): [string[], string] => [
      (completer?.(line, line.length) ?? []).map((candidate) => candidate.label),
      /\S*$/.exec(line)?.[0] ?? "",
    ],
  });
  const lines = new TerminalLines(readline);
  return {
    output: new StreamOutput(process.stdout, process.stderr, describeInText),
    ask: async (question) => {
      const answer = await lines.read(question);
      return typeof answer === "string" ? answer : "";
    },
    port: readlineTerminal(readline),
    run: async (shell, context) => {
      current = { shell, context };
      lines.interrupt = () => context.interrupt?.();
      let entries = history;
      const host = hostname();
      let lastFailed = false;
      for (;;) {
        const levelPath = shell.path;
        const sessionLabel = context.openedSession?.label;
        const line = await lines.read(promptText({ sessionLabel, environment, host, levelPath }));
        if (line === leaveRequested) {
          process.stdout.write("Ctrl-C, leaving\n");
          await shell.finish();
          lastFailed = true;
          break;
        }
        if (line === undefined) break;
        entries = addHistoryEntry(entries, line);
        lastFailed = !(await shell.runLine(line));
        if (shell.finished) break;
      }
      if (!shell.finished) {
        process.stdout.write("\n");
        await shell.finish();
      }
      process.stdout.write("bye\n");
      writeHistory(environment, entries);
      readline.close();
      process.stdin.destroy();
      return lastFailed ? 1 : 0;
    },
  };
}

/** The terminal lent to an editor or pager: readline steps aside (cooked mode) meanwhile. */
function readlineTerminal(readline: Interface): TerminalPort {
  return processTerminal({
    suspend: () => {
      readline.pause();
      process.stdin.setRawMode(false);
    },
    resume: () => {
      process.stdin.setRawMode(true);
      readline.resume();
    },
  });
}
