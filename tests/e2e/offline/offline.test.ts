import { spawn } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { emptyCib, writeXml } from "../../../backend/cib/index.js";
import type { Ran } from "./crm-process.js";
import { buildCrm, runBin } from "./crm-process.js";

let built: Awaited<ReturnType<typeof buildCrm>>;
let folder: string;
let cibPath: string;

beforeAll(async () => {
  built = await buildCrm();
}, 120_000);
afterAll(() => built.cleanup());

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "quorate-offline-"));
  cibPath = join(folder, "cib.xml");
  writeFileSync(cibPath, writeXml(emptyCib()));
  return () => rmSync(folder, { recursive: true, force: true });
});

function crm(args: readonly string[], input?: string): Promise<Ran> {
  return runBin(built.bin, args, {
    environment: { CIB_file: cibPath },
    ...(input === undefined ? {} : { input }),
  });
}

const cibText = (): string => readFileSync(cibPath, "utf8");
const epochOf = (): string => /epoch="(\d+)"/.exec(cibText())?.[1] ?? "";

describe("crm one-shot commands on CIB_file", () => {
  test("a configure statement commits at once, moving epoch as cibadmin does", async () => {
    const ran = await crm([
      "configure",
      "primitive",
      "d1",
      "ocf:heartbeat:Dummy",
      "op",
      "monitor",
      "interval=10s",
    ]);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    expect(cibText()).toContain(
      '<primitive id="d1" class="ocf" provider="heartbeat" type="Dummy">',
    );
    expect(cibText()).toContain('<op name="monitor" interval="10s" id="d1-monitor-10s"/>');
    expect(cibText()).toMatch(/epoch="2" num_updates="0" admin_epoch="0"/);
  });

  test("show prints the crm language; a unique prefix resolves; show xml prints XML", async () => {
    await crm(["configure", "primitive", "d1", "Dummy", "params", "fake=1"]);
    const shown = await crm(["configure", "sh"]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe("primitive d1 Dummy \\\n\tparams fake=1\n");
    const xml = await crm(["configure", "show", "xml", "d1"]);
    expect(xml.stdout).toContain('<primitive id="d1"');
  });

  test("an error exits 1 and writes nothing", async () => {
    const before = cibText();
    const ran = await crm(["configure", "primitive", "d1", "NoSuch:Class:X:Y"]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/error in primitive: Invalid agent/);
    expect(cibText()).toBe(before);
    const unknown = await crm(["configure", "frobnicate"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "frobnicate" in level "configure"');
  });

  test("delete, rename and modgroup edit the file with crmsh's cascade", async () => {
    const script = [
      "configure",
      "primitive a Dummy",
      "primitive b Dummy",
      "primitive x Dummy",
      "group g a b",
      "colocation co inf: a x",
    ].join("\n");
    expect((await crm(["-f", "-"], script)).code).toBe(0);
    const deleted = await crm(["configure", "delete", "a"]);
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toContain("INFO: hanging colocation:co deleted");
    expect((await crm(["configure", "rename", "b", "b2"])).code).toBe(0);
    expect((await crm(["configure", "modgroup", "g", "add", "x", "before", "b2"])).code).toBe(0);
    expect((await crm(["configure", "show"])).stdout).toBe(
      "primitive b2 Dummy\nprimitive x Dummy\ngroup g x b2\n",
    );
    expect((await crm(["configure", "delete", "ghost"])).code).toBe(1);
  });

  test("erase keeps nodes; verify reports errors and exits 1", async () => {
    await crm(["-f", "-"], "configure\nnode node1\nprimitive d1 Dummy\n");
    expect((await crm(["configure", "erase"])).code).toBe(0);
    expect((await crm(["configure", "show"])).stdout).toBe("node node1\n");
    const broken = cibText().replace(
      "<constraints/>",
      '<constraints><rsc_location id="l" rsc="ghost" score="1" node="node1"/></constraints>',
    );
    writeFileSync(cibPath, broken);
    const verified = await crm(["configure", "verify"]);
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('ERROR: Location "l" refers to missing resource "ghost"');
  });
});

describe("crm scripts are one transaction", () => {
  test("-f FILE applies every statement and writes once", async () => {
    const script = join(folder, "script.crm");
    writeFileSync(
      script,
      "configure\nprimitive d1 Dummy\nprimitive d2 Dummy\ncommit\nprimitive d3 Dummy\n",
    );
    const ran = await crm(["-f", script]);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    expect(cibText()).toContain('id="d3"');
    expect(epochOf()).toBe("2");
  });

  test("a script with an error writes nothing and reports the line", async () => {
    const before = cibText();
    const ran = await crm(
      [],
      'configure\nprimitive d1 Dummy\nprimitive d2 Dummy bogus="\nprimitive d3 Dummy\n',
    );
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain("nothing was written");
    expect(cibText()).toBe(before);
  });

  test("load update, load replace, load push, save and save xml", async () => {
    const load = join(folder, "load.crm");
    writeFileSync(load, "node node1\nprimitive d1 Dummy\nprimitive d2 Dummy\n");
    expect((await crm(["configure", "load", "update", load])).code).toBe(0);
    writeFileSync(load, "primitive d3 Dummy\n");
    expect((await crm(["configure", "load", "replace", load])).code).toBe(0);
    expect((await crm(["configure", "show"])).stdout).toBe("node node1\nprimitive d3 Dummy\n");
    expect((await crm(["configure", "load", "push", "-"], "primitive d4 Dummy\n")).code).toBe(0);
    expect((await crm(["configure", "show"])).stdout).toBe("primitive d4 Dummy\n");
    const saved = join(folder, "saved.crm");
    expect((await crm(["configure", "save", saved])).code).toBe(0);
    expect(readFileSync(saved, "utf8")).toBe("primitive d4 Dummy\n");
    const savedXml = join(folder, "saved.xml");
    expect((await crm(["configure", "save", "xml", savedXml])).code).toBe(0);
    expect(readFileSync(savedXml, "utf8")).toBe(cibText());
  });
});

describe("the CIB file", () => {
  test("bad XML is reported as file:line:column and nothing is written", async () => {
    writeFileSync(cibPath, "<cib>\n  <configuration>\n    <nodes\n</cib>\n");
    const ran = await crm(["configure", "primitive", "d1", "Dummy"]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(new RegExp(`${cibPath}:4:1: `));
    expect(cibText()).toBe("<cib>\n  <configuration>\n    <nodes\n</cib>\n");
  });

  test("a commit refuses a file changed by someone else since crm read it", async () => {
    const child = spawn(process.execPath, [built.bin], {
      env: { PATH: process.env["PATH"] ?? "", CIB_file: cibPath },
    });
    let stdout = "";
    let stderr = "";
    const shown = new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes("primitive mine Dummy")) resolve();
      });
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    child.stdin.write("configure\nprimitive mine Dummy\nshow\n");
    await shown;
    const theirs = cibText().replace('epoch="1"', 'epoch="7"');
    writeFileSync(cibPath, theirs);
    child.stdin.end("commit\n");
    expect(await exited).toBe(1);
    expect(stderr).toContain("the file changed since it was read; nothing was written");
    expect(cibText()).toBe(theirs);
  });

  test("a missing file reads as an empty CIB and the first commit creates it", async () => {
    rmSync(cibPath);
    expect(await crm(["configure", "show"])).toMatchObject({ code: 0, stdout: "" });
    expect(existsSync(cibPath)).toBe(false);
    expect((await crm(["configure", "primitive", "d1", "Dummy"])).code).toBe(0);
    expect(cibText()).toContain('epoch="2"');
    expect(cibText()).toContain('<primitive id="d1"');
  });

  test("a commit replaces the file by rename and leaves no temporary file", async () => {
    const inode = statSync(cibPath).ino;
    expect((await crm(["configure", "primitive", "d1", "Dummy"])).code).toBe(0);
    expect(statSync(cibPath).ino).not.toBe(inode);
    expect(readdirSync(folder)).toEqual(["cib.xml"]);
  });

  test("--complete answers completions/crm.bash with levels, commands and the CIB's ids", async () => {
    await crm(["configure", "primitive", "web-1", "Dummy"]);
    expect((await crm(["--complete", "1", "--", "crm", "conf"])).stdout).toBe("configure\n");
    expect((await crm(["--complete", "2", "--", "crm", "configure", "pri"])).stdout).toBe(
      "primitive\n",
    );
    const ids = await crm(["--complete", "3", "--", "crm", "configure", "delete", "we"]);
    expect(ids.stdout).toBe("web-1\n");
  });

  test("--version and --help exit 0", async () => {
    expect((await crm(["--version"])).stdout).toMatch(/^crm \d+\.\d+\.\d+/);
    expect((await crm(["--help"])).stdout).toContain("usage: crm");
  });
});
