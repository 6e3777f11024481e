import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname, sep } from "node:path";

export const repoRoot = resolve(dirname(new URL(import.meta.url).pathname), "../..");
export const productAreas = ["grammar", "completions", "backend", "daemons", "shell"] as const;

/** Every TypeScript source file of the product (not tests), as repo-relative paths. */
export function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(entry) && !entry.endsWith(".d.ts")) files.push(path);
    }
  };
  for (const area of productAreas) {
    try {
      walk(join(repoRoot, area));
    } catch {
      // an area that does not exist yet has no files
    }
  }
  return files.map((file) => relative(repoRoot, file).split(sep).join("/"));
}

export interface ImportEdge {
  readonly fromPath: string;
  readonly specifier: string;
  /** Repo-relative target for relative imports; undefined for packages. */
  readonly toPath: string | undefined;
}

const importPattern =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

export function importEdges(files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const fromPath of files) {
    const text = readFileSync(join(repoRoot, fromPath), "utf8");
    for (const match of text.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (specifier === undefined) continue;
      const toPath = specifier.startsWith(".")
        ? relative(repoRoot, resolve(repoRoot, dirname(fromPath), specifier))
            .split(sep)
            .join("/")
        : undefined;
      edges.push({ fromPath, specifier, toPath });
    }
  }
  return edges;
}
