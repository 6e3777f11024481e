import { ok } from "../../backend/base/index.js";
import { writeXml } from "../../backend/cib/index.js";
import { withSession } from "./configure-support.js";
import type { Command } from "./types.js";
import { done, failed } from "./types.js";

/** crmsh's ptest words → crm_simulate options (`nograph` and `actions` change nothing here). */
const simulateWords: Readonly<Record<string, readonly string[]>> = {
  nograph: [],
  actions: [],
  scores: ["-s"],
  utilization: ["-U"],
};

/**
 * `simulate` / `ptest`: what committing the staged configuration would make the cluster do —
 * crm_simulate (shell/simulate, quorate's scheduler) run on the working copy with its status:
 * current status, the Transition Summary, and the revised status.
 */
export const simulateCommand: Command = {
  name: "simulate",
  aliases: ["ptest"],
  usage: "[nograph] [scores] [utilization] [actions] [v...]",
  help: "Show what committing the staged changes would make the cluster do (Transition Summary)",
  example: "simulate scores",
  run: (input, context) =>
    withSession(context, async (session) => {
      const unknown = input.args.filter(
        (word) => simulateWords[word] === undefined && !/^v+$/.test(word),
      );
      if (unknown.length > 0) {
        context.output.error(
          `Unknown simulate option "${unknown[0] ?? ""}" (${simulateCommand.usage})`,
        );
        return failed;
      }
      const [{ runSimulate }, { scheduleWithQuorate }] = await Promise.all([
        import("../simulate/run.js"),
        import("../simulate/quorate-scheduler.js"),
      ]);
      const text = writeXml(session.working);
      const argv = ["-x", "-", "-S", ...input.args.flatMap((word) => simulateWords[word] ?? [])];
      const environment = {
        readFile: () => ok(text),
        readStdin: () => ok(text),
        wallClock: () => Math.floor(Date.now() / 1000),
      };
      const outcome = runSimulate(argv, environment, scheduleWithQuorate);
      if (outcome.stdout !== "") context.output.line(outcome.stdout.replace(/\n$/, ""));
      for (const line of outcome.stderr.split("\n").filter((item) => item !== "")) {
        context.output.error(line.replace(/^crm_simulate: /, ""));
      }
      return outcome.exitCode === 0 ? done : failed;
    }),
};
