import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { emptyCib, writeXml } from "../../../backend/cib/index.js";
import { commandTree } from "../../../shell/commands/registry.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { Shell } from "../../../shell/shell.js";

const folder = mkdtempSync(join(tmpdir(), "quorate-show-changed-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test("show changed xml and show xml changed both print the staged objects as XML", async () => {
  const cib = join(folder, "cib.xml");
  writeFileSync(cib, writeXml(emptyCib()));
  const stdout: string[] = [];
  const output = new StreamOutput(
    { write: (text: string) => stdout.push(text) },
    { write: () => true },
  );
  const options = { force: false, wait: false, interactive: true, batch: false, no: true };
  const shell = new Shell(commandTree(), new ShellContext(output, options, { CIB_file: cib }));
  expect(await shell.runLine("configure primitive d0 ocf:pacemaker:Dummy")).toBe(true);
  expect(await shell.runLine("configure")).toBe(true);
  expect(await shell.runLine("primitive d1 ocf:pacemaker:Dummy")).toBe(true);
  for (const line of ["show changed xml", "show xml changed"]) {
    stdout.length = 0;
    expect(await shell.runLine(line)).toBe(true);
    expect(stdout.join("")).toContain(
      '<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"/>',
    );
    expect(stdout.join("")).not.toContain('id="d0"');
  }
});
