/**
 * The executor's public vocabulary (Pacemaker's execd): what the controller asks a node to run
 * and what comes back. Pure types; no I/O.
 */

/** Resource classes the executor runs ("standards" in Pacemaker). */
export type AgentClassName = "ocf" | "lsb" | "stonith" | "service" | "systemd";

export interface AgentReference {
  readonly class: AgentClassName;
  /** OCF only (`heartbeat`, `pacemaker`, `quorate`…). */
  readonly provider?: string;
  readonly type: string;
}

/**
 * One operation on one resource. Actions: start stop monitor promote demote notify migrate_to
 * migrate_from reload reload-agent meta-data validate-all, and for stonith resources also the
 * fencing actions on off reboot status list (with `fenceTarget` for on/off/reboot/status).
 */
export interface ExecutorAction {
  readonly resource: string;
  readonly agent: AgentReference;
  readonly action: string;
  /** 0 for one-shot actions and probes; the period of a recurring monitor. */
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Instance attributes (OCF_RESKEY_*, or a fence agent's stdin lines). */
  readonly params: Readonly<Record<string, string>>;
  /** Meta attributes and operation properties (OCF_RESKEY_CRM_meta_*), names as in the CIB. */
  readonly meta: Readonly<Record<string, string>>;
  /** The node a fencing action (on, off, reboot, status) targets. */
  readonly fenceTarget?: string;
}

/**
 * How an execution ended (Pacemaker's execution status): `done` means the agent answered and
 * `rc` is its answer; the others say why there is no real answer.
 */
export type ExecutionStatus =
  "done" | "timeout" | "error" | "not_installed" | "cancelled" | "not_connected";

export interface ExecutorResult {
  /** OCF exit code as Pacemaker maps it (LSB and fence codes translated; unknown codes → 1). */
  readonly rc: number;
  readonly status: ExecutionStatus;
  /** The agent's stdout, bounded (the first bytes are kept). */
  readonly output: string;
  /** The agent's stderr, bounded (the last bytes are kept: exit reasons come last). */
  readonly errorOutput: string;
  /** The text after the last `ocf-exit-reason:` (or why there was no answer). */
  readonly exitReason?: string;
  /** When the agent was started and when its result was known, in the host's clock (ms). */
  readonly startedAtMs: number;
  readonly finishedAtMs: number;
  /** Unique per executor; increases with every run (recurring runs share their op's call id). */
  readonly callId: number;
}

/** A recurring operation the executor is running. */
export interface RecurringOperation {
  readonly callId: number;
  readonly resource: string;
  readonly action: string;
  readonly intervalMs: number;
  /** The last result reported for it, when it ran at least once. */
  readonly lastRc?: number;
  readonly lastStatus?: ExecutionStatus;
}

export interface RecurringOptions {
  /**
   * When the first run is due (one interval when absent). 0 runs it at once, as Pacemaker's
   * execd does, so the first result can confirm the transition's monitor action.
   */
  readonly firstRunDelayMs?: number;
}

/** What the controller uses; the host (`createExecutor`) implements it with real processes. */
export interface Executor {
  /** Runs one action, after any action of the same resource still queued or running. */
  run(action: ExecutorAction): Promise<ExecutorResult>;
  /**
   * Runs `action` every `intervalMs` (the first run after one interval, or `firstRunDelayMs`).
   * `onResult` gets the first result, then only results that differ from the last reported
   * one (rc or status; a repeating failure is reported once, as Pacemaker's execd notifies on
   * changes only), and a final `cancelled` one. Ended by `cancel`, by a stop of the same
   * resource, or by `stopAll`. Returns the operation's call id.
   */
  startRecurring(
    action: ExecutorAction,
    onResult: (result: ExecutorResult) => void,
    options?: RecurringOptions,
  ): number;
  /** Cancels a recurring operation; false when none matched. */
  cancel(resource: string, action: string, intervalMs: number): boolean;
  activeRecurring(): readonly RecurringOperation[];
  /** Cancels every recurring operation, cancels queued actions, and kills running ones. */
  stopAll(): Promise<void>;
}
