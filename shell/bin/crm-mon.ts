#!/usr/bin/env node
// crm_mon: cluster status in Pacemaker's layout. Without -1 on a terminal it is the live,
// full-screen view (shell/monitor-live, the only path that loads Ink); otherwise runCrmMon()
// prints once and this file writes its output and sets the exit code.
import { exitQuietlyOnClosedPipe } from "../closed-pipe.js";
import { fileMonitorEnvironment } from "../monitor/file-environment.js";
import { runCrmMon } from "../monitor/index.js";

exitQuietlyOnClosedPipe();

/** crm_mon stays on screen unless asked for one shot, XML, help, or not on a terminal. */
function wantsLiveView(args: readonly string[]): boolean {
  if (!process.stdout.isTTY || !process.stdin.isTTY) return false;
  const once = /^-[^-]*[1h]|^--(one-shot|help|output-as|as-xml)|^-X$/;
  return !args.some((argument) => once.test(argument));
}

async function run(args: readonly string[]): Promise<number> {
  if (wantsLiveView(args)) {
    const { runLiveMonitor } = await import("../monitor-live/index.js");
    return runLiveMonitor(args, process.env);
  }
  const { usesLiveCluster } = await import("../live-monitor.js");
  const help = args.some((argument) => argument === "-h" || argument === "--help");
  const outcome =
    usesLiveCluster(process.env) && !help
      ? await (await import("../live-monitor.js")).liveCrmMon(args, process.env)
      : runCrmMon(args, fileMonitorEnvironment(process.env));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  return outcome.exitCode;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`crm_mon: internal error: ${String(error)}\n`);
    process.exitCode = 70;
  },
);
