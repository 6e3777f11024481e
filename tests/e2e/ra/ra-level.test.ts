import { describe, expect, test } from "vitest";
import { runCrmLine } from "./ra-shell.js";

describe("crm ra", () => {
  test("info ocf:quorate:Dummy shows the bundled agent's meta-data as crmsh lays it out", async () => {
    const run = await runCrmLine("ra info ocf:quorate:Dummy", { HA_RSCTMP: "/run/x" });
    expect(run.succeeded).toBe(true);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("Stateless test resource (ocf:quorate:Dummy)");
    expect(lines).toContain("Parameters (*: required, []: default):");
    expect(lines).toContain("state (string, [/run/resource-agents/Dummy-Dummy.state]): State file");
    expect(lines).toContain("op_sleep (integer, [0]): Seconds to wait in each operation");
    expect(lines).toContain("Operations' defaults (advisory minimum):");
    expect(lines).toContain("    monitor       timeout=20s interval=10s depth=0");
    expect(lines).not.toContain("    meta-data     timeout=5s");
  });

  test("meta is an alias of info, and the older `info TYPE CLASS PROVIDER` form works", async () => {
    const alias = await runCrmLine("ra meta ocf:quorate:Dummy");
    const older = await runCrmLine("ra info Dummy ocf quorate");
    expect(alias.stdout).toBe(older.stdout);
    expect(alias.stdout).toMatch(/^Stateless test resource \(ocf:quorate:Dummy\)\n/);
  });

  test("classes lists ocf with its providers, the bundled quorate among them", async () => {
    const run = await runCrmLine("ra classes");
    expect(run.stdout).toMatch(/^ocf \/ (\S+ )*quorate( \S+)*$/m);
    expect(run.stdout).toMatch(/^stonith$/m);
  });

  test("providers and list find the bundled agent", async () => {
    expect((await runCrmLine("ra providers Dummy")).stdout).toMatch(/\bquorate\b/);
    expect((await runCrmLine("ra list ocf quorate")).stdout.trimEnd()).toBe("Dummy     Stateful");
  });

  test("unknown agents, classes and providers fail with a did-you-mean hint", async () => {
    const agent = await runCrmLine("ra info ocf:quorate:Dumy");
    expect(agent.succeeded).toBe(false);
    expect(agent.stderr).toBe(
      'ERROR: ocf:quorate:Dumy: got no meta-data, does this RA exist? (did you mean "ocf:quorate:Dummy"?)\n',
    );
    const agentClass = await runCrmLine("ra list ocff");
    expect(agentClass.stderr).toBe('ERROR: class ocff does not exist (did you mean "ocf"?)\n');
    const provider = await runCrmLine("ra list ocf quorat");
    expect(provider.stderr).toContain(
      'there is no provider quorat for class ocf (did you mean "quorate"?)',
    );
    const bad = await runCrmLine("ra info a:b:c:d");
    expect(bad.succeeded).toBe(false);
    expect(bad.stderr).toContain('Bad agent "a:b:c:d"');
    expect((await runCrmLine("ra providers Dummy lsb")).succeeded).toBe(false);
    expect((await runCrmLine("ra info")).stderr).toContain(
      "Expected [<class>:[<provider>:]]<type>",
    );
  });

  test("list systemd is empty where systemd is not init", async () => {
    const run = await runCrmLine("ra list systemd");
    expect(run.succeeded).toBe(true);
  });
});

describe("crm ra validate", () => {
  test("runs validate-all with the parameters and reports the code and exit reason", async () => {
    expect((await runCrmLine("ra validate ocf:quorate:Dummy op_sleep=0")).succeeded).toBe(true);
    const bad = await runCrmLine("ra validate ocf:quorate:Dummy op_sleep=abc");
    expect(bad.succeeded).toBe(false);
    expect(bad.stderr).toBe(
      'ERROR: ocf:quorate:Dummy: validate-all returned 6 (not configured): Parameter op_sleep must be a whole number of seconds, not "abc"\n',
    );
  });

  test("refuses undeclared parameters, words without = and non-ocf agents", async () => {
    const typo = await runCrmLine("ra validate ocf:quorate:Dummy op_slep=1");
    expect(typo.stderr).toContain('has no parameter "op_slep" (did you mean "op_sleep"?)');
    expect((await runCrmLine("ra validate ocf:quorate:Dummy op_sleep")).stderr).toContain(
      'Expected name=value, not "op_sleep"',
    );
    expect((await runCrmLine("ra validate lsb:x")).succeeded).toBe(false);
  });
});
