import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const script = fileURLToPath(new URL("../../../scripts/bench.mjs", import.meta.url));

function bench(args: readonly string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run bench (scripts/bench.mjs)", () => {
  test("--list names every tests/bench/*.bench.ts with its header's first sentence", () => {
    const names = readdirSync(new URL("../../bench/", import.meta.url))
      .filter((file) => file.endsWith(".bench.ts"))
      .map((file) => file.slice(0, -".bench.ts".length))
      .sort();
    const listed = bench(["--list"]);
    expect(listed.code).toBe(0);
    const rows = listed.stdout.trimEnd().split("\n");
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(names);
    expect(rows.find((row) => row.startsWith("scheduler "))).toMatch(
      /^scheduler +crm_simulate speed and memory, quorate against Pacemaker, on generated CIBs$/,
    );
  });

  test("an unknown name exits 2 with the closest bench and runs nothing", () => {
    const run = bench(["schedular"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown bench "schedular" (did you mean scheduler?)');
    expect(run.stdout).not.toContain("===");
  });
});
