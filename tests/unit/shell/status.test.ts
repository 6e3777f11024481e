import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { emptyCib, writeXml } from "../../../backend/cib/index.js";
import { commandTree } from "../../../shell/commands/registry.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { Shell } from "../../../shell/shell.js";

let folder: string;
let cibPath: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "quorate-status-"));
  cibPath = join(folder, "cib.xml");
  writeFileSync(cibPath, writeXml(emptyCib()));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function shell() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output = new StreamOutput(
    { write: (text: string) => stdout.push(text) },
    { write: (text: string) => stderr.push(text) },
  );
  const options = { force: false, wait: false, interactive: false, batch: false };
  const context = new ShellContext(
    output,
    options,
    { CIB_file: cibPath },
    {
      ask: () => Promise.resolve(""),
    },
  );
  return {
    shell: new Shell(commandTree(), context),
    out: () => stdout.join(""),
    err: () => stderr.join(""),
  };
}

describe("crm status", () => {
  test("prints crm_mon -1's layout for the CIB file, inactive resources on request", async () => {
    const { shell: crm, out, err } = shell();
    expect(await crm.runLine("configure primitive d1 Dummy")).toBe(true);
    expect(await crm.runLine("status inactive")).toBe(true);
    expect(err()).toBe("");
    expect(out()).toContain("Cluster Summary:");
    expect(out()).toContain("1 resource instance configured");
    expect(out()).toMatch(/d1\t\(ocf:\w+:Dummy\):\t Stopped/);
  });

  test("rejects an unknown word with an error and a failed outcome", async () => {
    const { shell: crm, out, err } = shell();
    expect(await crm.runLine("status sideways")).toBe(false);
    expect(out()).toBe("");
    expect(err()).toContain("ERROR: Unknown option: sideways");
  });
});
