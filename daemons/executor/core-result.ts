import type { ProcessOutcome } from "./core-types.js";
import { exitReasonOf, ocfRc, rcFromExitCode } from "./exit-codes.js";
import { programAction } from "./program-action.js";
import type { ExecutorAction, ExecutorResult } from "./types.js";

/** One execution waiting for, or holding, its resource. */
export interface Job {
  readonly callId: number;
  readonly action: ExecutorAction;
  /** The recurring operation this run belongs to (its call id), if any. */
  readonly recurringId?: number;
}

/** A job whose process runs, with its timing. */
export interface RunningJob {
  readonly job: Job;
  readonly startedAtMs: number;
  readonly deadlineMs: number;
  /** Set once the deadline passed (SIGTERM sent): when SIGKILL follows. */
  killAtMs?: number;
  timedOut: boolean;
  /** Ended by stopAll: its result is `cancelled`. */
  cancelled: boolean;
}

/** Pacemaker's reason for an action killed at its timeout. */
export const timeoutReason = "Process did not exit within specified timeout";

/**
 * The result of a finished job: a timeout or a cancellation wins over whatever the killed
 * process returned; a signal nobody sent is a generic error; an exit code is mapped by class.
 */
export function resultOf(
  running: RunningJob,
  outcome: ProcessOutcome,
  nowMs: number,
): ExecutorResult {
  const base = {
    startedAtMs: running.startedAtMs,
    finishedAtMs: nowMs,
    callId: running.job.callId,
  };
  if (outcome.kind === "not_run") {
    const reason = outcome.reason === undefined ? {} : { exitReason: outcome.reason };
    return {
      ...base,
      rc: outcome.rc,
      status: outcome.status,
      output: "",
      errorOutput: "",
      ...reason,
    };
  }
  const texts = { output: outcome.output, errorOutput: outcome.errorOutput };
  if (running.cancelled) return { ...base, ...texts, rc: ocfRc.genericError, status: "cancelled" };
  if (running.timedOut) {
    return {
      ...base,
      ...texts,
      rc: ocfRc.genericError,
      status: "timeout",
      exitReason: timeoutReason,
    };
  }
  if (outcome.kind === "signaled") {
    const exitReason = `Agent was killed by ${outcome.signal}`;
    return { ...base, ...texts, rc: ocfRc.genericError, status: "error", exitReason };
  }
  const { agent, action } = running.job.action;
  const rc = rcFromExitCode(
    agent.class,
    programAction(agent.class, action) ?? action,
    outcome.exitCode,
  );
  const reason = exitReasonOf(outcome.errorOutput);
  return {
    ...base,
    ...texts,
    rc,
    status: "done",
    ...(reason === undefined ? {} : { exitReason: reason }),
  };
}
