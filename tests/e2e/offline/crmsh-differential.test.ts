import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { emptyCib, firstChild, readXml, writeXml } from "../../../backend/cib/index.js";
import { hasTool } from "../../support/oracle.js";
import { buildCrm, runBin } from "./crm-process.js";

/**
 * Differential checks: the same crm commands through crmsh 4.4 (`CIB_file=… crm …`) and
 * through our bin must leave the same CIB (configuration and version). Skipped when crmsh is
 * not installed.
 */
const crmshPresent = hasTool("crm") && hasTool("cibadmin");

const setup = [
  "property stonith-enabled=false",
  "primitive a Dummy op monitor interval=10s",
  "primitive b Dummy params fake=1 meta target-role=Stopped",
  "primitive x ocf:pacemaker:Stateful",
  "group g a b",
  "clone c g meta interleave=true",
  "location l1 c 100: node1",
  "colocation co inf: a x",
  "order o1 Mandatory: a b x",
].join("\n");

/**
 * Each case: a script loaded with `load update`, then one-shot commands. The load is run once
 * by each tool (it is the same for every case) and each case starts from a copy of its result.
 */
const cases: readonly { readonly name: string; readonly commands: readonly string[][] }[] = [
  {
    name: "load update, then one-shot statements",
    commands: [
      ["configure", "primitive", "d9", "Dummy"],
      ["configure", "location", "l9", "d9", "-inf:", "node2"],
    ],
  },
  { name: "delete a member (cascade)", commands: [["configure", "delete", "a"]] },
  { name: "delete a group in a clone", commands: [["configure", "delete", "g"]] },
  { name: "rename a member", commands: [["configure", "rename", "a", "a2"]] },
];

describe.skipIf(!crmshPresent)("crm and crmsh 4.4 write the same CIB", () => {
  let built: Awaited<ReturnType<typeof buildCrm>>;
  let folder: string;
  const loaded = { theirs: "", ours: "" };
  beforeAll(async () => {
    built = await buildCrm();
    folder = mkdtempSync(join(tmpdir(), "quorate-crmsh-"));
    writeFileSync(join(folder, "setup.crm"), `${setup}\n`);
    loaded.theirs = join(folder, "loaded-crmsh.xml");
    loaded.ours = join(folder, "loaded-ours.xml");
    for (const file of [loaded.theirs, loaded.ours]) writeFileSync(file, writeXml(emptyCib()));
    const load = ["configure", "load", "update", join(folder, "setup.crm")];
    runCrmsh(loaded.theirs, load);
    await runOurs(loaded.ours, load);
  }, 120_000);
  afterAll(() => {
    built.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  function runCrmsh(cib: string, args: readonly string[]): void {
    spawnSync("crm", ["-F", ...args], {
      env: { PATH: process.env["PATH"] ?? "", HOME: folder, CIB_file: cib },
      stdio: "ignore",
    });
  }

  async function runOurs(cib: string, args: readonly string[]): Promise<void> {
    const ran = await runBin(built.bin, ["-F", ...args], { environment: { CIB_file: cib } });
    expect(ran.code, ran.stderr).toBe(0);
  }

  test.each(cases)(
    "$name",
    async ({ name, commands }) => {
      const theirs = join(folder, `${name}-crmsh.xml`.replace(/\W+/g, "-"));
      const ours = join(folder, `${name}-ours.xml`.replace(/\W+/g, "-"));
      copyFileSync(loaded.theirs, theirs);
      copyFileSync(loaded.ours, ours);
      for (const command of commands) {
        runCrmsh(theirs, command);
        await runOurs(ours, command);
      }
      expect(canonical(ours)).toBe(canonical(theirs));
    },
    60_000,
  );
});

/** The configuration section and version as written, attribute order normalised. */
function canonical(path: string): string {
  const parsed = readXml(readFileSync(path, "utf8"), { keepComments: true });
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  const cib = parsed.value;
  const configuration = firstChild(cib, "configuration");
  if (configuration === undefined) throw new Error(`${path} has no configuration`);
  const version = ["epoch", "num_updates", "admin_epoch"].map(
    (name) => `${name}=${cib.attributes[name] ?? ""}`,
  );
  return `${version.join(" ")}\n${writeXml(sortAttributes(configuration))}`;
}

function sortAttributes<T extends ReturnType<typeof emptyCib>>(element: T): T {
  const attributes = Object.fromEntries(
    Object.entries(element.attributes).sort(([a], [b]) => a.localeCompare(b)),
  );
  const children = element.children.map((child) =>
    child.kind === "element" ? sortAttributes(child) : child,
  );
  return { ...element, attributes, children };
}
