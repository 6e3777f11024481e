// The shell's own command tree, handed to complete() as the integrator will: every level
// loaded, with the commands CommandTree.commands() lists (common ones included).
import { describe, expect, it } from "vitest";
import { commandTree } from "../../../shell/commands/registry.js";
import type { CompletionContext, CompletionLevel } from "../../../completions/index.js";
import { complete } from "../../../completions/index.js";

async function shellLevels(): Promise<CompletionLevel[]> {
  const tree = commandTree();
  const entries = (tree.root.levels ?? []).flatMap((name) => tree.entry(name) ?? []);
  const levels = [tree.root, ...(await Promise.all(entries.map((entry) => tree.open(entry))))];
  return levels.map((level) => ({ ...level, commands: tree.commands(level) }));
}

describe("complete() on the shell's command tree", () => {
  it("completes levels, commands and statements of the real levels", async () => {
    const context: CompletionContext = {
      idsByKind: new Map([["primitive", ["vip"]]]),
      agents: [],
      agentParameters: new Map(),
      levels: await shellLevels(),
    };
    const at = (line: string) => complete(line, line.length, context).map((c) => c.label);
    expect(at("conf")).toEqual(["configure"]);
    expect(at("configure sh")).toEqual(["show"]);
    expect(at("configure show v")).toEqual(["vip"]);
    expect(at("configure group g ")).toEqual(["vip"]);
    expect(at("configure primitive")).toEqual(["primitive"]);
    expect(at("cluster ")).toEqual(expect.arrayContaining(["help", "ls", "quit"]));
  });
});
