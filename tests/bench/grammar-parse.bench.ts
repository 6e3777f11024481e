// Speed of parseScript on crmsh's large `load update` script (crmsh.md §5: 2,000 primitives
// with 2 params, 1 meta and 3 ops; 1,000 constraints cycling location, colocation, order and
// location with a rule). Prints wall and CPU figures for the first (cold: parser self-analysis,
// JIT warm-up) and later runs; asserts nothing. crmsh took 61.6 s for the whole load update.
// Run: npx tsx tests/bench/grammar-parse.bench.ts
import { performance } from "node:perf_hooks";

function largeScript(): string {
  const lines: string[] = [];
  for (let index = 0; index < 2000; index++) {
    lines.push(
      `primitive p${index} ocf:heartbeat:Dummy params state=/run/p${index}.state fake="a b" ` +
        `meta target-role=Started op monitor interval=10s timeout=20s op start timeout=60s ` +
        `op stop timeout=60s`,
    );
  }
  for (let index = 0; index < 1000; index++) {
    const a = `p${index}`;
    const b = `p${(index + 1) % 2000}`;
    const forms = [
      `location l${index} ${a} 100: node${index % 5}`,
      `colocation c${index} inf: ${a} ${b}`,
      `order o${index} Mandatory: ${a} ${b}`,
      `location lr${index} ${a} rule -inf: not_defined pingd or pingd lte 0`,
    ];
    lines.push(forms[index % 4] ?? "");
  }
  return lines.join("\n");
}

function measure<T>(run: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const text = largeScript();
const loaded = await (async () => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const grammar = await import("../../grammar/index.js");
  const used = process.cpuUsage(cpu);
  return { grammar, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
})();
const format = (figure: { wallMs: number; cpuMs: number }) =>
  `${figure.wallMs.toFixed(0)} ms wall, ${figure.cpuMs.toFixed(0)} ms CPU`;
console.log(`import grammar: ${format(loaded)}`);
const cold = measure(() => loaded.grammar.parseScript(text));
const statements = cold.value.ok ? cold.value.value.length : 0;
console.log(`parseScript, first run (${statements} statements, ${text.length} bytes): ${format(cold)}`);
for (let round = 1; round <= 3; round++) {
  console.log(`parseScript, run ${round + 1}: ${format(measure(() => loaded.grammar.parseScript(text)))}`);
}
