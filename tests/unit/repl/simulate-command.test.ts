import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { commandTree } from "../../../shell/commands/registry.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { Shell } from "../../../shell/shell.js";

const folder = mkdtempSync(join(tmpdir(), "quorate-simulate-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The crm_mon unit test's CIB: two online nodes, web started on node1. */
function clusterCib(): string {
  const source = readFileSync("tests/unit/monitor/crm-mon.test.ts", "utf8");
  const start = source.indexOf("const cib = `") + "const cib = `".length;
  return source.slice(start, source.indexOf("`;", start));
}

test("configure simulate shows the Transition Summary the staged changes would cause", async () => {
  const cib = join(folder, "cib.xml");
  writeFileSync(cib, clusterCib());
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output = new StreamOutput(
    { write: (text: string) => stdout.push(text) },
    { write: (text: string) => stderr.push(text) },
  );
  const options = { force: false, wait: false, interactive: true, batch: false, no: true };
  const shell = new Shell(commandTree(), new ShellContext(output, options, { CIB_file: cib }));
  expect(await shell.runLine("configure")).toBe(true);
  expect(await shell.runLine("primitive d5 ocf:pacemaker:Dummy")).toBe(true);
  expect(await shell.runLine("simulate")).toBe(true);
  const printed = stdout.join("");
  expect(printed).toContain("Transition Summary:");
  expect(printed).toMatch(/\* Start {6}d5 {6}\( node\d \)/);
  expect(printed).toContain("Revised Cluster Status:");
  expect(readFileSync(cib, "utf8")).not.toContain('id="d5"');
  expect(await shell.runLine("ptest bogus")).toBe(false);
  expect(stderr.join("")).toContain('Unknown simulate option "bogus"');
});
