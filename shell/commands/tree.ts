import type { Issue } from "../../backend/base/index.js";
import { issue, nearest } from "../../backend/base/index.js";
import { commonCommands } from "./common.js";
import type { Command, Level, LevelEntry } from "./types.js";

/**
 * The command tree: every level (one file each, listed in registry.ts) with the commands
 * common to all levels. Dispatch, help and completion all resolve names here. Names resolve
 * as crmsh does: exact name or alias, else a unique prefix.
 */
export class CommandTree {
  readonly #root: Level;
  readonly #entries: readonly LevelEntry[];
  readonly #loaded = new Map<LevelEntry, Level>();
  readonly #commands = new Map<Level, readonly Command[]>();

  constructor(root: Level, entries: readonly LevelEntry[]) {
    this.#root = root;
    this.#entries = entries;
  }

  get root(): Level {
    return this.#root;
  }

  /** A registered level by exact name or alias (loaded or not). */
  entry(name: string): LevelEntry | undefined {
    return this.#entries.find((entry) => entry.name === name || entry.aliases.includes(name));
  }

  /** Loads a level's commands (once). */
  async open(entry: LevelEntry): Promise<Level> {
    let level = this.#loaded.get(entry);
    if (level === undefined) {
      level = await entry.load();
      this.#loaded.set(entry, level);
    }
    return level;
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
  sublevel(from: Level, word: string): LevelEntry | undefined {
    const reachable = (from.levels ?? [])
      .map((name) => this.entry(name))
      .filter((entry): entry is LevelEntry => entry !== undefined);
    const named = (entry: LevelEntry): readonly string[] => [entry.name, ...entry.aliases];
    const exact = reachable.find((entry) => named(entry).includes(word));
    if (exact !== undefined) return exact;
    if (this.commands(from).some((command) => command.name.startsWith(word))) return undefined;
    const prefixed = reachable.filter((entry) =>
      named(entry).some((name) => name.startsWith(word)),
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
