import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ok } from "../../backend/base/index.js";
import { writeXml } from "../../backend/cib/index.js";
import { withSession } from "./configure-support.js";
import { printLong } from "./paging.js";
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
      const text = writeXml(session.working);
      const argv = ["-x", "-", "-S", ...input.args.flatMap((word) => simulateWords[word] ?? [])];
      const nowSeconds = Math.floor(Date.now() / 1000);
      context.output.status?.("simulating…");
      const outcome =
        (await simulateInWorker({ argv, text, nowSeconds }, context.signal)) ??
        (await simulateHere({ argv, text, nowSeconds }));
      context.output.status?.(undefined);
      if (outcome === "interrupted") return failed; // the shell says "interrupted"
      await printLong(context, outcome.stdout);
      for (const line of outcome.stderr.split("\n").filter((item) => item !== "")) {
        context.output.error(line.replace(/^crm_simulate: /, ""));
      }
      return outcome.exitCode === 0 ? done : failed;
    }),
};

interface SimulateInput {
  readonly argv: readonly string[];
  readonly text: string;
  readonly nowSeconds: number;
}

interface SimulateResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** crm_simulate in this thread (TypeScript sources, where no compiled worker exists). */
async function simulateHere(input: SimulateInput): Promise<SimulateResult> {
  const [{ runSimulate }, { scheduleWithQuorate }] = await Promise.all([
    import("../simulate/run.js"),
    import("../simulate/quorate-scheduler.js"),
  ]);
  const environment = {
    readFile: () => ok(input.text),
    readStdin: () => ok(input.text),
    wallClock: () => input.nowSeconds,
  };
  return runSimulate(input.argv, environment, scheduleWithQuorate);
}

/**
 * crm_simulate in a worker thread, so an interrupt (Ctrl-C) can stop it at once by ending the
 * thread. Undefined when there is no compiled worker to start (running from the sources).
 */
function simulateInWorker(
  input: SimulateInput,
  signal: AbortSignal | undefined,
): Promise<SimulateResult | "interrupted" | undefined> {
  const path = fileURLToPath(new URL("../simulate/simulate-worker.js", import.meta.url));
  if (!existsSync(path)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const worker = new Worker(path, { workerData: input });
    const onAbort = (): void => {
      resolve("interrupted");
      void worker.terminate();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const settle = (result: SimulateResult | undefined): void => {
      signal?.removeEventListener("abort", onAbort);
      resolve(result);
    };
    worker.once("message", (message: SimulateResult) => settle(message));
    worker.once("error", () => settle(undefined)); // run it here instead
    worker.once("exit", () => settle(undefined));
  });
}
