import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { XmlElement } from "../../../backend/cib/index.js";
import { element, emptyCib, firstChild, readXml, writeXml } from "../../../backend/cib/index.js";
import { hasTool } from "../../support/oracle.js";

/** Values with every character XML makes special, whitespace, and non-ASCII text. */
const values: Record<string, string> = {
  quotes: `say "hi" it's`,
  markup: "a & b < c > d ]]> e",
  entities: "&amp; &#10; &lt;",
  whitespace: "tab\there\nnew line\r\ncarriage\rreturn  two  spaces ",
  unicode: "café ünïcödé 中文 😀",
  empty: "",
};
/** Pacemaker 2.1.5 writes tab/CR/LF mangled; those are its quirks, not checked through it. */
const pacemakerSafe = ["quotes", "markup", "entities", "unicode", "empty"];

function cibWithValues(): XmlElement {
  const cib = emptyCib();
  const configuration = firstChild(cib, "configuration") as XmlElement;
  const crmConfig = firstChild(configuration, "crm_config") as XmlElement;
  const nvpairs = [element("nvpair", { id: "o-se", name: "stonith-enabled", value: "false" })];
  for (const [name, value] of Object.entries(values)) {
    nvpairs.push(element("nvpair", { id: `o-${name}`, name, value }));
  }
  crmConfig.children.push(element("cluster_property_set", { id: "o" }, nvpairs));
  return cib;
}

/** name → value of the test nvpairs found in an XML text. */
function valuesIn(xml: string): Record<string, string | undefined> {
  const read = readXml(xml);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  const found: Record<string, string | undefined> = {};
  const stack: XmlElement[] = [read.value];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.name === "nvpair") found[String(next.attributes["name"])] = next.attributes["value"];
    for (const child of next.children) if (child.kind === "element") stack.push(child);
  }
  return found;
}

const folder = mkdtempSync(join(tmpdir(), "quorate-escaping-"));
const file = join(folder, "cib.xml");
writeFileSync(file, writeXml(cibWithValues(), { declaration: true }));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function run(command: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, ...env } });
  expect(result.stderr.trim(), `${command} ${args.join(" ")}`).toBe("");
  expect(result.status).toBe(0);
  return result.stdout;
}

describe.skipIf(!hasTool("xmllint"))("writeXml() escaping checked by xmllint", () => {
  test("the CIB is well-formed and valid against Pacemaker's schema", () => {
    run("xmllint", ["--noout", file]);
    const schema = "/usr/share/pacemaker/pacemaker-3.9.rng";
    if (existsSync(schema)) {
      const result = spawnSync("xmllint", ["--noout", "--relaxng", schema, file], {
        encoding: "utf8",
      });
      expect(result.status, result.stderr).toBe(0);
    }
  });

  test("xmllint's canonical form reads back to the same values", () => {
    expect(valuesIn(run("xmllint", ["--c14n", file]))).toMatchObject(values);
  });

  test("a text node with the same characters survives xmllint's canonical form", () => {
    const text = Object.values(values).join("|");
    const documentFile = join(folder, "text.xml");
    writeFileSync(
      documentFile,
      writeXml(element("a", {}, [element("b", {}, [{ kind: "text", text }])])),
    );
    const read = readXml(run("xmllint", ["--c14n", documentFile]));
    const inner = read.ok ? read.value.children[0] : undefined;
    expect(inner?.kind === "element" && inner.children).toEqual([{ kind: "text", text }]);
  });
});

describe.skipIf(!hasTool("crm_verify"))("writeXml() escaping checked by Pacemaker", () => {
  test("crm_verify accepts the CIB", () => {
    run("crm_verify", ["-x", file]);
  });

  test.skipIf(!hasTool("cibadmin"))("cibadmin reads the values back unchanged", () => {
    const queried = valuesIn(run("cibadmin", ["-Q"], { CIB_file: file }));
    for (const name of pacemakerSafe) expect(queried[name], name).toBe(values[name]);
  });
});
