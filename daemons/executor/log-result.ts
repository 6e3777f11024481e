import type { Log, LogLevel } from "../node/index.js";
import type { ExecutorAction, ExecutorResult } from "./types.js";

/** Lines of agent output written to the log per result, at most. */
const loggedLinesMax = 20;

/** Pacemaker's operation key: `<resource>_<action>_<interval ms>`. */
export function operationKey(action: ExecutorAction): string {
  return `${action.resource}_${action.action}_${String(action.intervalMs)}`;
}

/**
 * Logs a result as execd does: one line with rc and status (a warning when the action did not
 * answer), then the agent's stderr lines (bounded), which carry its own log and exit reason.
 */
export function logResult(log: Log, action: ExecutorAction, result: ExecutorResult): void {
  const key = operationKey(action);
  const level: LogLevel =
    result.status === "done" || result.status === "cancelled" ? "info" : "warning";
  const reason = result.exitReason === undefined ? "" : ` (${result.exitReason})`;
  const took = result.finishedAtMs - result.startedAtMs;
  log.write(
    level,
    "execd",
    `${key} call=${String(result.callId)}: rc=${String(result.rc)} status=${result.status}${reason} after ${String(took)} ms`,
  );
  const lines = result.errorOutput.split("\n").filter((line) => line.trim() !== "");
  for (const line of lines.slice(-loggedLinesMax)) {
    log.write("info", "execd", `${key} error output [ ${line} ]`);
  }
}
