// Replicated CIB core speed. Prints figures, asserts nothing.
// Run: npx tsx tests/bench/cib-replica.bench.ts
//  1. A one-object change on a large CIB (N primitives, ~5 MB): diffCib, applyPatchset (with
//     its digest check) and cibDigest alone, in wall-clock ms (median of several runs).
//  2. The cib simulation: seeds per second, and acknowledged writes per seed.
import { performance } from "node:perf_hooks";
import { cloneNode, element, emptyCib, ensureChild, writeXml } from "../../backend/cib/index.js";
import {
  applyPatchset,
  cibDigest,
  diffCib,
  nextVersion,
  setCibVersion,
  cibVersion,
} from "../../daemons/cib/index.js";
import { runCibSeed } from "../sim/cib-swarm.js";

function largeCib(primitives: number) {
  const cib = emptyCib();
  const resources = ensureChild(ensureChild(cib, "configuration"), "resources");
  for (let index = 0; index < primitives; index += 1) {
    resources.children.push(
      element(
        "primitive",
        { id: `p${index}`, class: "ocf", provider: "heartbeat", type: "IPaddr2" },
        [
          element("instance_attributes", { id: `p${index}-params` }, [
            element("nvpair", {
              id: `p${index}-ip`,
              name: "ip",
              value: `10.0.${index >> 8}.${index & 255}`,
            }),
          ]),
          element("operations", {}, [
            element("op", {
              id: `p${index}-monitor`,
              name: "monitor",
              interval: "10s",
              timeout: "20s",
            }),
          ]),
        ],
      ),
    );
  }
  return cib;
}

function median(run: () => void, times = 7): number {
  const samples: number[] = [];
  for (let index = 0; index < times; index += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)] ?? 0;
}

const before = largeCib(14_000);
const after = cloneNode(before);
const resources = ensureChild(ensureChild(after, "configuration"), "resources");
resources.children.push(
  element("primitive", { id: "new", class: "ocf", provider: "pacemaker", type: "Dummy" }),
);
setCibVersion(after, nextVersion(cibVersion(before), true));
const megabytes = writeXml(before).length / 1e6;
const patchset = diffCib(before, after);
console.log(`One-object change on a ${megabytes.toFixed(1)} MB CIB:`);
console.log(`  diffCib        ${median(() => diffCib(before, after)).toFixed(1)} ms`);
console.log(
  `  applyPatchset  ${median(() => applyPatchset(before, patchset)).toFixed(1)} ms (with digest check)`,
);
console.log(`  cibDigest      ${median(() => cibDigest(before)).toFixed(1)} ms`);

const seeds = 200;
const started = performance.now();
let acknowledged = 0;
for (let seed = 1; seed <= seeds; seed += 1) acknowledged += runCibSeed(seed, 300).acknowledged;
const seconds = (performance.now() - started) / 1000;
console.log(
  `cib simulation: ${seeds} seeds in ${seconds.toFixed(1)} s (${(seeds / seconds).toFixed(0)} seeds/s), ` +
    `${(acknowledged / seeds).toFixed(1)} acknowledged writes per seed`,
);
