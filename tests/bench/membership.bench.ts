// Membership speed in simulation (membership.md §2.3, §4). Prints figures, asserts nothing.
// Run: npx tsx tests/bench/membership.bench.ts
//  1. View convergence after kill -9 of one node, 32 and 64 nodes, token 1000 ms with
//     corosync's coefficient (650 ms) and without it: simulated ms and ticks from the crash
//     to the new view on every survivor, beside the effective token. Twice: as after a dead
//     host (nothing but the token tells), and with the survivors' transports reporting the
//     node unreachable 20 ms after the kill (every reconnect refused: its process is gone),
//     which fails it at once at any token.
//  2. View convergence after healing a halves partition.
//  3. Agreed-order throughput of the core: broadcasts delivered per wall-clock second, and
//     the message count per broadcast, with 3 and 5 nodes on a 1-tick network.
import { performance } from "node:perf_hooks";
import { effectiveTokenMs } from "../../daemons/membership/index.js";
import { SimCluster, converged } from "../../daemons/sim/index.js";

const tickMs = 10;
const network = { lossPercent: 0, duplicatePercent: 0, delayTicksMin: 1, delayTicksSpread: 1 };

function timing(tokenCoefficientMs: number) {
  return { tokenMs: 1000, tokenCoefficientMs, joinMs: 50, maxMessages: 17 };
}

function afterCrash(nodeCount: number, tokenCoefficientMs: number, reported = false): void {
  const sim = SimCluster.create({
    seed: nodeCount,
    nodeCount,
    faults: network,
    timing: timing(tokenCoefficientMs),
    groups: ["cib"],
  });
  sim.runUntil(converged, 20_000);
  sim.runTicks(50);
  const started = performance.now();
  sim.crash(nodeCount);
  let ticks = 0;
  if (reported) {
    // The reconnect delay after a closed link is 20 ms: then every link is refused.
    ticks = 2;
    sim.runTicks(ticks);
    for (const nodeId of sim.liveNodeIds) sim.reportUnreachable(nodeId, nodeCount);
  }
  ticks += sim.runUntil(converged, 100_000);
  const wallMs = performance.now() - started;
  const tokenMs = effectiveTokenMs(timing(tokenCoefficientMs), nodeCount);
  console.log(
    `  ${String(nodeCount).padStart(2)} nodes, coefficient ${String(tokenCoefficientMs).padStart(3)}` +
      `${reported ? ", reported unreachable" : ""}: ` +
      `new view ${ticks} ticks = ${ticks * tickMs} ms after the crash ` +
      (reported
        ? `(effective token ${tokenMs} ms, not waited for; `
        : `(effective token ${tokenMs} ms, agreement ${ticks * tickMs - tokenMs} ms; `) +
      `corosync: token + consensus = ${Math.round(2.2 * tokenMs)} ms); wall ${wallMs.toFixed(0)} ms`,
  );
}

function afterHeal(nodeCount: number): void {
  const sim = SimCluster.create({
    seed: nodeCount,
    nodeCount,
    faults: network,
    timing: timing(650),
    groups: ["cib"],
  });
  sim.runUntil(converged, 20_000);
  const half = Math.floor(nodeCount / 2);
  const ids = sim.nodeIds;
  sim.network.split([ids.slice(0, half), ids.slice(half)]);
  sim.runTicks(Math.ceil(effectiveTokenMs(timing(650), nodeCount) / tickMs) + 200);
  const started = performance.now();
  sim.heal();
  const ticks = sim.runUntil(converged, 100_000);
  console.log(
    `  ${String(nodeCount).padStart(2)} nodes: one view ${ticks} ticks = ${ticks * tickMs} ms after healing ` +
      `a ${half} | ${nodeCount - half} split; wall ${(performance.now() - started).toFixed(0)} ms`,
  );
}

function throughput(nodeCount: number, perTick: number, ticks: number): void {
  const sim = SimCluster.create({
    seed: 1,
    nodeCount,
    faults: network,
    timing: timing(650),
    groups: ["cib"],
  });
  sim.runUntil(converged, 20_000);
  let delivered = 0;
  sim.addChecker({
    name: "count",
    observe(event) {
      if (event.kind === "delivered" && event.group === "cib") delivered += 1;
      return undefined;
    },
  });
  const sentBefore = sim.network.sentCount;
  const started = performance.now();
  let sent = 0;
  for (let tick = 0; tick < ticks; tick += 1) {
    for (let index = 0; index < perTick; index += 1) {
      const nodeId = sim.nodeIds[index % nodeCount] ?? 1;
      sim.broadcast(nodeId, "cib", `m${sent}`);
      sent += 1;
    }
    sim.tick();
  }
  sim.runTicks(20);
  const seconds = (performance.now() - started) / 1000;
  const messages = sim.network.sentCount - sentBefore;
  console.log(
    `  ${nodeCount} nodes: ${sent} broadcasts, ${delivered / nodeCount} delivered per node in agreed order, ` +
      `${Math.round(sent / seconds)} broadcasts/s of wall time ` +
      `(${Math.round(delivered / seconds)} deliveries/s), ${(messages / sent).toFixed(1)} network messages per broadcast, ` +
      `simulated rate ${(perTick * 1000) / tickMs} broadcasts/s`,
  );
}

console.log("View convergence after kill -9 (token 1000 ms, 10 ms ticks):");
for (const nodeCount of [3, 32, 64]) {
  afterCrash(nodeCount, 650);
  afterCrash(nodeCount, 0);
}
console.log("View convergence after kill -9 reported by the transports (token 1000 ms):");
for (const nodeCount of [3, 32, 64]) afterCrash(nodeCount, 650, true);
console.log("View convergence after healing a partition:");
for (const nodeCount of [32, 64]) afterHeal(nodeCount);
console.log("Agreed-order throughput of the core:");
throughput(3, 20, 500);
throughput(5, 20, 500);
