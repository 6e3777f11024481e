import { hostname } from "node:os";
import { createInterface } from "node:readline";
import type { Interface } from "node:readline";
import type { Shell } from "./shell.js";

/**
 * Lines typed (or pasted) at the terminal, queued so that the command loop and y/n questions
 * read from the same place in order: a pasted answer is never lost to the loop.
 */
export class TerminalLines {
  readonly #readline: Interface;
  readonly #queued: string[] = [];
  #waiting: ((line: string | undefined) => void) | undefined;
  #closed = false;

  constructor(readline: Interface) {
    this.#readline = readline;
    readline.on("line", (line) => this.#deliver(line));
    readline.on("close", () => {
      this.#closed = true;
      this.#deliver(undefined);
    });
    readline.on("SIGINT", () => {
      readline.write("\n");
      readline.prompt();
    });
  }

  #deliver(line: string | undefined): void {
    const waiting = this.#waiting;
    if (waiting !== undefined) {
      this.#waiting = undefined;
      waiting(line);
    } else if (line !== undefined) this.#queued.push(line);
  }

  /** Shows `prompt` and resolves with the next line, or undefined at the end of input. */
  read(prompt: string): Promise<string | undefined> {
    this.#readline.setPrompt(prompt);
    this.#readline.prompt();
    const queued = this.#queued.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.#closed) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  close(): void {
    this.#readline.close();
    process.stdin.destroy();
  }
}

/**
 * The plain interactive loop (also the mode for dumb terminals): crmsh's prompt
 * `crm(live/HOST)configure# `, one line at a time; `quit` or Ctrl-D leaves (leaving levels
 * asks about pending changes). Returns the exit code.
 */
export async function runInteractive(
  shell: Shell,
  lines: TerminalLines,
  label: () => string,
): Promise<number> {
  const host = hostname().split(".")[0] ?? "localhost";
  let lastFailed = false;
  for (;;) {
    const line = await lines.read(`crm(${label()}/${host})${shell.path}# `);
    if (line === undefined) break;
    lastFailed = !(await shell.runLine(line));
    if (shell.finished) break;
  }
  if (!shell.finished) {
    process.stdout.write("\n");
    await shell.finish();
  }
  process.stdout.write("bye\n");
  lines.close();
  return lastFailed ? 1 : 0;
}

export type Completer = (
  line: string,
  answer: (error: null, result: [string[], string]) => void,
) => void;

/** One readline over the terminal, shared by the loop and the y/n questions; Tab completes. */
export function terminalLines(completer?: Completer): TerminalLines {
  return new TerminalLines(
    createInterface({
      input: process.stdin,
      output: process.stdout,
      terminal: true,
      ...(completer === undefined ? {} : { completer }),
    }),
  );
}

export function askWith(lines: TerminalLines): (question: string) => Promise<string> {
  return async (question) => (await lines.read(question)) ?? "";
}
