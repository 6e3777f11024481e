import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { hasTool } from "../../support/oracle.js";
import { runCrmLine } from "./ra-shell.js";

// Our `ra` level against crmsh 4.4 on the same machine. crmsh reads agents through
// crm_resource, which knows only /usr/lib/ocf, so the bundled quorate provider is taken out
// of our output before comparing (`ra list ocf heartbeat` matches too, but costs crmsh 5 s);
// likewise the bundled fence agent from the stonith list.

const present = hasTool("crm") && existsSync("/usr/lib/ocf/resource.d/pacemaker/Dummy");

function crmsh(line: string): string {
  const run = spawnSync("crm", line.split(" "), { encoding: "utf8", env: { ...process.env } });
  return run.stdout;
}

describe.skipIf(!present)("crm ra matches crmsh", () => {
  test.each([
    "ra info ocf:pacemaker:Dummy",
    "ra info ocf:heartbeat:IPaddr2",
    "ra info Dummy",
    "ra info pacemaker:Stateful",
    "ra info lsb:dbus",
    "ra info lsb:logd",
    "ra info lsb:hwclock.sh",
    "ra list ocf pacemaker",
    "ra list lsb",
    "ra providers Dummy",
  ])("%s", async (line) => {
    const ours = (await runCrmLine(line)).stdout.replaceAll(" quorate", "");
    expect(ours.trimEnd()).toBe(crmsh(line).trimEnd());
  });

  test("ra list stonith (the bundled fence_quorate_local taken out)", async () => {
    const agents = (text: string): string[] =>
      text.split(/\s+/).filter((name) => name !== "" && name !== "fence_quorate_local");
    const ours = (await runCrmLine("ra list stonith")).stdout;
    expect(ours).toMatch(/\bfence_quorate_local\b/);
    expect(agents(ours)).toEqual(agents(crmsh("ra list stonith")));
  });

  test("ra classes", async () => {
    const ours = (await runCrmLine("ra classes")).stdout.replace(" quorate", "");
    expect(ours).toBe(crmsh("ra classes"));
  });
});
