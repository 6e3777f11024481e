import { preferencesOf } from "./commands/preferences.js";
import { requiredSkill, skillAllows } from "./commands/skill-levels.js";
import type { CommandTree } from "./commands/tree.js";
import type { CommandContext, Level, Outcome } from "./commands/types.js";
import { splitWords } from "./words.js";
import type { Word } from "./words.js";

/**
 * One shell: a stack of levels over the command tree. `runLine` runs one typed line (a level
 * word, a command, or a full path such as `configure primitive d1 Dummy`, which enters the
 * levels, runs the command and backs out, as crmsh does). Interactive, script and one-shot
 * modes all drive this class; only the source of lines and the prompt differ.
 */
export class Shell {
  readonly #tree: CommandTree;
  readonly #context: CommandContext;
  #stack: Level[];
  #finished = false;
  /** A command interrupted while it still ran: the next one starts after it settles. */
  #unsettled: Promise<unknown> | undefined;

  constructor(tree: CommandTree, context: CommandContext) {
    this.#tree = tree;
    this.#context = context;
    this.#stack = [tree.root];
  }

  get finished(): boolean {
    return this.#finished;
  }

  /** `configure`, `configure/ra`: the level path shown in the prompt. */
  get path(): string {
    return this.#stack
      .slice(1)
      .map((level) => level.name)
      .join("/");
  }

  /** Runs one line; returns false when it failed. `line` is its number in a script. */
  async runLine(text: string, line = 0): Promise<boolean> {
    const trimmed = text.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return true;
    const words = splitWords(text);
    if (words === undefined) {
      this.#context.output.error(
        `${line > 0 ? `${line}: ` : ""}Unterminated quote in "${trimmed}"`,
      );
      return false;
    }
    return this.runWords(text, words, line);
  }

  /** Runs a line already split into words (one-shot argv). */
  async runWords(text: string, words: readonly Word[], line = 0): Promise<boolean> {
    const depth = this.#stack.length;
    let index = 0;
    for (; index < words.length; index++) {
      const next = this.#tree.sublevel(this.#current(), words[index]?.text ?? "");
      if (next === undefined) break;
      this.#stack.push(await this.#tree.open(next));
    }
    if (index === words.length) return true;
    const succeeded = await this.#runCommand(text, words, index, line);
    if (this.#stack.length > depth && index > 0) {
      const left = await this.leaveTo(depth);
      return succeeded && left;
    }
    return succeeded;
  }

  /** Leaves levels (running their `leave` hooks) until `depth` remain; false if one refused. */
  async leaveTo(depth: number): Promise<boolean> {
    while (this.#stack.length > Math.max(depth, 1)) {
      const level = this.#current();
      const outcome = level.leave === undefined ? undefined : await level.leave(this.#context);
      if (outcome?.kind === "failed") {
        if (this.#context.options.interactive) return false;
        this.#stack.pop();
        return false;
      }
      this.#stack.pop();
    }
    return true;
  }

  /** Leaves every level (the end of input, `quit`). */
  async finish(): Promise<boolean> {
    this.#finished = true;
    return this.leaveTo(1);
  }

  #current(): Level {
    return this.#stack[this.#stack.length - 1] ?? this.#tree.root;
  }

  async #runCommand(
    text: string,
    words: readonly Word[],
    index: number,
    line: number,
  ): Promise<boolean> {
    const word = words[index];
    if (word === undefined) return true;
    const command = this.#tree.command(this.#current(), word.text);
    if ("code" in command) {
      this.#context.output.issues([command]);
      return false;
    }
    // crmsh's check_skill_level: `options skill-level` bounds what may run.
    const level = this.#current().name;
    const need = requiredSkill(level, command.name);
    if (!skillAllows(preferencesOf(this.#context).skillLevel(), need)) {
      this.#context.output.error(`${level}.${command.name}: ACL ${need} skill level required`);
      return false;
    }
    const input = {
      args: words.slice(index + 1).map((item) => item.text),
      text: text.slice(word.start).trim(),
      line,
    };
    if (this.#unsettled !== undefined) {
      this.#context.output.status?.("finishing the interrupted command…");
      await this.#unsettled;
      this.#context.output.status?.(undefined);
      this.#unsettled = undefined;
    }
    const signal = this.#context.beginCommand?.();
    const running = Promise.resolve(command.run(input, this.#context));
    const outcome = signal === undefined ? await running : await untilAborted(running, signal);
    if (outcome !== undefined) return this.#apply(outcome);
    // Ctrl-C: back to the prompt at once. Staged changes stay staged; a write already on its
    // way may still land, and the next command waits for it.
    this.#unsettled = running.catch(() => undefined);
    this.#context.output.error("interrupted");
    return false;
  }

  async #apply(outcome: Outcome): Promise<boolean> {
    switch (outcome.kind) {
      case "done":
        return true;
      case "failed":
        return false;
      case "leave_level":
        return this.leaveTo(this.#stack.length - 1);
      case "quit":
        return this.finish();
      case "enter_level":
        return this.#enter(outcome.level);
    }
  }

  async #enter(path: string): Promise<boolean> {
    for (const name of path.split("/")) {
      if (name === "" || name === ".") continue;
      if (name === "..") {
        if (!(await this.leaveTo(this.#stack.length - 1))) return false;
        continue;
      }
      const next = this.#tree.sublevel(this.#current(), name);
      if (next === undefined) {
        this.#context.output.error(`Unknown level "${name}"`);
        return false;
      }
      this.#stack.push(await this.#tree.open(next));
    }
    return true;
  }
}

/** The command's outcome, or undefined as soon as `signal` is aborted. */
function untilAborted(
  running: Promise<Outcome>,
  signal: AbortSignal,
): Promise<Outcome | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
    running.then(
      (outcome) => {
        signal.removeEventListener("abort", onAbort);
        resolve(outcome);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
