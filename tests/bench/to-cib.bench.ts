// Speed of AST → CIB: 2,000 primitives (2 params, 1 meta, 3 ops) + 1,000 constraints applied
// to an empty CIB (crmsh.md §5's large configuration). Run: npx tsx tests/bench/to-cib.bench.ts
import { performance } from "node:perf_hooks";
import { applyStatements } from "../../backend/configure/to-cib/index.js";
import { emptyCib } from "../../backend/cib/index.js";
import type { Statement } from "../../grammar/index.js";
import { parseScript } from "../../grammar/index.js";
import {
  location,
  meta,
  op,
  params,
  primitive,
  ref,
  score,
  span,
} from "../unit/configure/to-cib/ast-builders.js";

function largeConfiguration(): Statement[] {
  const statements: Statement[] = [];
  for (let i = 0; i < 2000; i++) {
    statements.push(
      primitive(`d${i}`, "Dummy", {
        sets: [params({ state: `/run/d${i}`, fake: "1" }), meta({ "target-role": "Started" })],
        ops: [
          op("monitor", { interval: "10s", timeout: "20s" }),
          op("start", { timeout: "60s" }),
          op("stop", { timeout: "60s" }),
        ],
      }),
    );
  }
  for (let i = 0; i < 1000; i++) {
    const a = `d${i}`;
    const b = `d${i + 1}`;
    if (i % 3 === 0) statements.push(location(`l${i}`, a, "100", "node1"));
    else if (i % 3 === 1) {
      statements.push({
        kind: "colocation",
        id: `c${i}`,
        score: score("inf"),
        resources: {
          form: "pair",
          resource: { resource: ref(a) },
          withResource: { resource: ref(b) },
        },
        comments: [],
        span: span(),
      });
    } else {
      statements.push({
        kind: "order",
        id: `o${i}`,
        orderKind: "Mandatory",
        resources: { form: "pair", first: { resource: ref(a) }, then: { resource: ref(b) } },
        comments: [],
        span: span(),
      });
    }
  }
  return statements;
}

const statements = largeConfiguration();
for (const mode of ["update", "create"] as const) {
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    const result = applyStatements(emptyCib(), statements, { mode });
    times.push(performance.now() - started);
    if (!result.ok) throw new Error(result.issues[0]?.message);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(
    `applyStatements ${mode}: 2000 primitives + 1000 constraints: median ${median.toFixed(1)} ms (min ${times[0]?.toFixed(1)} ms)`,
  );
}
// Updating one object in the large CIB (a one-shot edit).
const big = applyStatements(emptyCib(), statements, { mode: "update" });
if (big.ok) {
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    applyStatements(big.value, [primitive("extra", "Dummy")]);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(`applyStatements: one primitive into the large CIB: median ${median.toFixed(1)} ms`);
}

// The same large configuration as crm text (crmsh.md §5's generator), parsed by grammar/ and
// applied as `load update`: parse and apply timed separately.
function largeText(): string {
  const lines = ["node node1", "node node2", "node node3", "property stonith-enabled=false"];
  for (let i = 0; i < 2000; i++) {
    lines.push(
      `primitive d${i} ocf:heartbeat:Dummy params state=/run/d${i} fake=${i} ` +
        "meta target-role=Started op monitor interval=10s timeout=20s " +
        "op start timeout=60s interval=0 op stop timeout=60s interval=0",
    );
  }
  for (let i = 0; i < 1000; i++) {
    const [a, b] = [`d${i}`, `d${i + 1}`];
    const forms = [
      `location l${i} ${a} 100: node1`,
      `colocation c${i} inf: ${a} ${b}`,
      `order o${i} Mandatory: ${a} ${b}`,
      `location r${i} ${a} rule 50: #uname eq node2 and pingd gt 0`,
    ];
    lines.push(forms[i % 4] ?? "");
  }
  return lines.join("\n");
}

const text = largeText();
const parseTimes: number[] = [];
const applyTimes: number[] = [];
for (let run = 0; run < 5; run++) {
  const parseStarted = performance.now();
  const parsed = parseScript(text);
  parseTimes.push(performance.now() - parseStarted);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  const applyStarted = performance.now();
  const applied = applyStatements(emptyCib(), parsed.value, { mode: "update" });
  applyTimes.push(performance.now() - applyStarted);
  if (!applied.ok) throw new Error(applied.issues[0]?.message);
}
const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[2] ?? 0;
console.log(
  `crm text (3,004 statements): parseScript median ${medianOf(parseTimes).toFixed(1)} ms, ` +
    `applyStatements median ${medianOf(applyTimes).toFixed(1)} ms`,
);
