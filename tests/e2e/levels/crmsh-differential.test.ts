import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import type { XmlElement } from "../../../backend/cib/index.js";
import { readXml } from "../../../backend/cib/index.js";
import { commandTree } from "../../../shell/commands/registry.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { Shell } from "../../../shell/shell.js";
import { hasTool } from "../../support/oracle.js";
import { fixturePath, sectionsText } from "../../unit/levels/oracle-cib.js";

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), "quorate-levels-crmsh-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * Resource and node commands whose CIB change crmsh 4.4 makes on a CIB file by itself (the ones
 * it leaves to crm_resource and crm_attribute are compared with those tools in tests/unit/levels).
 */
const commands: readonly string[] = [
  "resource start d1",
  "resource unmanage g",
  "resource maintenance d3 on",
  "resource stop ms",
  "resource move d1 node2",
  "resource ban d2 node1",
  "node maintenance node1",
  "node attribute node1 set rack r1",
];

function parsed(path: string): XmlElement {
  const read = readXml(readFileSync(path, "utf8"));
  if (!read.ok) throw new Error(`${path} does not parse`);
  return read.value;
}

async function ours(command: string, path: string): Promise<string> {
  const sink = { write: (): boolean => true };
  const options = { force: false, wait: false, interactive: false, batch: false };
  const context = new ShellContext(new StreamOutput(sink, sink), options, { CIB_file: path });
  const shell = new Shell(commandTree(), context);
  if (!(await shell.runLine(command))) throw new Error(`crm ${command} failed`);
  return sectionsText(parsed(path));
}

async function crmsh(command: string, path: string): Promise<string> {
  await run("crm", command.split(" "), {
    env: { ...process.env, CIB_file: path },
    timeout: 60_000,
  });
  return sectionsText(parsed(path));
}

describe.skipIf(!hasTool("crm"))(
  "crm resource and crm node against crmsh 4.4 on a CIB file",
  () => {
    test("every command leaves the CIB crmsh leaves", async () => {
      const results = await Promise.all(
        commands.map(async (command, index) => {
          const mine = join(folder, `ours-${index}.xml`);
          const theirs = join(folder, `crmsh-${index}.xml`);
          copyFileSync(fixturePath, mine);
          copyFileSync(fixturePath, theirs);
          return { command, ours: await ours(command, mine), crmsh: await crmsh(command, theirs) };
        }),
      );
      const differing = results.filter((result) => result.ours !== result.crmsh);
      expect(differing.map((result) => result.command)).toEqual([]);
      for (const result of results) expect(result.ours, result.command).toBe(result.crmsh);
    }, 120_000);
  },
);
