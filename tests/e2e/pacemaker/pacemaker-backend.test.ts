import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { setTargetRole } from "../../../backend/admin/index.js";
import { PacemakerBackend } from "../../../backend/pacemaker/index.js";
import { StagedSession } from "../../../backend/session/index.js";
import { commandTree } from "../../../shell/commands/registry.js";
import { ShellContext } from "../../../shell/context.js";
import { StreamOutput } from "../../../shell/output.js";
import { Shell } from "../../../shell/shell.js";
import { hasTool } from "../../support/oracle.js";
import { fixturePath } from "../../unit/levels/oracle-cib.js";

const tools = hasTool("cibadmin") && hasTool("crm_diff");

let folder: string;
let cibPath: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "quorate-pacemaker-"));
  cibPath = join(folder, "cib.xml");
  copyFileSync(fixturePath, cibPath);
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function shellOn(environment: Record<string, string>) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output = new StreamOutput(
    { write: (text: string) => stdout.push(text) },
    { write: (text: string) => stderr.push(text) },
  );
  const options = { force: false, wait: false, interactive: false, batch: false };
  const context = new ShellContext(output, options, environment);
  return {
    shell: new Shell(commandTree(), context),
    out: () => stdout.join(""),
    err: () => stderr.join(""),
  };
}

describe.skipIf(!tools)("the pacemaker backend (cibadmin and crm_diff on a CIB file)", () => {
  test("configure and resource commands go through cibadmin --patch; the file moves on", async () => {
    const { shell, out, err } = shellOn({
      ...process.env,
      CRM_BACKEND: "pacemaker",
      CIB_file: cibPath,
    });
    expect(await shell.runLine("configure primitive d9 ocf:pacemaker:Dummy"), err()).toBe(true);
    expect(await shell.runLine("resource stop d9"), err()).toBe(true);
    expect(await shell.runLine("configure show d9")).toBe(true);
    expect(out()).toContain("primitive d9 ocf:pacemaker:Dummy \\\n\tmeta target-role=Stopped");
    const text = readFileSync(cibPath, "utf8");
    expect(text).toContain(
      '<nvpair id="d9-meta_attributes-target-role" name="target-role" value="Stopped"/>',
    );
    expect(text).toMatch(/epoch="4" num_updates="0"/);
    const verified = spawnSync("crm_verify", ["-x", cibPath], { encoding: "utf8" });
    expect(verified.status, verified.stderr).toBe(0);
  });

  test("a commit that lost a race is refused by cibadmin, naming both versions", async () => {
    const environment = { ...process.env, CRM_BACKEND: "pacemaker", CIB_file: cibPath };
    const session = await StagedSession.open(new PacemakerBackend(environment));
    if (!("working" in session)) throw new Error(session.map((found) => found.message).join("; "));
    const other = spawnSync("crm_resource", ["-r", "d1", "--meta", "-p", "priority", "-v", "5"], {
      env: { ...process.env, CIB_file: cibPath },
      encoding: "utf8",
    });
    expect(other.status, other.stderr).toBe(0);
    const staged = setTargetRole(session.working, ["d1"], "Stopped", { overrideChildren: false });
    if (!staged.ok) throw new Error("stage");
    session.stage(staged.value.cib);
    const refused = await session.commit();
    expect(refused[0]?.code).toBe("cib_conflict");
    expect(refused[0]?.message).toContain("(read at version 0.2.22, now at 0.3.0)");
    expect(readFileSync(cibPath, "utf8")).not.toContain("d1-meta_attributes-target-role");
    expect(await session.refresh()).toEqual([]);
    expect(await session.commit()).toEqual([]);
    const text = readFileSync(cibPath, "utf8");
    expect(text).toContain("d1-meta_attributes-target-role");
  });

  test("a concurrent change to another object merges, as crmsh's patch does", async () => {
    const environment = { ...process.env, CRM_BACKEND: "pacemaker", CIB_file: cibPath };
    const session = await StagedSession.open(new PacemakerBackend(environment));
    if (!("working" in session)) throw new Error("open");
    const other = spawnSync("crm_resource", ["-r", "d2", "--meta", "-p", "priority", "-v", "5"], {
      env: { ...process.env, CIB_file: cibPath },
      encoding: "utf8",
    });
    expect(other.status, other.stderr).toBe(0);
    const staged = setTargetRole(session.working, ["d1"], "Stopped", { overrideChildren: false });
    if (!staged.ok) throw new Error("stage");
    session.stage(staged.value.cib);
    expect(await session.commit()).toEqual([]);
    const text = readFileSync(cibPath, "utf8");
    expect(text).toContain("d1-meta_attributes-target-role");
    expect(text).toContain("d2-meta_attributes-priority");
  });

  test("crm_mon -1 with CRM_BACKEND=pacemaker reads through cibadmin and renders the status", async () => {
    const { liveCrmMon } = await import("../../../shell/live-monitor.js");
    const shown = await liveCrmMon(["-1"], {
      ...process.env,
      CRM_BACKEND: "pacemaker",
      CIB_file: cibPath,
    });
    expect(shown.exitCode, shown.stderr).toBe(0);
    expect(shown.stdout).toContain("* Online: [ node1 node2 ]");
  });
});
