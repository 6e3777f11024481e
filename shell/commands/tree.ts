import type { Issue } from "../../backend/base/index.js";
import { issue, nearest } from "../../backend/base/index.js";
import { commonCommands } from "./common.js";
import type { Command, Level } from "./types.js";

/**
 * The command tree: every level (one file each, listed in registry.ts) with the commands
 * common to all levels. Dispatch, help and completion all resolve names here. Names resolve
 * as crmsh does: exact name or alias, else a unique prefix.
 */
export class CommandTree {
  readonly #levels: readonly Level[];
  readonly #commands = new Map<Level, readonly Command[]>();

  constructor(levels: readonly Level[]) {
    this.#levels = levels;
  }

  get root(): Level {
    const root = this.#levels.find((level) => level.name === "root");
    if (root === undefined) throw new Error("The command tree has no root level");
    return root;
  }

  /** Any level by exact name or alias. */
  level(name: string): Level | undefined {
    return this.#levels.find((level) => level.name === name || level.aliases.includes(name));
  }

  /** The level's own commands, then the common ones it does not redefine. */
  commands(level: Level): readonly Command[] {
    let commands = this.#commands.get(level);
    if (commands === undefined) {
      const own = new Set(level.commands.map((command) => command.name));
      const common = commonCommands(level, this).filter((command) => !own.has(command.name));
      commands = [...level.commands, ...common];
      this.#commands.set(level, commands);
    }
    return commands;
  }

  /** A level reachable from `from` by `word` (name, alias or unique prefix). */
  sublevel(from: Level, word: string): Level | undefined {
    const reachable = (from.levels ?? [])
      .map((name) => this.level(name))
      .filter((level): level is Level => level !== undefined);
    const named = (level: Level): readonly string[] => [level.name, ...level.aliases];
    const exact = reachable.find((level) => named(level).includes(word));
    if (exact !== undefined) return exact;
    if (this.commands(from).some((command) => command.name.startsWith(word))) return undefined;
    const prefixed = reachable.filter((level) =>
      named(level).some((name) => name.startsWith(word)),
    );
    return prefixed.length === 1 ? prefixed[0] : undefined;
  }

  /** The command `word` names in `level`, or an issue (unknown or ambiguous, with a hint). */
  command(level: Level, word: string): Command | Issue {
    const commands = this.commands(level);
    const exact = commands.find(
      (command) => command.name === word || command.aliases.includes(word),
    );
    if (exact !== undefined) return exact;
    const prefixed = commands.filter((command) => command.name.startsWith(word));
    if (prefixed.length === 1 && prefixed[0] !== undefined) return prefixed[0];
    const where = level.name === "root" ? "" : ` in level "${level.name}"`;
    if (prefixed.length > 1) {
      const names = prefixed.map((command) => command.name).join(", ");
      return issue("ambiguous_command", `Ambiguous command "${word}"${where}: ${names}`);
    }
    const names = [
      ...commands.flatMap((command) => [command.name, ...command.aliases]),
      ...(level.levels ?? []),
    ];
    const suggestion = nearest(word, names);
    return issue("unknown_command", `Unknown command "${word}"${where}`, {
      ...(suggestion === undefined ? {} : { suggestion: `did you mean "${suggestion}"?` }),
    });
  }
}
