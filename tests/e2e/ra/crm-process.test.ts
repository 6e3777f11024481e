import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildCrm, runBin } from "../offline/crm-process.js";

// The compiled `crm` finds the bundled agents from its build folder (no TypeScript at run time).

let built: Awaited<ReturnType<typeof buildCrm>>;

beforeAll(async () => {
  built = await buildCrm();
}, 120_000);
afterAll(() => built.cleanup());

describe("crm ra as a process", () => {
  test("crm ra info ocf:quorate:Dummy prints the bundled agent's meta-data", async () => {
    const ran = await runBin(built.bin, ["ra", "info", "ocf:quorate:Dummy"]);
    expect(ran.code).toBe(0);
    expect(ran.stdout.split("\n")[0]).toBe("Stateless test resource (ocf:quorate:Dummy)");
    expect(ran.stdout).toContain("fake (string, [dummy]): Reloadable value");
  });

  test("an unknown agent exits non-zero with a hint", async () => {
    const ran = await runBin(built.bin, ["ra", "info", "ocf:quorate:Dummyy"]);
    expect(ran.code).not.toBe(0);
    expect(ran.stderr).toContain('(did you mean "ocf:quorate:Dummy"?)');
  });
});
