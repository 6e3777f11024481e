import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { emptyCib, writeXml } from "../../../backend/cib/index.js";
import { hasTool } from "../../support/oracle.js";
import { buildCrm } from "./crm-process.js";

/** Runs crm on a pseudo-terminal (util-linux `script`) with the given typed lines. */
function onTerminal(bin: string, cib: string, typed: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qc", `${process.execPath} ${bin}`, "/dev/null"], {
      env: { PATH: process.env["PATH"] ?? "", CIB_file: cib, TERM: "dumb" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", () => resolve(output));
    child.stdin.end(typed);
  });
}

describe.skipIf(!hasTool("script"))("crm on a terminal", () => {
  let built: Awaited<ReturnType<typeof buildCrm>>;
  let folder: string;
  beforeAll(async () => {
    built = await buildCrm();
    folder = mkdtempSync(join(tmpdir(), "quorate-tty-"));
  }, 120_000);
  afterAll(() => {
    built.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  test("stages edits, completes with Tab, asks about them on up, commits on y and discards on n", async () => {
    const cib = join(folder, "cib.xml");
    writeFileSync(cib, writeXml(emptyCib()));
    const typed =
      "configure\nprimitive d1 Dummy\nup\nn\nconf\nprimit\t d2 Dummy\nshow\nend\ny\nquit\n";
    const output = (await onTerminal(built.bin, cib, typed)).replace(/\r/g, "");
    expect(output).toMatch(/crm\(cib\.xml\/[^)]+\)# /);
    expect(output).toMatch(/crm\(cib\.xml\/[^)]+\)configure# /);
    expect(output).toContain("There are changes pending. Do you want to commit them (y/n)?");
    expect(output).toContain("bye");
    const written = readFileSync(cib, "utf8");
    expect(written).toContain('<primitive id="d2"');
    expect(written).not.toContain('id="d1"');
    expect(written).toContain('epoch="2"');
  }, 30_000);
});
