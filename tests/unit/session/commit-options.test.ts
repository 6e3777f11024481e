import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { emptyCib, writeXml } from "../../../backend/cib/index.js";
import { commandTree } from "../../../shell/commands/registry.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { Shell } from "../../../shell/shell.js";

/** A shell in this process on CIB_file=path, as a person's session is. */
function fileShell(path: string) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output = new StreamOutput(
    { write: (text: string) => stdout.push(text) },
    { write: (text: string) => stderr.push(text) },
  );
  const options = { force: false, wait: false, interactive: false, batch: false };
  const context = new ShellContext(output, options, { ...process.env, CIB_file: path });
  return { shell: new Shell(commandTree(), context), err: () => stderr.join("") };
}

describe("commit, commit force and commit replace on a CIB file another client changed", () => {
  let folder: string;
  let path: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "quorate-commit-"));
    path = join(folder, "cib.xml");
    writeFileSync(path, writeXml(emptyCib()));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** This session stages d1 (fake=mine); meanwhile another commits d1 (fake=theirs) and d2. */
  async function raced(): Promise<ReturnType<typeof fileShell>> {
    const mine = fileShell(path);
    expect(await mine.shell.runLine("configure")).toBe(true);
    expect(await mine.shell.runLine("primitive d1 ocf:pacemaker:Dummy params fake=mine")).toBe(
      true,
    );
    const theirs = fileShell(path);
    const script = "configure primitive d1 ocf:pacemaker:Dummy params fake=theirs";
    expect(await theirs.shell.runLine(script), theirs.err()).toBe(true);
    expect(await theirs.shell.runLine("configure primitive d2 ocf:pacemaker:Dummy")).toBe(true);
    return mine;
  }

  test("commit refuses the lost race and keeps the staged change; commit force writes it over theirs", async () => {
    const mine = await raced();
    expect(await mine.shell.runLine("commit")).toBe(false);
    expect(mine.err()).toMatch(/the file changed since it was read; nothing was written/);
    expect(readFileSync(path, "utf8")).toContain('value="theirs"');
    expect(await mine.shell.runLine("commit force"), mine.err()).toBe(true);
    const written = readFileSync(path, "utf8");
    expect(written).toContain('value="mine"');
    expect(written).not.toContain('value="theirs"');
    // Forced, the staged objects win; the other client's other objects stay.
    expect(written).toContain('<primitive id="d2"');
  });

  test("commit replace refuses the lost race too; commit replace force writes the staged CIB whole", async () => {
    const mine = await raced();
    expect(await mine.shell.runLine("commit replace")).toBe(false);
    expect(mine.err()).toMatch(/the file changed since it was read/);
    expect(await mine.shell.runLine("commit replace force"), mine.err()).toBe(true);
    const written = readFileSync(path, "utf8");
    expect(written).toContain('value="mine"');
    // The whole staged configuration replaces theirs: d2 was not in it.
    expect(written).not.toContain('<primitive id="d2"');
  });
});
