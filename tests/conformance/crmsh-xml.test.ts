// crmsh 4.4 XML conformance: every corpus NAME.crm, applied as `load update` to an empty CIB,
// must give the `<configuration>` crmsh wrote (NAME.xml), compared canonically; every
// errors/NAME.crm must be rejected with nothing written. Also checks the outputs against
// Pacemaker's RelaxNG schema when xmllint is installed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { XmlElement, XmlNode } from "../../backend/cib/index.js";
import { emptyCib, firstChild, readXml, writeXml } from "../../backend/cib/index.js";
import type { Result } from "../../backend/base/index.js";
import { applyStatements } from "../../backend/configure/to-cib/index.js";
import { parseScript } from "../../grammar/index.js";
import { corpusDir, corpusFiles, readCorpusFile } from "../support/corpus.js";
import { hasTool } from "../support/oracle.js";

const corpus = corpusDir("crmsh");
const topLevelSections = new Set([
  "crm_config",
  "nodes",
  "resources",
  "constraints",
  "tags",
  "acls",
  "alerts",
  "rsc_defaults",
  "op_defaults",
]);

function sortKey(node: XmlNode): string {
  return node.kind === "element" ? `${node.name}\u0000${node.attributes["id"] ?? ""}` : "";
}

function byKey(a: XmlNode, b: XmlNode): number {
  const [left, right] = [sortKey(a), sortKey(b)];
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Canonical text: attribute order and whitespace ignored; the configuration's sections and
 * the objects in each top-level section sorted by (tag, id); order inside objects kept.
 */
function canonical(node: XmlNode, depth = 0, sortChildren = false): string {
  const pad = "  ".repeat(depth);
  if (node.kind === "comment") return `${pad}<!--${node.text}-->\n`;
  if (node.kind === "text") return node.text.trim() === "" ? "" : `${pad}${node.text.trim()}\n`;
  const attributes = Object.entries(node.attributes)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ` ${name}=${JSON.stringify(value)}`)
    .join("");
  const isConfiguration = node.name === "configuration";
  const children = sortChildren || isConfiguration ? [...node.children].sort(byKey) : node.children;
  const inner = children
    .map((child) => {
      const section =
        isConfiguration && child.kind === "element" && topLevelSections.has(child.name);
      return canonical(child, depth + 1, section);
    })
    .join("");
  return `${pad}<${node.name}${attributes}>\n${inner}`;
}

/** Parses and applies a script as `crm configure load update` does. */
function load(cib: XmlElement, text: string): Result<XmlElement> {
  const parsed = parseScript(text);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  return applyStatements(cib, parsed.value, { mode: "update" });
}

function configurationOf(cib: XmlElement): XmlElement {
  const configuration = firstChild(cib, "configuration");
  if (configuration === undefined) throw new Error("no configuration");
  return configuration;
}

const names = corpus === undefined ? [] : corpusFiles(corpus, ".crm");
const errorNames = corpus === undefined ? [] : corpusFiles(join(corpus, "errors"), ".crm");
const agreed: string[] = [];
const rejected: string[] = [];
const outputs = new Map<string, string>();

describe.skipIf(corpus === undefined)("crmsh XML conformance", () => {
  afterAll(() => {
    console.log(`crmsh XML conformance: ${agreed.length}/${names.length}`);
    console.log(`crmsh error cases rejected: ${rejected.length}/${errorNames.length}`);
  });

  it.each(names)("%s.crm gives the XML crmsh 4.4 wrote", (name) => {
    const dir = corpus ?? "";
    let cib = emptyCib();
    if (existsSync(join(dir, `${name}.pre`))) {
      const pre = load(cib, readCorpusFile(dir, `${name}.pre`));
      if (!pre.ok) throw new Error(pre.issues.map((i) => i.message).join("\n"));
      cib = pre.value;
    }
    const result = load(cib, readCorpusFile(dir, `${name}.crm`));
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("\n"));
    const expected = readXml(readCorpusFile(dir, `${name}.xml`));
    if (!expected.ok) throw new Error(`unreadable ${name}.xml`);
    outputs.set(name, writeXml(result.value));
    expect(canonical(configurationOf(result.value))).toBe(canonical(expected.value));
    agreed.push(name);
  });

  it.each(errorNames)("errors/%s.crm is rejected and nothing is written", (name) => {
    const before = emptyCib();
    const result = load(before, readCorpusFile(join(corpus ?? "", "errors"), `${name}.crm`));
    expect(result.ok).toBe(false);
    expect(writeXml(before)).toBe(writeXml(emptyCib()));
    rejected.push(name);
  });

  it.skipIf(!hasTool("xmllint"))("every output validates against pacemaker-3.9.rng", () => {
    const schema = "/usr/share/pacemaker/pacemaker-3.9.rng";
    const dir = mkdtempSync(join(tmpdir(), "to-cib-"));
    try {
      const files = [...outputs].map(([name, xml]) => {
        const file = join(dir, `${name}.xml`);
        writeFileSync(file, xml);
        return file;
      });
      if (files.length === 0) return;
      const run = spawnSync("xmllint", ["--noout", "--relaxng", schema, ...files], {
        encoding: "utf8",
      });
      const failures = run.stderr
        .split("\n")
        .filter((line) => line.includes("fails to validate") || line.includes("error"));
      expect(failures).toEqual([]);
      expect(run.status).toBe(0);
      expect(run.stderr.match(/ validates$/gm)?.length).toBe(files.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
