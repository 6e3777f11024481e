import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  agentDirectories,
  bundledOcfRoot,
  describeAgent,
  parseAgentMetadata,
} from "../../../backend/ra/index.js";

// quorate's bundled ocf:quorate:Dummy, run for real as the executor runs agents: the action as
// the only argument, parameters in OCF_RESKEY_*, the answer in the exit code.

let folder = "";
const agent = join(bundledOcfRoot() ?? "", "resource.d", "quorate", "Dummy");

function run(
  action: string,
  extra: Record<string, string> = {},
): { code: number; stderr: string; stdout: string } {
  const result = spawnSync(agent, [action], {
    encoding: "utf8",
    env: {
      PATH: "/usr/bin:/bin",
      OCF_ROOT: bundledOcfRoot() ?? "",
      OCF_RA_VERSION_MAJOR: "1",
      OCF_RA_VERSION_MINOR: "1",
      OCF_RESOURCE_INSTANCE: "d1",
      OCF_RESOURCE_TYPE: "Dummy",
      OCF_RESOURCE_PROVIDER: "quorate",
      HA_RSCTMP: folder,
      OCF_RESKEY_CRM_meta_timeout: "20000",
      ...extra,
    },
  });
  return { code: result.status ?? -1, stderr: result.stderr, stdout: result.stdout };
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "quorate-dummy-"));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe("ocf:quorate:Dummy", () => {
  test("is committed as an executable file", () => {
    expect(statSync(agent).mode & 0o111).toBe(0o111);
    const staged = spawnSync(
      "git",
      ["ls-files", "-s", "daemons/agents/ocf/resource.d/quorate/Dummy"],
      {
        encoding: "utf8",
      },
    );
    expect(staged.stdout).toMatch(/^100755 /);
  });

  test("start → monitor 0 → stop → monitor 7, idempotent both ways", () => {
    const state = join(folder, "Dummy-d1.state");
    expect(run("monitor").code).toBe(7);
    expect(run("start").code).toBe(0);
    expect(existsSync(state)).toBe(true);
    expect(run("start").code).toBe(0);
    expect(run("monitor").code).toBe(0);
    expect(run("stop").code).toBe(0);
    expect(existsSync(state)).toBe(false);
    expect(run("stop").code).toBe(0);
    expect(run("monitor").code).toBe(7);
  });

  test("a recurring monitor of a stopped resource gives an exit reason, a probe does not", () => {
    expect(run("monitor", { OCF_RESKEY_CRM_meta_interval: "10000" })).toMatchObject({
      code: 7,
      stderr: expect.stringMatching(/^ocf-exit-reason:State file .* is gone/) as unknown,
    });
    expect(run("monitor", { OCF_RESKEY_CRM_meta_interval: "0" }).stderr).toBe("");
  });

  test("validate-all accepts good parameters and answers 6 for a bad one", () => {
    expect(run("validate-all").code).toBe(0);
    const bad = run("validate-all", { OCF_RESKEY_op_sleep: "abc" });
    expect(bad.code).toBe(6);
    expect(bad.stderr).toContain("ocf-exit-reason:Parameter op_sleep must be a whole number");
    const missing = run("validate-all", {
      OCF_RESKEY_state: "/nonexistent/deeper/d.state",
      OCF_CHECK_LEVEL: "10",
    });
    expect(missing.code).toBe(5);
    expect(run("start").code).toBe(0);
    expect(run("start", { OCF_RESKEY_op_sleep: "abc" }).code).toBe(6);
    expect(run("stop", { OCF_RESKEY_op_sleep: "abc" }).code).toBe(0);
    expect(run("monitor").code).toBe(7);
  });

  test("the state parameter, clone suffixes and reload-agent", () => {
    const state = join(folder, "own.state");
    expect(run("start", { OCF_RESKEY_state: state, OCF_RESKEY_fake: "one" }).code).toBe(0);
    expect(readFileSync(state, "utf8")).toBe("fake=one\n");
    expect(run("reload-agent", { OCF_RESKEY_state: state, OCF_RESKEY_fake: "two" }).code).toBe(0);
    expect(readFileSync(state, "utf8")).toBe("fake=two\n");
    expect(run("stop", { OCF_RESKEY_state: state }).code).toBe(0);
    expect(run("reload", { OCF_RESKEY_state: state }).code).toBe(7);
    expect(run("start", { OCF_RESOURCE_INSTANCE: "c1:3" }).code).toBe(0);
    expect(existsSync(join(folder, "Dummy-c1.state"))).toBe(true);
    const unique = { OCF_RESOURCE_INSTANCE: "c1:3", OCF_RESKEY_CRM_meta_globally_unique: "true" };
    expect(run("monitor", unique).code).toBe(7);
    expect(run("stop", { OCF_RESOURCE_INSTANCE: "c1:3" }).code).toBe(0);
  });

  test("migrate_to leaves this node and migrate_from arrives", () => {
    const here = { OCF_RESOURCE_INSTANCE: "m1" };
    expect(run("migrate_to", { ...here, OCF_RESKEY_CRM_meta_migrate_target: "node2" }).code).toBe(
      1,
    );
    expect(run("start", here).code).toBe(0);
    expect(run("migrate_to", here).code).toBe(2);
    expect(run("migrate_to", { ...here, OCF_RESKEY_CRM_meta_migrate_target: "node2" }).code).toBe(
      0,
    );
    expect(run("monitor", here).code).toBe(7);
    expect(run("migrate_from", { ...here, OCF_RESKEY_CRM_meta_migrate_source: "node1" }).code).toBe(
      0,
    );
    expect(run("monitor", here).code).toBe(0);
    expect(run("stop", here).code).toBe(0);
  });

  test("unknown actions answer 3 and no instance name is a configuration error", () => {
    expect(run("promote").code).toBe(3);
    expect(run("start", { OCF_RESOURCE_INSTANCE: "" }).code).toBe(6);
    expect(run("stop", { OCF_RESOURCE_INSTANCE: "" }).code).toBe(0);
  });

  test("prints full OCF 1.1 meta-data that describeAgent() finds as ocf:quorate:Dummy", async () => {
    const printed = run("meta-data");
    expect(printed.code).toBe(0);
    const parsed = parseAgentMetadata(printed.stdout);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.ocfVersion).toBe("1.1");
    expect(parsed.value.parameters.map((parameter) => parameter.name)).toEqual([
      "state",
      "fake",
      "op_sleep",
    ]);
    expect(parsed.value.parameters[0]?.default).toBe(join(folder, "Dummy-d1.state"));
    expect(parsed.value.actions.map((action) => action.name)).toEqual([
      "start",
      "stop",
      "monitor",
      "reload",
      "reload-agent",
      "migrate_to",
      "migrate_from",
      "meta-data",
      "validate-all",
    ]);
    const described = await describeAgent(agentDirectories({}), {
      agentClass: "ocf",
      provider: "quorate",
      type: "Dummy",
    });
    expect(described.ok && described.value.metadata.shortdesc).toBe("Stateless test resource");
  });
});
