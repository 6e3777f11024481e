import { describe, expect, test } from "vitest";
import { parseLine } from "../../../grammar/index.js";
import { commandTree } from "../../../shell/commands/registry.js";
import { commandHelp, levelHelp } from "../../../shell/repl/index.js";
import { configureLevel } from "../../../shell/commands/configure.js";
import { statementKeywords } from "../../../shell/commands/statement-keywords.js";

describe("help", () => {
  test("a level's overview lists sub-levels and every command with its syntax", () => {
    const tree = commandTree();
    const levels = (tree.root.levels ?? []).map((name) => ({
      name,
      help: tree.entry(name)?.help ?? "",
    }));
    const lines = levelHelp({ ...tree.root, commands: tree.commands(tree.root), levels });
    expect(lines[0]).toBe(`crm: ${tree.root.help}`);
    expect(lines).toContain("Levels:");
    expect(lines.some((line) => /^ {2}configure\s+CIB configuration/.test(line))).toBe(true);
    expect(lines.some((line) => /^ {2}help \[LEVEL\] \[COMMAND\]\s+Show/.test(line))).toBe(true);
  });

  test("a command's help gives its syntax, aliases and example", () => {
    const primitive = configureLevel.commands.find((command) => command.name === "primitive");
    expect(primitive).toBeDefined();
    if (primitive === undefined) return;
    const lines = commandHelp(primitive, "configure");
    expect(lines[0]).toMatch(/^Usage: configure primitive ID \[CLASS:\[PROVIDER:\]\]TYPE/);
    expect(lines).toContain("Aliases: resource");
    expect(lines.at(-2)).toBe("Example:");
  });

  test.each(statementKeywords)("the example of configure %s is valid crm syntax", (keyword) => {
    const command = configureLevel.commands.find((candidate) => candidate.name === keyword);
    const example = command?.example;
    expect(example).toBeDefined();
    const parsed = parseLine(example ?? "");
    expect(parsed.issues.filter((found) => found.severity !== "warning")).toEqual([]);
    expect(parsed.ok).toBe(true);
  });
});
