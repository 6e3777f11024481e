import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./source-files.js";

/** The shared conformance corpus, beside the clone (`../shared/corpus`); never copied in. */
export const corpusRoot = join(repoRoot, "..", "shared", "corpus");

/** Path of a corpus folder (`crmsh`, `scheduler`), or undefined when it is absent. */
export function corpusDir(name: string): string | undefined {
  const dir = join(corpusRoot, name);
  if (existsSync(dir)) return dir;
  console.warn(`Skipping ${name} conformance: corpus folder ${dir} is absent`);
  return undefined;
}

export function corpusFiles(dir: string, extension: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(extension))
    .map((file) => file.slice(0, -extension.length))
    .sort();
}

export function readCorpusFile(dir: string, name: string): string {
  return readFileSync(join(dir, name), "utf8");
}

/** Rows of an INDEX.tsv (header skipped), as arrays of columns. */
export function corpusIndex(dir: string): string[][] {
  return readCorpusFile(dir, "INDEX.tsv")
    .split("\n")
    .slice(1)
    .filter((line) => line.trim() !== "")
    .map((line) => line.split("\t"));
}
