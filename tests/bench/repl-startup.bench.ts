// Start-up of the interactive shell and of one-shot `crm status`, side by side with crmsh when
// installed (crmsh.md §5: crmsh one-shot ≈ 0.35 s on a quiet machine).
//   - time to an interactive prompt: crm started in a tmux pane, the pane polled every few
//     milliseconds until `crm(…)# ` shows (target ≤ 0.3 s); then until Ink has taken over
//     (the first frame it draws replaces the early prompt: measured as "Ink ready");
//   - one-shot `crm status` (crm_mon -1 on a CIB file): wall and CPU time.
// Run: npx tsx tests/bench/repl-startup.bench.ts   (RUNS=N for more runs; the median is shown)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { emptyCib, writeXml } from "../../backend/cib/index.js";
import { buildCrm } from "../e2e/offline/crm-process.js";
import { median } from "./samples.js";

const runs = Number(process.env["RUNS"] ?? 7);

function tmux(server: string, ...args: string[]): string {
  return spawnSync("tmux", ["-L", server, "-f", "/dev/null", ...args], { encoding: "utf8" }).stdout;
}

let serverCount = 0;

/** CPU milliseconds (user + system) a process has used so far, from /proc (100 ticks/s). */
function cpuSoFar(pid: string): number {
  const stat = spawnSync("cat", [`/proc/${pid}/stat`], { encoding: "utf8" }).stdout;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Milliseconds from starting `command` in a tmux pane until `shown` matches its screen, and
 * the CPU milliseconds the program had used by then (steadier than wall time on a busy host).
 */
function timeToScreen(
  command: readonly string[],
  shown: RegExp,
  environment: Record<string, string>,
): [number, number] {
  serverCount += 1;
  const server = `quorate-bench-${process.pid}-${serverCount}`;
  const variables = Object.entries(environment).map(([name, value]) => `${name}=${value}`);
  const started = performance.now();
  tmux(
    server,
    "new-session",
    "-d",
    "-s",
    "bench",
    "-x",
    "120",
    "-y",
    "40",
    ["env", "-i", ...variables, ...command].join(" "),
  );
  try {
    for (;;) {
      const screen = tmux(server, "capture-pane", "-p", "-t", "bench");
      if (shown.test(screen)) {
        const wall = performance.now() - started;
        const pid = tmux(server, "display-message", "-p", "-t", "bench", "#{pane_pid}").trim();
        return [wall, cpuSoFar(pid)];
      }
      if (performance.now() - started > 20_000)
        throw new Error(`${command.join(" ")}: no prompt:\n${screen}`);
    }
  } finally {
    spawnSync("tmux", ["-L", server, "kill-server"]);
  }
}

function wallAndCpu(
  command: string,
  args: readonly string[],
  environment: Record<string, string>,
): [number, number] {
  const started = performance.now();
  const ran = spawnSync("/usr/bin/time", ["-f", "%U %S", command, ...args], {
    env: environment,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const wall = performance.now() - started;
  const [user, system] = (ran.stderr.toString().trim().split("\n").pop() ?? "")
    .split(" ")
    .map(Number);
  return [wall, ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000];
}

function hasTool(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

function report(label: string, values: readonly number[], extra = ""): void {
  console.log(
    `${label.padEnd(44)} median ${median(values).toFixed(0).padStart(5)} ms  (${values.map((value) => value.toFixed(0)).join(" ")})${extra}`,
  );
}

async function main(): Promise<void> {
  if (!hasTool("tmux")) {
    console.log("tmux is not installed: skipping the interactive start-up");
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), "quorate-repl-bench-"));
  const { bin } = await buildCrm();
  try {
    const cib = join(folder, "cib.xml");
    writeFileSync(cib, writeXml(emptyCib()));
    const environment = {
      PATH: process.env["PATH"] ?? "",
      HOME: folder,
      TERM: "xterm-256color",
      LANG: "C.UTF-8",
      USER: process.env["USER"] ?? "root",
      LOGNAME: process.env["LOGNAME"] ?? "root",
      CIB_file: cib,
    };
    const prompt = /crm\([^)]*\)#/;
    const ours = Array.from({ length: runs }, () =>
      timeToScreen([process.execPath, bin], prompt, environment),
    );
    report(
      "interactive prompt, quorate crm (wall)",
      ours.map(([wall]) => wall),
      "  target ≤ 300 ms",
    );
    report(
      "interactive prompt, quorate crm (CPU)",
      ours.map(([, cpu]) => cpu),
    );
    const crmsh = hasTool("crm") && hasTool("cibadmin");
    if (crmsh) {
      const theirs = Array.from({ length: runs }, () => timeToScreen(["crm"], prompt, environment));
      report(
        "interactive prompt, crmsh (wall)",
        theirs.map(([wall]) => wall),
      );
      report(
        "interactive prompt, crmsh (CPU)",
        theirs.map(([, cpu]) => cpu),
      );
    }
    const status = Array.from({ length: runs }, () =>
      wallAndCpu(process.execPath, [bin, "status"], environment),
    );
    report(
      "one-shot crm status, quorate (wall)",
      status.map(([wall]) => wall),
    );
    report(
      "one-shot crm status, quorate (CPU)",
      status.map(([, cpu]) => cpu),
    );
    if (crmsh) {
      const theirs = Array.from({ length: Math.min(runs, 5) }, () =>
        wallAndCpu("crm", ["status"], environment),
      );
      report(
        "one-shot crm status, crmsh (wall)",
        theirs.map(([wall]) => wall),
      );
      report(
        "one-shot crm status, crmsh (CPU)",
        theirs.map(([, cpu]) => cpu),
      );
    }
    const load = spawnSync("cat", ["/proc/loadavg"], { encoding: "utf8" }).stdout.trim();
    console.log(`load average while measuring: ${load}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
