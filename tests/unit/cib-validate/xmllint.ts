import { spawnSync } from "node:child_process";

export const pacemakerSchema = "/usr/share/pacemaker/pacemaker-3.9.rng";

/**
 * Runs xmllint --relaxng over many files at once (in batches) and returns the files it
 * validates. Each file ends up in exactly one of its verdict lines.
 */
export function xmllintAccepts(files: readonly string[]): Set<string> {
  const accepted = new Set<string>();
  for (let start = 0; start < files.length; start += 200) {
    const batch = files.slice(start, start + 200);
    const run = spawnSync("xmllint", ["--noout", "--relaxng", pacemakerSchema, ...batch], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    for (const line of run.stderr.split("\n")) {
      const match = /^(.*) validates$/.exec(line);
      if (match?.[1] !== undefined) accepted.add(match[1]);
    }
  }
  return accepted;
}
