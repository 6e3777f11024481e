import { printLong } from "./paging.js";
import type { Command } from "./types.js";
import { done, failed } from "./types.js";

/**
 * `crm status [bynode|inactive|ops|timing|failcounts|xml]`: crm_mon -1 in Pacemaker's layout,
 * as crmsh runs it. The monitor is imported only when the command runs.
 */
export const statusCommand: Command = {
  name: "status",
  aliases: [],
  usage: "[bynode|inactive|ops|timing|failcounts|xml]",
  help: "Cluster status, as crm_mon -1 prints it",
  example: "status inactive failcounts",
  run: async (input, context) => {
    const { crmStatus, statusArguments } = await import("../monitor/index.js");
    const { fileMonitorEnvironment } = await import("../monitor/file-environment.js");
    const live = await import("../live-monitor.js");
    const outcome = live.usesLiveCluster(context.environment)
      ? await live.liveCrmMon(statusArguments(input.args), context.environment)
      : crmStatus(input.args, fileMonitorEnvironment(context.environment));
    await printLong(context, outcome.stdout);
    const [problem, ...usage] = outcome.stderr.split("\n").filter((text) => text !== "");
    if (problem !== undefined) context.output.error(problem.replace(/^crm_mon: /, ""));
    for (const line of usage) context.output.info(line);
    return outcome.exitCode === 0 ? done : failed;
  },
};
