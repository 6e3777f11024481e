// Speed of the crm bin on CIB files (crmsh.md §5), side by side with crmsh when installed:
//   one-shot `crm configure show` on an empty CIB (crmsh: 0.35 s; target ≤ 0.12 s), and
//   `crm configure load update` of 2,000 primitives + 1,000 constraints (crmsh: 61.6 s;
//   target ≥ 100× faster) and of ten times that.
// Run: npx tsx tests/bench/shell.bench.ts   (BENCH_CRMSH_LOAD=1 also times crmsh's big load)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { emptyCib, writeXml } from "../../backend/cib/index.js";
import { buildCrm } from "../e2e/offline/crm-process.js";
import { median } from "./samples.js";

/** crmsh.md §5's generator: primitives with 2 params, 1 meta, 3 ops; 4 kinds of constraint. */
export function largeScript(primitives: number, constraints: number): string {
  const lines = ["node node1", "node node2", "node node3", "property stonith-enabled=false"];
  for (let i = 0; i < primitives; i++) {
    lines.push(
      `primitive d${i} ocf:heartbeat:Dummy params state=/run/d${i} fake=1 \\`,
      `\tmeta target-role=Started \\`,
      `\top monitor interval=10s timeout=20s \\`,
      `\top start timeout=60s interval=0 \\`,
      `\top stop timeout=60s interval=0`,
    );
  }
  for (let i = 0; i < constraints; i++) {
    const a = `d${i % primitives}`;
    const b = `d${(i + 1) % primitives}`;
    const kind = i % 4;
    if (kind === 0) lines.push(`location l${i} ${a} ${(i % 7) * 10}: node${(i % 3) + 1}`);
    else if (kind === 1) lines.push(`colocation c${i} inf: ${a} ${b}`);
    else if (kind === 2) lines.push(`order o${i} Mandatory: ${a} ${b}`);
    else lines.push(`location r${i} ${a} rule 50: #uname eq node1 and pingd gt 0`);
  }
  return `${lines.join("\n")}\n`;
}

function timed(
  command: string,
  args: readonly string[],
  environment: Record<string, string>,
): number {
  const started = performance.now();
  const ran = spawnSync(command, args, {
    env: { PATH: process.env["PATH"] ?? "", ...environment },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const seconds = (performance.now() - started) / 1000;
  if (ran.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed: ${ran.stderr.toString()}`);
  return seconds;
}

/** CPU seconds (user + system) of one run, through /usr/bin/time: steadier than wall time. */
function cpuSeconds(
  command: string,
  args: readonly string[],
  environment: Record<string, string>,
): number {
  const ran = spawnSync("/usr/bin/time", ["-f", "%U %S", command, ...args], {
    env: { PATH: process.env["PATH"] ?? "", ...environment },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const [user, system] = (ran.stderr.toString().trim().split("\n").pop() ?? "")
    .split(" ")
    .map(Number);
  return (user ?? Number.NaN) + (system ?? Number.NaN);
}

function hasCrmsh(): boolean {
  return (
    spawnSync("sh", ["-c", "command -v crm && command -v cibadmin"], { stdio: "ignore" }).status ===
    0
  );
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "quorate-bench-"));
  const built = await buildCrm();
  const node = process.execPath;
  try {
    const empty = join(folder, "empty.xml");
    writeFileSync(empty, writeXml(emptyCib()));
    const runs = 11;
    const ours = Array.from({ length: runs }, () =>
      timed(node, [built.bin, "configure", "show"], { CIB_file: empty }),
    );
    console.log(
      `one-shot configure show, empty CIB: quorate median ${median(ours).toFixed(3)} s (${runs} runs; target ≤ 0.12 s)`,
    );
    const show = [built.bin, "configure", "show"];
    const cpu = Array.from({ length: runs }, () => cpuSeconds(node, show, { CIB_file: empty }));
    const bare = Array.from({ length: runs }, () => cpuSeconds(node, ["-e", "0"], {}));
    console.log(
      `  CPU median ${median(cpu).toFixed(3)} s (node alone: ${median(bare).toFixed(3)} s)`,
    );
    const crmsh = hasCrmsh();
    if (crmsh) {
      const theirs = Array.from({ length: 5 }, () =>
        timed("crm", ["configure", "show"], { CIB_file: empty, HOME: folder }),
      );
      console.log(
        `                                    crmsh   median ${median(theirs).toFixed(3)} s (5 runs)`,
      );
      const environment = { CIB_file: empty, HOME: folder };
      const theirCpu = Array.from({ length: 5 }, () =>
        cpuSeconds("crm", ["configure", "show"], environment),
      );
      console.log(`  crmsh CPU median ${median(theirCpu).toFixed(3)} s`);
    }
    for (const scale of [1, 10]) {
      const script = join(folder, `big-${scale}.crm`);
      writeFileSync(script, largeScript(2000 * scale, 1000 * scale));
      const cib = join(folder, `big-${scale}.xml`);
      writeFileSync(cib, writeXml(emptyCib()));
      const seconds = timed(node, [built.bin, "configure", "load", "update", script], {
        CIB_file: cib,
      });
      const speedup = 61.6 / seconds;
      console.log(
        `load update ${2000 * scale} primitives + ${1000 * scale} constraints: quorate ${seconds.toFixed(2)} s` +
          (scale === 1 ? ` (crmsh.md: crmsh 61.6 s → ${speedup.toFixed(0)}×)` : ""),
      );
      const shown = timed(node, [built.bin, "configure", "show"], { CIB_file: cib });
      console.log(
        `  then one-shot configure show on it: ${shown.toFixed(2)} s (crmsh.md: crmsh 4.56 s at scale 1)`,
      );
      if (crmsh && scale === 1 && process.env["BENCH_CRMSH_LOAD"] === "1") {
        const theirs = join(folder, "big-crmsh.xml");
        writeFileSync(theirs, writeXml(emptyCib()));
        const crmshSeconds = timed("crm", ["-F", "configure", "load", "update", script], {
          CIB_file: theirs,
          HOME: folder,
        });
        console.log(
          `  crmsh on the same file: ${crmshSeconds.toFixed(1)} s → ${(crmshSeconds / seconds).toFixed(0)}×`,
        );
      }
    }
  } finally {
    built.cleanup();
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
