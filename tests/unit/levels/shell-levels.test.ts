import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { commandTree } from "../../../shell/commands/registry.js";
import type { ShellOptions } from "../../../shell/commands/types.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { Shell } from "../../../shell/shell.js";
import { fixturePath } from "./oracle-cib.js";

let folder: string;
let cibPath: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "quorate-levels-"));
  cibPath = join(folder, "cib.xml");
  copyFileSync(fixturePath, cibPath);
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function shellWith(options: Partial<ShellOptions> = {}) {
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
  const environment = {
    CIB_file: cibPath,
    CIB_shadow_dir: join(folder, "shadows"),
    HOME: join(folder, "home"),
  };
  const context = new ShellContext(output, full, environment);
  const shell = new Shell(commandTree(), context);
  return { shell, context, out: () => stdout.join(""), err: () => stderr.join("") };
}

const cibText = (): string => readFileSync(cibPath, "utf8");

describe("resource level", () => {
  test("stop commits target-role at once; a typo gets the nearest id", async () => {
    const { shell, err } = shellWith();
    expect(await shell.runLine("resource stop d1")).toBe(true);
    expect(cibText()).toContain(
      '<nvpair id="d1-meta_attributes-target-role" name="target-role" value="Stopped"/>',
    );
    expect(await shell.runLine("resource start dl")).toBe(false);
    expect(err()).toContain('No resource "dl" in the CIB (did you mean "d1"?)');
  });

  test("while configure has staged edits, a resource change joins them uncommitted", async () => {
    const { shell, context, err } = shellWith({ batch: true });
    expect(await shell.runLine("configure primitive d9 ocf:pacemaker:Dummy")).toBe(true);
    expect(await shell.runLine("resource stop d1")).toBe(true);
    expect(err()).toContain("INFO: Currently editing the CIB, changes will not be committed");
    expect(cibText()).not.toContain('id="d9"');
    expect(await context.openedSession?.commit()).toEqual([]);
    expect(cibText()).toContain('id="d9"');
    expect(cibText()).toContain('name="target-role" value="Stopped"');
  });

  test("move, locate, failcount and cleanup print what crm_resource prints", async () => {
    const { shell, out, err } = shellWith();
    expect(await shell.runLine("resource move d1 node2")).toBe(true);
    expect(err()).toContain("INFO: Move constraint created for d1 to node2");
    expect(cibText()).toContain(
      '<rsc_location id="cli-prefer-d1" rsc="d1" role="Started" node="node2" score="INFINITY"/>',
    );
    expect(await shell.runLine("resource locate d2")).toBe(true);
    expect(await shell.runLine("resource failcount d2 show node2")).toBe(true);
    expect(await shell.runLine("resource cleanup d2")).toBe(true);
    expect(out()).toContain(
      "resource d2 is running on: node2\nscope=status  name=fail-count-d2 value=1\nCleaned up d2 on node2\n",
    );
    expect(cibText()).not.toContain("fail-count-d2");
    expect(await shell.runLine("resource move d1")).toBe(false);
    expect(err()).toContain("No target node: Move requires either a target node or 'force'");
  });

  test("status lists every resource as crm_resource --list does", async () => {
    const { shell, out } = shellWith();
    expect(await shell.runLine("resource status")).toBe(true);
    expect(out()).toContain(
      "Full List of Resources:\n  * d1\t(ocf:pacemaker:Dummy):\t Started node1\n",
    );
  });
});

describe("node level", () => {
  test("standby, attribute and show; fence is refused on a CIB file", async () => {
    const { shell, out, err } = shellWith();
    expect(await shell.runLine("node standby node1")).toBe(true);
    expect(await shell.runLine("node attribute node1 set rack r2")).toBe(true);
    expect(await shell.runLine("node show node1")).toBe(true);
    expect(out()).toBe("node1: member\n\tstandby=on\n\track=r2\n");
    expect(await shell.runLine("node fence node2")).toBe(false);
    expect(err()).toContain("Cannot fence node2: fencing needs a live cluster (CRM_CLUSTER)");
  });
});

describe("cib level (shadow CIBs)", () => {
  test("new, edit in the shadow, diff, commit to the CIB, delete", async () => {
    const { shell, context, out } = shellWith({ interactive: true });
    expect(await shell.runLine("cib new trial")).toBe(true);
    expect(existsSync(join(folder, "shadows", "shadow.trial"))).toBe(true);
    expect(context.openedSession?.label).toBe("trial");
    expect(await shell.runLine("configure")).toBe(true);
    expect(await shell.runLine("primitive d9 ocf:pacemaker:Dummy")).toBe(true);
    expect(await shell.runLine("commit")).toBe(true);
    expect(await shell.runLine("up")).toBe(true);
    expect(cibText()).not.toContain('id="d9"');
    expect(await shell.runLine("cib diff")).toBe(true);
    expect(out()).toContain("+primitive d9 ocf:pacemaker:Dummy");
    expect(await shell.runLine("cib use")).toBe(true);
    expect(context.openedSession?.label).toBe("live");
    expect(await shell.runLine("cib commit trial")).toBe(true);
    expect(cibText()).toContain('<primitive id="d9"');
    expect(await shell.runLine("cib delete trial")).toBe(true);
    expect(await shell.runLine("cib use trial")).toBe(false);
  });
});

describe("options level", () => {
  test("options are validated, shown and saved to crm.conf when the level is left", async () => {
    const { shell, out, err } = shellWith();
    expect(await shell.runLine("options editor nano")).toBe(true);
    expect(await shell.runLine("options wait maybe")).toBe(false);
    expect(err()).toContain(
      'Invalid value "maybe" for core.wait: expected yes, no, true, false, on, off',
    );
    expect(readFileSync(join(folder, "home", ".config", "crm", "crm.conf"), "utf8")).toBe(
      "[core]\neditor = nano\n",
    );
    expect(await shell.runLine("options show")).toBe(true);
    expect(out()).toBe("core.editor = nano\n");
  });
});
