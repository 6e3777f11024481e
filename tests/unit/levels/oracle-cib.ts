import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { XmlElement } from "../../../backend/cib/index.js";
import { firstChild, readXml, writeXml } from "../../../backend/cib/index.js";

export const fixturePath = join(import.meta.dirname, "fixtures", "two-nodes.xml");

/** The fixture CIB: two nodes, d1/d2/g(d3)/ms(st) running, a failed monitor of d2 on node2. */
export function fixtureCib(): XmlElement {
  const parsed = readXml(readFileSync(fixturePath, "utf8"));
  if (!parsed.ok) throw new Error("fixture does not parse");
  return parsed.value;
}

/** Runs a Pacemaker tool on a copy of `cib` (CIB_file) and returns the CIB it left. */
export function runOracle(cib: XmlElement, command: readonly string[]): XmlElement {
  const folder = mkdtempSync(join(tmpdir(), "quorate-levels-"));
  try {
    const path = join(folder, "cib.xml");
    writeFileSync(path, writeXml(cib));
    const [program = "", ...args] = command;
    const run = spawnSync(program, args, {
      env: { ...process.env, CIB_file: path },
      encoding: "utf8",
      timeout: 20_000,
    });
    if (run.status !== 0) throw new Error(`${command.join(" ")}: ${run.stderr}`);
    const parsed = readXml(readFileSync(path, "utf8"));
    if (!parsed.ok) throw new Error("oracle output does not parse");
    return parsed.value;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The configuration and status sections as text, for comparing documents without versions. */
export function sectionsText(cib: XmlElement): string {
  const sections = ["configuration", "status"].map((name) => firstChild(cib, name));
  return sections.map((section) => (section === undefined ? "" : writeXml(section))).join("\n");
}
