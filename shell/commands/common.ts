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
      usage: "[COMMAND]",
      help: "Show help for this level or a command",
      run: (input, context) => showHelp(level, input.args[0], context, tree),
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

function showHelp(
  level: Level,
  topic: string | undefined,
  context: CommandContext,
  tree: CommandTree,
): Outcome {
  const output = context.output;
  if (topic === undefined) {
    output.line(`${level.name === "root" ? "crm" : level.name}: ${level.help}`);
    output.line("");
    for (const name of level.levels ?? []) {
      output.line(`  ${name.padEnd(16)} ${tree.entry(name)?.help ?? ""}`);
    }
    for (const command of tree.commands(level))
      output.line(`  ${command.name.padEnd(16)} ${command.help}`);
    return done;
  }
  const command = tree
    .commands(level)
    .find((candidate) => candidate.name === topic || candidate.aliases.includes(topic));
  if (command !== undefined) {
    output.line(`${command.name} ${command.usage}`.trimEnd());
    output.line("");
    output.line(command.help);
    if (command.example !== undefined) output.line(`\nExample:\n  ${command.example}`);
    return done;
  }
  const sublevel = tree.entry(topic);
  if (sublevel !== undefined) {
    output.line(`${sublevel.name}: ${sublevel.help}`);
    return done;
  }
  output.error(`No help for "${topic}"`);
  return failed;
}
