// Speed of complete() per Tab press on a large configuration (2,000 primitives, 1,000
// constraints, 32 nodes, 60 agents): import cost, first call (lexer warm-up) and the average
// over a mix of lines at every level. Prints figures; asserts nothing.
// Run: npx tsx tests/bench/completions.bench.ts
import { performance } from "node:perf_hooks";
import type { CompletionContext } from "../../completions/index.js";

const started = performance.now();
const completions = await import("../../completions/index.js");
const importMs = performance.now() - started;

const primitives = Array.from({ length: 2000 }, (_, index) => `p${index}`);
const context: CompletionContext = {
  idsByKind: new Map([
    ["primitive", primitives],
    ["group", ["g1", "g2"]],
    ["node", Array.from({ length: 32 }, (_, index) => `node${index}`)],
    ["constraint", Array.from({ length: 1000 }, (_, index) => `c${index}`)],
  ]),
  agents: Array.from({ length: 60 }, (_, index) => `ocf:heartbeat:Agent${index}`),
  agentParameters: new Map([["ocf:heartbeat:Agent1", [{ name: "ip", shortDesc: "Address" }]]]),
  levels: [
    { name: "root", aliases: [], help: "", commands: [], levels: ["configure", "resource"] },
    { name: "configure", aliases: [], help: "", commands: [] },
    {
      name: "resource",
      aliases: [],
      help: "",
      commands: [{ name: "start", aliases: [], help: "" }],
    },
  ],
};

const lines = [
  "co",
  "configure primitive p ocf:heartbeat:",
  "configure primitive p Agent1 params ",
  "configure primitive p Agent1 meta target-role=",
  "configure group g p1",
  "configure colocation c inf: p1 p",
  "configure location l p1 inf: node",
  "configure property no-quorum-policy=",
  "resource start p19",
];

const first = performance.now();
completions.complete(lines[1] ?? "", 40, context);
const firstMs = performance.now() - first;

const rounds = 200;
const start = performance.now();
let count = 0;
for (let round = 0; round < rounds; round++) {
  for (const line of lines) count += completions.complete(line, line.length, context).length;
}
const averageMs = (performance.now() - start) / (rounds * lines.length);
console.log(`import completions (grammar included): ${importMs.toFixed(0)} ms`);
console.log(`first complete(): ${firstMs.toFixed(1)} ms`);
console.log(
  `complete() average over ${lines.length} lines x ${rounds}: ${averageMs.toFixed(3)} ms`,
);
console.log(`(${count} candidates in all)`);
