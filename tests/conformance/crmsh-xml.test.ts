// crmsh 4.4 XML conformance: every corpus NAME.crm, applied as `load update` to an empty CIB,
// must give the `<configuration>` crmsh wrote (NAME.xml), compared canonically; every
// errors/NAME.crm must be rejected with nothing written. Also checks the outputs against
// Pacemaker's RelaxNG schema when xmllint is installed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

/**
 * Differential cases beyond the corpus, run against the installed crmsh 4.4 when present:
 * the same text through `crm configure load update` (or a `crm -f` script) and through
 * parseScript + applyStatements must give the same configuration.
 */
const oracleCases: readonly { name: string; mode: "update" | "create"; steps: string[] }[] = [
  {
    name: "ids, ops, monitors, containers, rules, constraints, sets",
    mode: "update",
    steps: [
      `
node node1 description="first" attributes standby=off utilization cpu=2
node $id=xx node2 utilization memory=100 attributes a=1 attributes b=2
primitive d1 Dummy params a=1 op monitor interval=10s OCF_CHECK_LEVEL=10 op_params depth=2 op_meta x=1
primitive d2 ocf:pacemaker:Dummy op monitor interval=10s op monitor interval=10s role=Promoted op monitor interval=20s
primitive d1-monitor-10s-1 Dummy
rsc_template t1 Dummy op start timeout=30 op monitor interval=5s
primitive d3 @t1 params x=2
monitor d2 15s:5s
monitor d3 30s
primitive d4 Dummy
clone c4 d4 params p=1 meta interleave=true
primitive d5 Dummy
primitive d6 Dummy
group g56 d5 d6 meta ordered=false
clone c56 g56
location l1 c56 rule $role=Started 100: #uname eq node1 and #uname ne node2
location l2 d1 rule -inf: not_defined pingd or pingd number:lte 0
location l3 d1 rule date in start=2024-01-01 end=2024-02-01
colocation co1 -inf: d1 d2
colocation co2 500: d1:Started d2:Promoted
order o1 -inf: d1 d2
order o2 Serialize: d1 d2 d3 symmetrical=false
rsc_ticket tk1 T1: d1:Started loss-policy=fence
rsc_ticket tk2 T2: d1 d2
property cib-bootstrap-options: stonith-enabled=false
property p2: rule #uname eq node1 maintenance-mode=true
rsc_defaults resource-stickiness=1
op_defaults timeout=30s
tag t-all d1 d2 d3
`,
    ],
  },
  {
    name: "a script: redirected constraints, merged properties and nodes",
    mode: "create",
    steps: [
      `
primitive a Dummy
primitive b Dummy
primitive c Dummy
location la a 100: node1
colocation cab inf: a b
order oabc Mandatory: a b c
group g a b
property stonith-enabled=false
property no-quorum-policy=ignore
property stonith-enabled=true
node node1 attributes x=1
node node1 attributes y=2 utilization cpu=1
rsc_defaults a=1
rsc_defaults a=2 b=3
`,
    ],
  },
  {
    name: "load update over existing objects (harvested ids, merges, ACLs)",
    mode: "update",
    steps: [
      `
node node1
node node2
primitive a Dummy params x=1 meta m=1 op monitor interval=10s
primitive b Dummy
primitive c Dummy
group g a b meta ordered=true
location la a 100: node1
property stonith-enabled=false no-quorum-policy=stop
fencing_topology node1: a node2: b
`,
      `
# replaced a
primitive a Dummy params y=2 op monitor interval=10s op start
group g b c
property no-quorum-policy=ignore cluster-name=x
node node1 attributes standby=on
fencing_topology c
location la a rule 5: #uname eq node2
role r1 read property:stonith-enabled write nodeattr:standby deny node:node1 read status read cib write params:a:x read utilization:a
role r2 description="two" read ref:a ref:b
acl_target t1 r1 r2
acl_group gr1 r1
`,
    ],
  },
  {
    name: "bundles, alerts, sets, templates, nvpair ids, value forms",
    mode: "update",
    steps: [
      `
primitive p1 Dummy
primitive p2 Dummy
primitive p3 Dummy
bundle b1 docker image=x:y replicas=2 run-command=/bin/true network control-port=3121 port-mapping port=80 internal-port=8080 port-mapping range=90-95 storage storage-mapping source-dir=/a target-dir=/b storage-mapping source-dir-root=/c target-dir=/d options=ro meta target-role=Stopped primitive p3
alert a1 /bin/alert.sh description="desc" to { /tmp/x attributes a=1 meta timeout=5s } to /tmp/y select resources
colocation c3 inf: p1 p2:Stopped
colocation c4 inf: p1 p2:Started node-attribute=rack
order o3 inf: p1:start p2:promote
order o4 Optional: ( p1 p2 ) p3
location l5 { p1 p2 } resource-discovery=exclusive 10: node1
location l6 p1 role=Promoted rule #uname eq node1
location l7 p2 rule $id=r7 inf: #uname eq node1
rsc_ticket tk3 T3: ( p1 p2 ) p3:Promoted loss-policy=freeze
tag t1: p1 p2
tag t2 b1
node $id=101 alpha attributes site=a
node 102: beta:member utilization ram=8
rsc_template tp ocf:heartbeat:Dummy params $id=tp-p state=/x utilization cpu=1 op monitor interval=20 timeout=10
primitive q1 @tp op monitor interval=20 timeout=30
primitive q2 @tp params $id=q2-set fake=3 meta $id=q2-m 7: is-managed=false
primitive q3 Dummy params $q3-n:foo=bar
location lq1 q1 100: alpha role=Started
location lq2 q2 rule $role=Promoted #uname eq beta
location lq3 q3 rule 20: date gt 2020-01-01
location lq4 q3 rule -10: site ne a or not_defined site
op_defaults od1: rule #uname eq alpha timeout=10 interval=0
colocation cq inf: q1 q2 q3 q1
order oq Mandatory: ( q1 q2 ) [ q3 ]
`,
    ],
  },
];

function runCrm(cibFile: string, mode: "update" | "create", text: string, dir: string): void {
  const input = join(dir, "input.crm");
  writeFileSync(input, mode === "create" ? `configure\n${text}\ncommit\n` : `${text}\n`);
  const args =
    mode === "create"
      ? ["-D", "plain", "-F", "-f", input]
      : ["-D", "plain", "-F", "configure", "load", "update", input];
  const run = spawnSync("crm", args, {
    encoding: "utf8",
    env: { ...process.env, CIB_file: cibFile },
  });
  if (run.status !== 0) throw new Error(`crm failed: ${run.stderr}`);
}

describe.skipIf(!hasTool("crm") || !hasTool("cibadmin"))("crmsh 4.4 as an oracle", () => {
  it.each(oracleCases)(
    "$name",
    ({ mode, steps }) => {
      const dir = mkdtempSync(join(tmpdir(), "to-cib-oracle-"));
      try {
        const cibFile = join(dir, "cib.xml");
        writeFileSync(cibFile, spawnSync("cibadmin", ["--empty"], { encoding: "utf8" }).stdout);
        let cib = emptyCib();
        for (const step of steps) {
          runCrm(cibFile, mode, step, dir);
          const parsed = parseScript(step);
          if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join("\n"));
          const applied = applyStatements(cib, parsed.value, { mode });
          if (!applied.ok) throw new Error(applied.issues.map((i) => i.message).join("\n"));
          cib = applied.value;
        }
        const expected = readXml(readFileSync(cibFile, "utf8"));
        if (!expected.ok) throw new Error("crm wrote unreadable XML");
        expect(canonical(configurationOf(cib))).toBe(canonical(configurationOf(expected.value)));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
