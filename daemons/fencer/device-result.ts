import type { ExecutorResult } from "../executor/index.js";
import type { DeviceRun } from "./devices.js";
import type { DeviceResult } from "./execution.js";

/** The executor's answer as the fencer core takes it. */
export function deviceResultOf(result: ExecutorResult): DeviceResult {
  const status =
    result.status === "done" ? "done" : result.status === "timeout" ? "timeout" : "failed";
  const failed = status !== "done" || result.rc !== 0;
  return {
    status,
    rc: result.rc,
    output: result.output,
    elapsedMs: Math.max(0, result.finishedAtMs - result.startedAtMs),
    ...(failed ? { reason: failureReason(result) } : {}),
  };
}

function failureReason(result: ExecutorResult): string {
  if (result.exitReason !== undefined && result.exitReason !== "") return result.exitReason;
  const output = `${result.errorOutput}${result.output}`.trim().split("\n").at(-1) ?? "";
  const status = result.status === "done" ? `exit code ${result.rc}` : result.status;
  return output === "" ? status : `${status}: ${output}`;
}

/** The notice pacemaker-fenced logs before a delayed fencing action. */
export function delayText(run: DeviceRun, target: string | undefined, delayMs: number): string {
  const on = target === undefined ? "" : ` targeting ${target}`;
  return `Delaying '${run.agentAction}' action${on} using ${run.device} for ${delayMs / 1000}s`;
}
