import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { formatIssue, parseScript } from "../../../grammar/index.js";
import { repoRoot } from "../../support/source-files.js";

/**
 * Transcripts: `parse` blocks of crm input, `----`, then the AST of each statement (one JSON
 * line each, spans left out) or the formatted issues. UPDATE=1 rewrites the expected parts;
 * review the diff like code before committing.
 */
const dir = join(repoRoot, "tests", "transcripts", "grammar");

interface Block {
  readonly input: string;
  readonly expected: string;
}

function parseTranscript(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n(?=parse\n)/)) {
    if (!chunk.startsWith("parse\n")) continue;
    const [input = "", expected = ""] = chunk.slice("parse\n".length).split("\n----\n");
    blocks.push({ input, expected: expected.trimEnd() });
  }
  return blocks;
}

function withoutSpans(_key: string, value: unknown): unknown {
  return _key === "span" ? undefined : value;
}

export function render(input: string): string {
  const result = parseScript(input);
  const lines: string[] = [];
  const statements = result.ok ? result.value : (result.partial ?? []);
  for (const statement of statements) lines.push(JSON.stringify(statement, withoutSpans));
  for (const found of result.issues) lines.push(formatIssue(input, found));
  if (!result.ok) lines.push("(not ok)");
  return lines.join("\n");
}

const files = readdirSync(dir).filter((file) => file.endsWith(".txt")).sort();

describe.each(files)("transcript %s", (file) => {
  const path = join(dir, file);
  const blocks = parseTranscript(readFileSync(path, "utf8"));
  if (process.env["UPDATE"] === "1") {
    const text = blocks.map((block) => `parse\n${block.input}\n----\n${render(block.input)}\n`);
    writeFileSync(path, text.join("\n"));
  }
  test.each(blocks.map((block, index) => [index + 1, block] as const))(
    "block %i parses to its recorded AST",
    (_index, block) => {
      expect(render(block.input)).toBe(block.expected);
    },
  );
});
