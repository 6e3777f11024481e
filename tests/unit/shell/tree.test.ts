import { describe, expect, test } from "vitest";
import { CommandTree } from "../../../shell/commands/tree.js";
import type { Command, Level, LevelEntry } from "../../../shell/commands/types.js";
import { done } from "../../../shell/commands/types.js";

const command = (name: string, aliases: string[] = []): Command => ({
  name,
  aliases,
  usage: "",
  help: name,
  run: () => done,
});
const configure: Level = {
  name: "configure",
  aliases: [],
  help: "configure",
  commands: [command("show", ["list"]), command("save"), command("primitive", ["resource"])],
};
const resource: Level = {
  name: "resource",
  aliases: ["res"],
  help: "resource",
  commands: [command("start")],
};
const root: Level = {
  name: "root",
  aliases: [],
  help: "root",
  commands: [],
  levels: ["configure", "resource"],
};
const entry = (level: Level): LevelEntry => ({ ...level, load: () => Promise.resolve(level) });
const tree = new CommandTree(root, [entry(configure), entry(resource)]);

function resolved(level: Level, word: string): string {
  const found = tree.command(level, word);
  return "code" in found
    ? `${found.code}: ${found.message}${found.suggestion ? ` (${found.suggestion})` : ""}`
    : found.name;
}

describe("CommandTree", () => {
  test("resolves names, aliases and unique prefixes, and the common commands", () => {
    expect(resolved(configure, "show")).toBe("show");
    expect(resolved(configure, "list")).toBe("show");
    expect(resolved(configure, "pri")).toBe("primitive");
    expect(resolved(configure, "resource")).toBe("primitive");
    expect(resolved(configure, "end")).toBe("up");
    expect(resolved(configure, "exit")).toBe("quit");
  });

  test("reports ambiguous prefixes and unknown commands with a hint", () => {
    expect(resolved(configure, "s")).toBe(
      'ambiguous_command: Ambiguous command "s" in level "configure": show, save',
    );
    expect(resolved(configure, "shw")).toBe(
      'unknown_command: Unknown command "shw" in level "configure" (did you mean "show"?)',
    );
  });

  test("loads a level once, on first use", async () => {
    const found = tree.entry("res");
    if (found === undefined) throw new Error("no entry");
    const loaded = await tree.open(found);
    expect(loaded).toBe(resource);
    expect(await tree.open(found)).toBe(loaded);
  });

  test("finds sublevels by name, alias and prefix", () => {
    expect(tree.sublevel(root, "configure")?.name).toBe("configure");
    expect(tree.sublevel(root, "res")?.name).toBe("resource");
    expect(tree.sublevel(root, "conf")?.name).toBe("configure");
    expect(tree.sublevel(configure, "resource")).toBeUndefined();
  });
});
