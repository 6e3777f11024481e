/**
 * `help` as the command tree describes it: a level's overview (its sub-levels and every
 * command with its syntax), or one command's syntax, description, aliases and example. Pure:
 * the shell prints the lines.
 */

/** What help reads of a command (the shell's `Command` fits). */
export interface HelpCommand {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly usage: string;
  readonly help: string;
  readonly example?: string;
}

/** What help reads of a level (the shell's `Level` with its commands). */
export interface HelpLevel {
  readonly name: string;
  readonly help: string;
  readonly commands: readonly HelpCommand[];
  readonly levels: readonly { readonly name: string; readonly help: string }[];
}

/** Syntax columns wider than this put the description on the next line. */
const syntaxWidthMax = 40;

function row(left: string, right: string): string[] {
  if (left.length <= syntaxWidthMax) return [`  ${left.padEnd(syntaxWidthMax)}  ${right}`];
  return [`  ${left}`, `  ${"".padEnd(syntaxWidthMax)}  ${right}`];
}

/** The overview of a level: sub-levels, then commands with their syntax. */
export function levelHelp(level: HelpLevel): string[] {
  const title = level.name === "root" ? "crm" : level.name;
  const lines = [`${title}: ${level.help}`];
  if (level.levels.length > 0) {
    lines.push("", "Levels:");
    for (const sublevel of level.levels) lines.push(...row(sublevel.name, sublevel.help));
  }
  lines.push("", "Commands:");
  for (const command of level.commands) {
    const synopsis = `${command.name} ${command.usage}`.trimEnd();
    lines.push(...row(synopsis, firstLine(command.help)));
  }
  lines.push("", 'Type "help COMMAND" for a command\'s syntax and an example.');
  return lines;
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? "";
}

/** One command: syntax, description, aliases, example. */
export function commandHelp(command: HelpCommand, levelName: string): string[] {
  const where = levelName === "root" ? "" : `${levelName} `;
  const lines = [`Usage: ${where}${command.name} ${command.usage}`.trimEnd(), "", command.help];
  if (command.aliases.length > 0) lines.push("", `Aliases: ${command.aliases.join(", ")}`);
  if (command.example !== undefined) lines.push("", "Example:", `  ${command.example}`);
  return lines;
}
