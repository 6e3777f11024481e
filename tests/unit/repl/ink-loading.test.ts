import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { expect, test } from "vitest";
import { repoRoot } from "../../support/source-files.js";

/** Files a module loads before running anything: static, non-type imports (dynamic ones excluded). */
function staticClosure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (path: string): void => {
    if (files.has(path)) return;
    files.add(path);
    const text = readFileSync(join(repoRoot, path), "utf8");
    for (const match of text.matchAll(
      /^(?:import|export)(?!\s+type\b)[^;]*?from\s+"([^"]+)";/gms,
    )) {
      const specifier = match[1] ?? "";
      if (!specifier.startsWith(".")) {
        packages.add(specifier);
        continue;
      }
      const target = normalize(join(dirname(path), specifier)).replace(/\.js$/, "");
      const source = [`${target}.ts`, `${target}.tsx`].find((candidate) => {
        try {
          readFileSync(join(repoRoot, candidate));
          return true;
        } catch {
          return false;
        }
      });
      if (source !== undefined) visit(source);
    }
  };
  visit(entry);
  return { files, packages };
}

test.each(["shell/bin/crm.ts", "shell/bin/crm-mon.ts", "shell/main.ts", "shell/interactive.ts"])(
  "%s loads neither Ink nor React before it needs them (dynamic imports only)",
  (entry) => {
    const { packages } = staticClosure(entry);
    expect([...packages].filter((name) => /^(ink|react)(\/|$)/.test(name))).toEqual([]);
  },
);

test("the scan sees Ink where it is imported (the REPL screen)", () => {
  expect(staticClosure("shell/components/ReplScreen.tsx").packages).toContain("ink");
});
