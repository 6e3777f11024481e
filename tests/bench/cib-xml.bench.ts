// Speed of the CIB XML edge and of `configure show` (crmsh.md §5). Prints figures, asserts
// nothing. Run: npx tsx tests/bench/cib-xml.bench.ts
//  1. readXml / writeXml on a ~5 MB CIB from gen-big-cib.js (16 nodes, 500 primitives, steady
//     state with resource history), generated into a temporary folder.
//  2. showConfiguration on crmsh's large configuration (2,000 primitives with 2 params, 1 meta,
//     3 ops; 1,000 constraints cycling location, colocation, order, location with a rule) and
//     on one ten times larger. Side by side with `crm configure show` when crm is installed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { XmlElement } from "../../backend/cib/index.js";
import { element, emptyCib, firstChild, readXml, writeXml } from "../../backend/cib/index.js";
import { showConfiguration } from "../../backend/configure/index.js";
import { median } from "./samples.js";

const generator = join(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "shared",
  "reference",
  "gen-big-cib.js",
);

/** Median wall time of `runs` runs (printed with the mean CPU time, steadier on a busy host). */
function time(label: string, runs: number, action: () => unknown): number {
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    action();
    samples.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
  const value = median(samples);
  console.log(
    `${label.padEnd(54)} median ${value.toFixed(1).padStart(7)} ms wall,` +
      ` ${cpuMs.toFixed(1).padStart(7)} ms CPU  (${runs} runs)`,
  );
  return value;
}

function nvpairs(owner: string, set: string, pairs: Record<string, string>): XmlElement {
  const id = `${owner}-${set}`;
  return element(
    set,
    { id },
    Object.entries(pairs).map(([name, value]) =>
      element("nvpair", { name, value, id: `${id}-${name}` }),
    ),
  );
}

function primitive(index: number): XmlElement {
  const id = `d${index}`;
  const ops = [
    element("op", { name: "monitor", interval: "10s", timeout: "20s", id: `${id}-monitor-10s` }),
    element("op", { name: "start", timeout: "60s", interval: "0", id: `${id}-start-0` }),
    element("op", { name: "stop", timeout: "60s", interval: "0", id: `${id}-stop-0` }),
  ];
  return element("primitive", { id, class: "ocf", provider: "heartbeat", type: "Dummy" }, [
    nvpairs(id, "instance_attributes", { state: `/run/${id}`, fake: "1" }),
    nvpairs(id, "meta_attributes", { "target-role": "Started" }),
    element("operations", {}, ops),
  ]);
}

function constraint(index: number, primitives: number): XmlElement {
  const a = `d${index % primitives}`;
  const b = `d${(index + 1) % primitives}`;
  switch (index % 4) {
    case 0:
      return element("rsc_location", { id: `l${index}`, rsc: a, score: "100", node: "node1" });
    case 1:
      return element("rsc_colocation", {
        id: `c${index}`,
        score: "INFINITY",
        rsc: a,
        "with-rsc": b,
      });
    case 2:
      return element("rsc_order", { id: `o${index}`, kind: "Mandatory", first: a, then: b });
    default: {
      const rule = element(
        "rule",
        { score: "-INFINITY", "boolean-op": "or", id: `r${index}-rule` },
        [
          element("expression", {
            attribute: "pingd",
            operation: "not_defined",
            id: `r${index}-e`,
          }),
          element("expression", {
            attribute: "pingd",
            operation: "lte",
            value: "0",
            id: `r${index}-e-0`,
          }),
        ],
      );
      return element("rsc_location", { id: `r${index}`, rsc: a }, [rule]);
    }
  }
}

/** crmsh.md §5's large configuration, scaled: `factor` × (2,000 primitives, 1,000 constraints). */
function largeCib(factor: number): XmlElement {
  const cib = emptyCib();
  const configuration = firstChild(cib, "configuration") as XmlElement;
  const section = (name: string): XmlElement => firstChild(configuration, name) as XmlElement;
  const options = element("cluster_property_set", { id: "cib-bootstrap-options" }, [
    element("nvpair", { name: "stonith-enabled", value: "false", id: "cib-bootstrap-options-se" }),
  ]);
  section("crm_config").children.push(options);
  for (let node = 1; node <= 3; node++) {
    section("nodes").children.push(element("node", { id: `${node}`, uname: `node${node}` }));
  }
  const primitives = 2000 * factor;
  for (let index = 0; index < primitives; index++)
    section("resources").children.push(primitive(index));
  for (let index = 0; index < 1000 * factor; index++) {
    section("constraints").children.push(constraint(index, primitives));
  }
  return cib;
}

function crmShow(file: string, expected: string): number | string {
  const probe = spawnSync("sh", ["-c", "command -v crm"], { encoding: "utf8" });
  if (probe.status !== 0) return "crm is not installed";
  const start = performance.now();
  const run = spawnSync("crm", ["-D", "plain", "configure", "show"], {
    env: { ...process.env, CIB_file: file },
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0) return `crm failed: ${run.stderr.split("\n")[0] ?? ""}`;
  const elapsed = performance.now() - start;
  console.log(
    `crm configure show output identical to ours: ${run.stdout === expected ? "yes" : "NO"}`,
  );
  return elapsed;
}

const folder = mkdtempSync(join(tmpdir(), "quorate-cib-bench-"));
try {
  const bigFile = join(folder, "big-cib.xml");
  spawnSync("node", [
    generator,
    "--nodes",
    "16",
    "--prims",
    "500",
    "--state",
    "steady",
    "--out",
    bigFile,
  ]);
  const text = readFileSync(bigFile, "utf8");
  console.log(`CIB from gen-big-cib.js: ${(text.length / 1e6).toFixed(2)} MB`);
  const read = readXml(text);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  time("readXml (5 MB CIB)", 7, () => readXml(text));
  time("writeXml (5 MB CIB)", 7, () => writeXml(read.value));

  for (const factor of [1, 10]) {
    const cib = largeCib(factor);
    const label = `${2000 * factor} primitives + ${1000 * factor} constraints`;
    const shown = showConfiguration(cib);
    if (!shown.ok) throw new Error(shown.issues[0]?.message);
    const ours = time(`showConfiguration, ${label}`, factor === 1 ? 7 : 3, () =>
      showConfiguration(cib),
    );
    if (factor !== 1) continue;
    const file = join(folder, "show.xml");
    writeFileSync(file, writeXml(cib));
    const crm = crmShow(file, shown.value);
    if (typeof crm === "string") console.log(`crm configure show: skipped (${crm})`);
    else
      console.log(
        `crm configure show, same CIB (one run, incl. start-up): ${crm.toFixed(0)} ms` +
          `  (ours ${(crm / ours).toFixed(0)}x faster)`,
      );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
