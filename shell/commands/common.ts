import { commandHelp, levelHelp } from "../repl/index.js";
import { printLong } from "./paging.js";
import type { CommandTree } from "./tree.js";
import type { Command, CommandContext, Level, Outcome } from "./types.js";
import { done, failed } from "./types.js";

/**
 * Commands every level has (crmsh: cd, ls, help, up, quit). `help` and `ls` read the level
 * they run in from the command tree, so they are built per level by `commonCommands()`.
 */
export function commonCommands(level: Level, tree: CommandTree): Command[] {
  return [
    {
      name: "help",
      aliases: ["?", "-h", "--help"],
      usage: "[LEVEL] [COMMAND]",
      help: "Show this level's commands with their syntax, or a command's syntax and example",
      example: "help primitive",
      run: (input, context) => showHelp(level, input.args, context, tree),
    },
    {
      name: "ls",
      aliases: [],
      usage: "",
      help: "List the commands and levels of this level",
      run: (_input, context) => {
        const names = [
          ...(level.levels ?? []),
          ...tree.commands(level).map((command) => command.name),
        ];
        context.output.line(names.join("  "));
        return done;
      },
    },
    {
      name: "cd",
      aliases: [],
      usage: "[LEVEL|..]",
      help: "Enter a level, or go up with `..` or no argument",
      run: (input) => changeLevel(input.args[0]),
    },
    {
      name: "up",
      aliases: ["end", "back"],
      usage: "",
      help: "Go up one level",
      run: () => ({ kind: "leave_level" }),
    },
    {
      name: "quit",
      aliases: ["exit", "bye"],
      usage: "",
      help: "Leave the shell",
      run: () => ({ kind: "quit" }),
    },
  ];
}

function changeLevel(target: string | undefined): Outcome {
  if (target === undefined || target === "..") return { kind: "leave_level" };
  return { kind: "enter_level", level: target };
}

/** `help`, `help COMMAND`, `help LEVEL`, `help LEVEL COMMAND` (crmsh's forms). */
async function showHelp(
  level: Level,
  topics: readonly string[],
  context: CommandContext,
  tree: CommandTree,
): Promise<Outcome> {
  const output = context.output;
  const [topic, subtopic] = topics;
  if (topic === undefined) {
    const levels = (level.levels ?? []).map((name) => ({
      name,
      help: tree.entry(name)?.help ?? "",
    }));
    // Help goes through the pager when it fills the terminal, as crmsh's does.
    await printLong(
      context,
      levelHelp({ ...level, commands: tree.commands(level), levels }).join("\n"),
    );
    return done;
  }
  const entry = tree.sublevel(level, topic);
  if (entry !== undefined) {
    const opened = await tree.open(entry);
    return showHelp(opened, subtopic === undefined ? [] : [subtopic], context, tree);
  }
  const command = tree.command(level, topic);
  if (!("code" in command)) {
    await printLong(context, commandHelp(command, level.name).join("\n"));
    return done;
  }
  output.error(
    `No help for "${topic}"${command.suggestion === undefined ? "" : ` (${command.suggestion})`}`,
  );
  return failed;
}
