import { assert } from "../../backend/base/index.js";
import { Outbox } from "../kernel/index.js";
import type {
  ExecutorEffect,
  ExecutorInput,
  ExecutorLimits,
  ProcessOutcome,
} from "./core-types.js";
import { executorLimitsDefault } from "./core-types.js";
import type { RunningJob } from "./core-result.js";
import { resultOf } from "./core-result.js";
import type { ExecutorAction, ExecutorResult, RecurringOperation } from "./types.js";

import type { Job } from "./core-result.js";

interface Recurring {
  readonly callId: number;
  readonly action: ExecutorAction;
  /** When the next run is due; undefined while a run is queued or running. */
  nextDueMs: number | undefined;
  lastReported?: { readonly rc: number; readonly status: ExecutorResult["status"] };
}

/**
 * The executor's pure core (Pacemaker's execd without processes): one queue per resource so
 * two actions of one resource never overlap, recurring operations and their reporting, and
 * timeouts (SIGTERM to the group at the deadline, SIGKILL after a grace), all driven by
 * inputs carrying the host's clock.
 */
export class ExecutorCore {
  readonly #limits: ExecutorLimits;
  readonly #outbox = new Outbox<ExecutorEffect>();
  readonly #queues = new Map<string, Job[]>();
  readonly #running = new Map<string, RunningJob>();
  readonly #recurring = new Map<number, Recurring>();
  #lastCallId = 0;
  #nowMs = 0;

  constructor(limits: Partial<ExecutorLimits> = {}) {
    this.#limits = { ...executorLimitsDefault, ...limits };
  }

  step(input: ExecutorInput): void {
    assert(input.nowMs >= this.#nowMs, "the executor's clock never goes back");
    this.#nowMs = input.nowMs;
    switch (input.kind) {
      case "run_requested":
        return this.#onRunRequested(input.callId, input.action);
      case "recurring_requested":
        return this.#onRecurringRequested(input.callId, input.action, input.firstRunDelayMs);
      case "cancel_requested":
        this.#cancelMatching((op) => matches(op.action, input));
        return this.#startReady();
      case "process_ended":
        return this.#onProcessEnded(input.callId, input.outcome);
      case "tick":
        return this.#onTick();
      case "stop_all_requested":
        return this.#onStopAll();
    }
  }

  drain(): readonly ExecutorEffect[] {
    return this.#outbox.drain();
  }

  /** The earliest time a `tick` has something to do (a deadline or a due run). */
  nextWakeMs(): number | undefined {
    const times: number[] = [];
    for (const running of this.#running.values()) {
      const at = running.killAtMs ?? running.deadlineMs;
      if (Number.isFinite(at)) times.push(at); // after SIGKILL there is nothing left to do
    }
    for (const op of this.#recurring.values()) {
      if (op.nextDueMs !== undefined) times.push(op.nextDueMs);
    }
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /** Whether any agent process is still running. */
  busy(): boolean {
    return this.#running.size > 0;
  }

  activeRecurring(): RecurringOperation[] {
    return [...this.#recurring.values()].map((op) => ({
      callId: op.callId,
      resource: op.action.resource,
      action: op.action.action,
      intervalMs: op.action.intervalMs,
      ...(op.lastReported === undefined
        ? {}
        : { lastRc: op.lastReported.rc, lastStatus: op.lastReported.status }),
    }));
  }

  #acceptCallId(callId: number): void {
    assert(callId > this.#lastCallId, "call ids increase");
    this.#lastCallId = callId;
  }

  #onRunRequested(callId: number, action: ExecutorAction): void {
    this.#acceptCallId(callId);
    if (action.action === "stop") {
      this.#cancelMatching((op) => op.action.resource === action.resource);
    }
    this.#enqueue({ callId, action });
    this.#startReady();
  }

  #onRecurringRequested(callId: number, action: ExecutorAction, firstRunDelayMs?: number): void {
    this.#acceptCallId(callId);
    assert(action.intervalMs > 0, "a recurring operation has an interval");
    this.#cancelMatching((op) => matches(op.action, action));
    const nextDueMs = this.#nowMs + Math.max(0, firstRunDelayMs ?? action.intervalMs);
    this.#recurring.set(callId, { callId, action, nextDueMs });
    if (nextDueMs <= this.#nowMs) this.#onTick();
  }

  #enqueue(job: Job): void {
    const queue = this.#queues.get(job.action.resource) ?? [];
    queue.push(job);
    this.#queues.set(job.action.resource, queue);
  }

  /** Starts the head of every queue whose resource is idle. */
  #startReady(): void {
    for (const [resource, queue] of this.#queues) {
      if (this.#running.has(resource)) continue;
      const job = queue.shift();
      if (queue.length === 0) this.#queues.delete(resource);
      if (job === undefined) continue;
      const timeoutMs =
        job.action.timeoutMs > 0 ? job.action.timeoutMs : this.#limits.defaultTimeoutMs;
      this.#running.set(resource, {
        job,
        startedAtMs: this.#nowMs,
        deadlineMs: this.#nowMs + timeoutMs,
        timedOut: false,
        cancelled: false,
      });
      this.#outbox.push({ kind: "spawn", callId: job.callId, action: job.action });
    }
  }

  #onProcessEnded(callId: number, outcome: ProcessOutcome): void {
    const entry = [...this.#running.entries()].find(([, running]) => running.job.callId === callId);
    assert(entry !== undefined, `process_ended for call ${String(callId)}, which is not running`);
    const [resource, running] = entry;
    this.#running.delete(resource);
    if (running.timedOut) {
      // Nothing of a timed-out action may outlive it: children that ignored SIGTERM included.
      this.#outbox.push({ kind: "signal", callId, signal: "SIGKILL" });
    }
    const result = resultOf(running, outcome, this.#nowMs);
    const recurringId = running.job.recurringId;
    if (recurringId === undefined) this.#outbox.push({ kind: "completed", callId, result });
    else this.#onRecurringResult(recurringId, result);
    this.#startReady();
  }

  /**
   * Reports a recurring run only when it differs from the last report (rc or status), as
   * Pacemaker's execd does for the controller (notify on changes only): the first result, a
   * failure once when it begins, a recovery once. A failure that repeats is not re-reported,
   * so it is counted once.
   */
  #onRecurringResult(recurringId: number, result: ExecutorResult): void {
    const op = this.#recurring.get(recurringId);
    if (op === undefined) return; // cancelled while it ran: already reported as cancelled
    const last = op.lastReported;
    op.nextDueMs = this.#nowMs + op.action.intervalMs;
    if (last !== undefined && last.rc === result.rc && last.status === result.status) return;
    op.lastReported = { rc: result.rc, status: result.status };
    this.#outbox.push({ kind: "recurring_result", callId: op.callId, result });
  }

  #onTick(): void {
    for (const running of this.#running.values()) this.#checkDeadline(running);
    for (const op of this.#recurring.values()) {
      if (op.nextDueMs === undefined || op.nextDueMs > this.#nowMs) continue;
      op.nextDueMs = undefined;
      this.#enqueue({ callId: op.callId, action: op.action, recurringId: op.callId });
    }
    this.#startReady();
  }

  #checkDeadline(running: RunningJob): void {
    const callId = running.job.callId;
    if (running.killAtMs === undefined && running.deadlineMs <= this.#nowMs) {
      running.timedOut = !running.cancelled;
      running.killAtMs = this.#nowMs + this.#limits.killGraceMs;
      this.#outbox.push({ kind: "signal", callId, signal: "SIGTERM" });
    } else if (running.killAtMs !== undefined && running.killAtMs <= this.#nowMs) {
      running.killAtMs = Number.POSITIVE_INFINITY;
      this.#outbox.push({ kind: "signal", callId, signal: "SIGKILL" });
    }
  }

  /** Ends recurring operations: each reports one `cancelled` result; queued runs are dropped. */
  #cancelMatching(selected: (op: Recurring) => boolean): number {
    const cancelled = [...this.#recurring.values()].filter(selected);
    for (const op of cancelled) {
      this.#recurring.delete(op.callId);
      this.#dropQueued((job) => job.recurringId === op.callId);
      const result = this.#cancelledResult(op.callId, op.lastReported?.rc ?? 0);
      this.#outbox.push({ kind: "recurring_result", callId: op.callId, result });
    }
    return cancelled.length;
  }

  #dropQueued(selected: (job: Job) => boolean): Job[] {
    const dropped: Job[] = [];
    for (const [resource, queue] of this.#queues) {
      const kept = queue.filter((job) => !selected(job));
      dropped.push(...queue.filter(selected));
      if (kept.length === 0) this.#queues.delete(resource);
      else this.#queues.set(resource, kept);
    }
    return dropped;
  }

  #onStopAll(): void {
    this.#cancelMatching(() => true);
    for (const job of this.#dropQueued(() => true)) {
      const result = this.#cancelledResult(job.callId, 0);
      this.#outbox.push({ kind: "completed", callId: job.callId, result });
    }
    for (const running of this.#running.values()) {
      running.cancelled = true;
      running.killAtMs = this.#nowMs + this.#limits.killGraceMs;
      this.#outbox.push({ kind: "signal", callId: running.job.callId, signal: "SIGTERM" });
    }
  }

  #cancelledResult(callId: number, rc: number): ExecutorResult {
    return {
      rc,
      status: "cancelled",
      output: "",
      errorOutput: "",
      startedAtMs: this.#nowMs,
      finishedAtMs: this.#nowMs,
      callId,
    };
  }
}

function matches(
  action: ExecutorAction,
  wanted: { readonly resource: string; readonly action: string; readonly intervalMs: number },
): boolean {
  return (
    action.resource === wanted.resource &&
    action.action === wanted.action &&
    action.intervalMs === wanted.intervalMs
  );
}
