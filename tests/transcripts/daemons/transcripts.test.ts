import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseTranscript, printTranscript, runTranscript } from "./script.js";

const folder = import.meta.dirname;
const files = readdirSync(folder)
  .filter((name) => name.endsWith(".txt"))
  .sort();

describe("membership transcripts", () => {
  test.each(files)("%s", (name) => {
    const path = join(folder, name);
    const text = readFileSync(path, "utf8");
    const blocks = parseTranscript(text);
    const outputs = runTranscript(blocks);
    if (process.env["UPDATE"] === "1") {
      writeFileSync(path, printTranscript(text, outputs));
      return;
    }
    blocks.forEach((block, index) => {
      expect(outputs[index], `${name}: ${block.commands.join("; ")}`).toEqual(block.expected);
    });
  });
});
