import type { ExecutionStatus, ExecutorAction, ExecutorResult } from "./types.js";

/** How an agent's process ended, as the host observed it. */
export type ProcessOutcome =
  | {
      readonly kind: "exited";
      readonly exitCode: number;
      readonly output: string;
      readonly errorOutput: string;
    }
  | {
      readonly kind: "signaled";
      readonly signal: string;
      readonly output: string;
      readonly errorOutput: string;
    }
  /** No process ran: the agent is missing, not executable, or the class is not available. */
  | {
      readonly kind: "not_run";
      readonly rc: number;
      readonly status: ExecutionStatus;
      readonly reason?: string;
    };

/** Facts the host feeds the core; `nowMs` is the host's monotonic clock. */
export type ExecutorInput =
  | {
      readonly kind: "run_requested";
      readonly nowMs: number;
      readonly callId: number;
      readonly action: ExecutorAction;
    }
  | {
      readonly kind: "recurring_requested";
      readonly nowMs: number;
      readonly callId: number;
      readonly action: ExecutorAction;
      /** When the first run is due; one interval when absent. */
      readonly firstRunDelayMs?: number;
    }
  | {
      readonly kind: "cancel_requested";
      readonly nowMs: number;
      readonly resource: string;
      readonly action: string;
      readonly intervalMs: number;
    }
  | {
      readonly kind: "process_ended";
      readonly nowMs: number;
      readonly callId: number;
      readonly outcome: ProcessOutcome;
    }
  | { readonly kind: "tick"; readonly nowMs: number }
  | { readonly kind: "stop_all_requested"; readonly nowMs: number };

export type Signal = "SIGTERM" | "SIGKILL";

/** Requests to the host, in the order they must be performed. */
export type ExecutorEffect =
  /** Start the agent for `action` in a new process group; report with `process_ended`. */
  | { readonly kind: "spawn"; readonly callId: number; readonly action: ExecutorAction }
  /** Signal the whole process group of a running call (ignore "no such process"). */
  | { readonly kind: "signal"; readonly callId: number; readonly signal: Signal }
  /** The result of a one-shot `run_requested`. */
  | { readonly kind: "completed"; readonly callId: number; readonly result: ExecutorResult }
  /** A result of a recurring operation worth reporting (first, changed, failed, cancelled). */
  | {
      readonly kind: "recurring_result";
      readonly callId: number;
      readonly result: ExecutorResult;
    };

export interface ExecutorLimits {
  /** Between SIGTERM to a timed-out group and SIGKILL. */
  readonly killGraceMs: number;
  /** Used when an action's timeout is 0 (Pacemaker's default operation timeout). */
  readonly defaultTimeoutMs: number;
}

export const executorLimitsDefault: ExecutorLimits = {
  killGraceMs: 2000,
  defaultTimeoutMs: 20_000,
};
