import type { ExecRequest, ExecResult } from "../controller/index.js";
import type { Prng } from "../kernel/index.js";

export interface SimExecutorOptions {
  /** Ticks an operation takes: min + [0, spread). */
  readonly delayTicksMin: number;
  readonly delayTicksSpread: number;
  /** Chance that a start fails (rc 1, nothing left running). */
  readonly startFailurePercent: number;
  readonly tickMs: number;
}

interface Queued {
  readonly callId: number;
  readonly request: ExecRequest;
  readonly dueTick: number;
}

interface RecurringRun {
  readonly request: ExecRequest;
  nextTick: number;
}

export type SimExecutorReport =
  | { readonly kind: "executed"; readonly callId: number; readonly result: ExecResult }
  | {
      readonly kind: "recurring_result";
      readonly resource: string;
      readonly intervalMs: number;
      readonly result: ExecResult;
    };

/**
 * One node's executor with agents simulated: each resource is running or not, operations take
 * a few ticks, starts may fail, a resource may die (the next monitor finds it stopped).
 * What runs here is the truth the checkers compare the cluster's beliefs with.
 */
export class SimExecutor {
  /** Resources running on this node (the truth). */
  readonly running = new Set<string>();
  readonly #queue: Queued[] = [];
  readonly #recurring = new Map<string, RecurringRun>();

  constructor(
    private readonly prng: Prng,
    readonly options: SimExecutorOptions,
  ) {}

  execute(callId: number, request: ExecRequest, now: number): void {
    const delay =
      this.options.delayTicksMin + this.prng.int(Math.max(1, this.options.delayTicksSpread));
    this.#queue.push({ callId, request, dueTick: now + delay });
    if (request.intervalMs > 0) {
      const intervalTicks = this.#intervalTicks(request);
      this.#recurring.set(key(request.resource, request.intervalMs), {
        request,
        nextTick: now + delay + intervalTicks,
      });
    }
  }

  cancel(resource: string, intervalMs: number): void {
    this.#recurring.delete(key(resource, intervalMs));
  }

  /** The resource dies (a crash of its process); monitors find it stopped. */
  fail(resource: string): void {
    this.running.delete(resource);
  }

  get busy(): boolean {
    return this.#queue.length > 0;
  }

  /** Runs what is due at `now`, in call order, then the recurring monitors due. */
  tick(now: number): SimExecutorReport[] {
    const reports: SimExecutorReport[] = [];
    const due = this.#queue
      .filter((entry) => entry.dueTick <= now)
      .sort((a, b) => a.callId - b.callId);
    for (const entry of due) {
      this.#queue.splice(this.#queue.indexOf(entry), 1);
      reports.push({ kind: "executed", callId: entry.callId, result: this.#run(entry.request) });
    }
    for (const recurring of this.#recurring.values()) {
      if (recurring.nextTick > now) continue;
      recurring.nextTick = now + this.#intervalTicks(recurring.request);
      const { resource, intervalMs } = recurring.request;
      reports.push({
        kind: "recurring_result",
        resource,
        intervalMs,
        result: this.#run(recurring.request),
      });
    }
    return reports;
  }

  #intervalTicks(request: ExecRequest): number {
    return Math.max(1, Math.round(request.intervalMs / this.options.tickMs));
  }

  #run(request: ExecRequest): ExecResult {
    const { resource } = request;
    const done = (rc: number): ExecResult => ({ rc, status: 0, execTimeMs: this.options.tickMs });
    switch (request.operation) {
      case "start":
        if (this.prng.chance(this.options.startFailurePercent)) return done(1);
        this.running.add(resource);
        return done(0);
      case "stop":
        this.running.delete(resource);
        return done(0);
      case "monitor":
        return done(this.running.has(resource) ? 0 : 7);
      default:
        return done(this.running.has(resource) ? 0 : 7);
    }
  }
}

function key(resource: string, intervalMs: number): string {
  return `${resource}\u0000${intervalMs}`;
}
