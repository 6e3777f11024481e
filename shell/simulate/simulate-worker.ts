/**
 * `configure simulate` in a worker thread, so Ctrl-C can stop a long run (a 20 MB CIB takes
 * seconds) by terminating the thread. Receives the staged CIB's text, crm_simulate's words and
 * the wall clock; posts back crm_simulate's outcome.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ok } from "../../backend/base/index.js";
import { scheduleWithQuorate } from "./quorate-scheduler.js";
import { runSimulate } from "./run.js";

const input = workerData as {
  readonly argv: readonly string[];
  readonly text: string;
  readonly nowSeconds: number;
};
const outcome = runSimulate(
  input.argv,
  {
    readFile: () => ok(input.text),
    readStdin: () => ok(input.text),
    wallClock: () => input.nowSeconds,
  },
  scheduleWithQuorate,
);
parentPort?.postMessage({
  stdout: outcome.stdout,
  stderr: outcome.stderr,
  exitCode: outcome.exitCode,
});
