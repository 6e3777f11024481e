import { hostname } from "node:os";
import { createInterface } from "node:readline";
import type { Interface } from "node:readline";
import type { Shell } from "./shell.js";

/**
 * The plain interactive loop (also the mode for dumb terminals): crmsh's prompt
 * `crm(live/HOST)configure# `, one line at a time, Ctrl-D quits (leaving levels asks about
 * pending changes). Returns the exit code.
 */
export async function runInteractive(
  shell: Shell,
  readline: Interface,
  label: () => string,
): Promise<number> {
  const host = hostname().split(".")[0] ?? "localhost";
  const prompt = (): string => `crm(${label()}/${host})${shell.path}# `;
  let lastFailed = false;
  readline.setPrompt(prompt());
  readline.prompt();
  for await (const line of readline) {
    lastFailed = !(await shell.runLine(line));
    if (shell.finished) break;
    readline.setPrompt(prompt());
    readline.prompt();
  }
  if (!shell.finished) {
    process.stdout.write("\n");
    await shell.finish();
  }
  process.stdout.write("bye\n");
  readline.close();
  return lastFailed ? 1 : 0;
}

/** One readline over the terminal, shared by the loop and the y/n questions. */
export function terminalReadline(): Interface {
  return createInterface({ input: process.stdin, output: process.stdout, terminal: true });
}

export function askWith(readline: Interface): (question: string) => Promise<string> {
  return (question) => new Promise((resolve) => readline.question(question, resolve));
}
