import { spawn } from "node:child_process";
import type { TerminalPort } from "./commands/types.js";

/** What a screen (the REPL's) does while another program has the terminal. */
export interface TerminalHandoff {
  /** Gives up the terminal: raw mode off, keys no longer read, the screen's frame erased. */
  suspend(): void;
  /** Takes it back and redraws. */
  resume(): void;
}

/**
 * The process's terminal lent to editors and pagers: `command` runs through /bin/sh (so
 * `EDITOR="code --wait"` works) with the terminal as its standard output and error, and as
 * its standard input unless `input` is given (a pager reads the text from a pipe and keys
 * from /dev/tty). Resolves with its exit code (127 when it could not start).
 */
export function processTerminal(handoff?: TerminalHandoff): TerminalPort {
  return {
    get rows() {
      return process.stdout.rows || 24;
    },
    get columns() {
      return process.stdout.columns || 80;
    },
    run: async (command, input) => {
      handoff?.suspend();
      try {
        return await runAttached(command, input);
      } finally {
        handoff?.resume();
      }
    },
  };
}

let lent = 0;

/** True while an editor or pager has the terminal (its Ctrl-C is its own, not crm's). */
export function terminalLent(): boolean {
  return lent > 0;
}

async function runAttached(command: string, input: string | undefined): Promise<number> {
  // Ctrl-C reaches the whole foreground group: the program handles it, crm must not die of it.
  const ignore = (): void => undefined;
  process.on("SIGINT", ignore);
  lent += 1;
  try {
    return await runChild(command, input);
  } finally {
    lent -= 1;
    process.off("SIGINT", ignore);
  }
}

function runChild(command: string, input: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("/bin/sh", ["-c", command], {
      stdio: [input === undefined ? "inherit" : "pipe", "inherit", "inherit"],
    });
    child.once("error", () => resolve(127));
    child.once("close", (code) => resolve(code ?? 1));
    if (input !== undefined) {
      // A pager quit before reading everything closes the pipe: that is not an error.
      child.stdin?.on("error", () => undefined);
      child.stdin?.end(input);
    }
  });
}
