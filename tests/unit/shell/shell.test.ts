import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { emptyCib, writeXml } from "../../../backend/cib/index.js";
import { runBatch, scriptLines } from "../../../shell/batch.js";
import { commandTree } from "../../../shell/commands/registry.js";
import type { ShellOptions } from "../../../shell/commands/types.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { Shell } from "../../../shell/shell.js";

let folder: string;
let cibPath: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "quorate-shell-"));
  cibPath = join(folder, "cib.xml");
  writeFileSync(cibPath, writeXml(emptyCib()));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function shellWith(options: Partial<ShellOptions>, answers: string[] = []) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output = new StreamOutput(
    { write: (text: string) => stdout.push(text) },
    { write: (text: string) => stderr.push(text) },
  );
  const full: ShellOptions = {
    force: false,
    wait: false,
    interactive: false,
    batch: false,
    ...options,
  };
  const asked: string[] = [];
  const ask = (question: string): Promise<string> => {
    asked.push(question);
    return Promise.resolve(answers.shift() ?? "");
  };
  const context = new ShellContext(output, full, { CIB_file: cibPath }, { ask });
  const shell = new Shell(commandTree(), context);
  return { shell, context, output, asked, out: () => stdout.join(""), err: () => stderr.join("") };
}

const cibText = (): string => readFileSync(cibPath, "utf8");

describe("Shell", () => {
  test("a full path line enters configure, runs the statement and commits on the way out", async () => {
    const { shell } = shellWith({});
    expect(await shell.runLine("configure primitive d1 Dummy")).toBe(true);
    expect(shell.path).toBe("");
    expect(cibText()).toContain('<primitive id="d1"');
  });

  test("interactive: cd .. asks about pending changes; n discards, y commits", async () => {
    const { shell, asked } = shellWith({ interactive: true }, ["n", "y"]);
    await shell.runLine("conf");
    expect(shell.path).toBe("configure");
    await shell.runLine("primitive d1 Dummy");
    await shell.runLine("cd ..");
    expect(asked).toEqual(["There are changes pending. Do you want to commit them (y/n)? "]);
    expect(cibText()).not.toContain("d1");
    await shell.runLine("configure");
    await shell.runLine("primitive d2 Dummy");
    await shell.runLine("up");
    expect(cibText()).toContain('id="d2"');
  });

  test("-n answers no: leaving configure drops the changes", async () => {
    const { shell } = shellWith({ interactive: true, no: true });
    await shell.runLine("configure");
    await shell.runLine("primitive d1 Dummy");
    await shell.finish();
    expect(cibText()).not.toContain("d1");
  });

  test("show changed lists only staged objects; unknown commands fail with a hint", async () => {
    writeFileSync(
      cibPath,
      writeXml(emptyCib()).replace(
        "<resources/>",
        '<resources><primitive id="old" class="ocf" provider="heartbeat" type="Dummy"/></resources>',
      ),
    );
    const { shell, out, err } = shellWith({ interactive: true });
    await shell.runLine("configure");
    await shell.runLine("primitive d2 Dummy");
    expect(await shell.runLine("show changed")).toBe(true);
    expect(out()).toBe("primitive d2 Dummy\n");
    expect(await shell.runLine("shwo")).toBe(false);
    expect(err()).toContain('Unknown command "shwo" in level "configure"');
  });

  test("a batch defers commit to the end and writes once; with an error nothing", async () => {
    const ok = shellWith({ batch: true });
    const code = await runBatch(
      ok.shell,
      ok.context,
      ok.output,
      scriptLines("configure\nprimitive a Dummy\ncommit\nprimitive b Dummy\n"),
    );
    expect(code).toBe(0);
    expect(cibText()).toMatch(/epoch="2"/);
    const before = cibText();
    const bad = shellWith({ batch: true });
    const failedCode = await runBatch(
      bad.shell,
      bad.context,
      bad.output,
      scriptLines("configure\nprimitive c Dummy\ncolocation x inf: c ghost\n"),
    );
    expect(failedCode).toBe(1);
    expect(bad.err()).toContain("3:");
    expect(bad.err()).toContain("nothing was written");
    expect(cibText()).toBe(before);
  });

  test("scriptLines() joins continuation lines and keeps the first line's number", () => {
    expect(scriptLines("a \\\n  b\nc")).toEqual([
      { text: "a \\\n  b", line: 1 },
      { text: "c", line: 3 },
    ]);
  });

  test("commit with check errors asks a person, and refuses without one", async () => {
    const broken = writeXml(emptyCib()).replace(
      "<constraints/>",
      '<constraints><rsc_location id="l" rsc="ghost" score="1" node="n1"/></constraints>',
    );
    writeFileSync(cibPath, broken);
    const batch = shellWith({});
    expect(await batch.shell.runLine("configure primitive d1 Dummy")).toBe(false);
    expect(batch.err()).toContain('Location "l" refers to missing resource "ghost"');
    expect(cibText()).toBe(broken);
    const person = shellWith({ interactive: true }, ["y"]);
    await person.shell.runLine("configure");
    await person.shell.runLine("primitive d1 Dummy");
    expect(await person.shell.runLine("commit")).toBe(true);
    expect(person.asked).toEqual(["Do you still want to commit (y/n)? "]);
    expect(cibText()).toContain('id="d1"');
  });

  test("a commit warns about the objects it changed only; verify warns about all", async () => {
    const first = shellWith({});
    await first.shell.runLine("configure primitive d1 Dummy");
    await first.shell.runLine("configure location l1 d1 100: node9");
    expect(first.err()).toContain('WARNING: Location "l1": referenced node "node9" does not exist');
    const second = shellWith({});
    expect(await second.shell.runLine("configure primitive d2 Dummy")).toBe(true);
    expect(second.err()).toBe("");
    expect(await second.shell.runLine("configure verify")).toBe(true);
    expect(second.err()).toContain('referenced node "node9"');
  });

  test("a missing CIB_file starts as an empty CIB that the first commit creates", async () => {
    rmSync(cibPath);
    const { shell, err } = shellWith({});
    expect(await shell.runLine("configure show")).toBe(true);
    expect(existsSync(cibPath)).toBe(false);
    expect(await shell.runLine("configure primitive d1 Dummy")).toBe(true);
    expect(err()).toBe("");
    expect(readFileSync(cibPath, "utf8")).toContain('<primitive id="d1"');
  });

  test("a CIB_file in a folder that does not exist is reported, not thrown", async () => {
    cibPath = join(folder, "nowhere", "cib.xml");
    const { shell, err } = shellWith({});
    expect(await shell.runLine("configure primitive d1 Dummy")).toBe(false);
    expect(err()).toContain("Cannot write CIB file");
  });
});
