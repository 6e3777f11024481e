import { spawnSync } from "node:child_process";

/**
 * A terminal driven as a person drives it: a detached tmux session on a private server
 * (`-L`), text typed literally, keys sent one by one, the screen read with capture-pane and
 * polled (bounded) until it shows what is expected. Always `kill()` it.
 */
export class TmuxSession {
  static #count = 0;
  readonly #server: string;
  readonly #name = "main";

  private constructor(server: string) {
    this.#server = server;
  }

  /** Starts `command` (argv) in a 120×40 terminal with exactly `environment`. */
  static start(
    command: readonly string[],
    environment: Readonly<Record<string, string>>,
    size: { readonly columns: number; readonly rows: number } = { columns: 120, rows: 40 },
  ): TmuxSession {
    TmuxSession.#count += 1;
    const session = new TmuxSession(`quorate-repl-${process.pid}-${TmuxSession.#count}`);
    const variables = Object.entries(environment).map(([name, value]) => `${name}=${value}`);
    const shellCommand = ["env", "-i", ...variables, ...command].map(quote).join(" ");
    session.#tmux(
      "new-session",
      "-d",
      "-s",
      session.#name,
      "-x",
      String(size.columns),
      "-y",
      String(size.rows),
      // Keep the pane after the program ends, so its last screen can be read.
      `${shellCommand}; echo "[exited $?]"; sleep 30`,
    );
    return session;
  }

  #tmux(...args: string[]): string {
    const ran = spawnSync("tmux", ["-L", this.#server, "-f", "/dev/null", ...args], {
      encoding: "utf8",
    });
    if (ran.status !== 0) throw new Error(`tmux ${args[0] ?? ""} failed: ${ran.stderr}`);
    return ran.stdout;
  }

  /** Types text literally (no key names). */
  type(text: string): void {
    this.#tmux("send-keys", "-t", this.#name, "-l", text);
  }

  /** Presses keys by tmux name: Enter, Tab, Up, C-r, C-c, C-d… */
  press(...keys: string[]): void {
    for (const key of keys) this.#tmux("send-keys", "-t", this.#name, key);
  }

  /** Pastes text as a terminal does: one burst, line breaks as carriage returns, bracketed. */
  paste(text: string): void {
    this.#tmux("set-buffer", "--", text);
    this.#tmux("paste-buffer", "-p", "-t", this.#name);
  }

  screen(): string {
    return this.#tmux("capture-pane", "-p", "-t", this.#name);
  }

  /**
   * Polls the screen until `expected` matches it (a predicate: returns true for it); throws
   * with the screen after `timeoutMs`.
   */
  async waitFor(
    expected: RegExp | string | ((screen: string) => boolean),
    timeoutMs = 10_000,
  ): Promise<string> {
    const started = performance.now();
    for (;;) {
      const screen = this.screen();
      const found =
        typeof expected === "string"
          ? screen.includes(expected)
          : typeof expected === "function"
            ? expected(screen)
            : expected.test(screen);
      if (found) return screen;
      if (performance.now() - started > timeoutMs) {
        throw new Error(`Screen never showed ${String(expected)}:\n${screen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  kill(): void {
    spawnSync("tmux", ["-L", this.#server, "kill-server"]);
  }
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
