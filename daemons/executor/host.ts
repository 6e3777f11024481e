import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { assert } from "../../backend/base/index.js";
import { bundledToolsDirectory } from "../../backend/ra/index.js";
import type { Log } from "../node/index.js";
import type { AgentSearch } from "./agent-location.js";
import { defaultAgentSearch, locateAgent } from "./agent-location.js";
import { ExecutorCore } from "./core.js";
import type {
  ExecutorEffect,
  ExecutorInput,
  ExecutorLimits,
  ProcessOutcome,
} from "./core-types.js";
import { logResult } from "./log-result.js";
import type { AgentLocation, AgentSurroundings } from "./invocation.js";
import { clusterDropIn, invocationOf, unitName } from "./invocation.js";
import { lsbMetadataXml, systemdMetadataXml } from "./synthetic-metadata.js";
import { programAction } from "./program-action.js";
import type { AgentProcess } from "./process.js";
import { startAgentProcess } from "./process.js";
import type {
  Executor,
  ExecutorAction,
  ExecutorResult,
  RecurringOperation,
  RecurringOptions,
} from "./types.js";

export interface ExecutorOptions {
  readonly node: string;
  /** The node's state folder; agents get private folders under `<stateDir>/agents/`. */
  readonly stateDir: string;
  readonly log?: Log;
  readonly limits?: Partial<ExecutorLimits>;
  /** stdout and stderr together, per action (64 KiB as default). */
  readonly outputBytesMax?: number;
  /** Where agents are looked for (tests point it elsewhere). */
  readonly search?: AgentSearch;
  /** Milliseconds since the epoch (results carry it); by default a monotonic clock. */
  readonly clock?: () => number;
  /** Keep HA_RSCTMP and HA_VARRUN from an earlier run (default: a start empties them). */
  readonly preserveRuntimeState?: boolean;
}

export const outputBytesMaxDefault = 64 * 1024;

/**
 * One node's private agent folders (HA_RSCTMP, HA_VARRUN, HA_VARLIB), created now. A node's
 * start is a boot: HA_RSCTMP and HA_VARRUN are emptied, as tmpfs folders are (so a fenced node
 * that comes back runs nothing), unless `preserveRuntimeState`. HA_VARLIB is kept.
 */
export function agentSurroundings(
  node: string,
  stateDir: string,
  options: { readonly preserveRuntimeState?: boolean } = {},
): AgentSurroundings {
  const base = join(stateDir, "agents");
  const surroundings: AgentSurroundings = {
    node,
    stateDir,
    resourceTemporaryDirectory: join(base, "rsctmp"),
    runDirectory: join(base, "run"),
    libraryDirectory: join(base, "lib"),
    clusterToolsDirectory: bundledToolsDirectory() ?? "/usr/sbin",
    searchPath: [
      ...new Set([dirname(process.execPath), "/usr/local/sbin", "/usr/local/bin"]),
      "/usr/sbin:/usr/bin:/sbin:/bin",
    ].join(":"),
  };
  const runtime = [surroundings.resourceTemporaryDirectory, surroundings.runDirectory];
  if (options.preserveRuntimeState !== true) {
    for (const folder of runtime) rmSync(folder, { recursive: true, force: true });
  }
  for (const folder of [...runtime, surroundings.libraryDirectory]) {
    mkdirSync(folder, { recursive: true });
  }
  return surroundings;
}

/** The executor host: the pure core, one timer, and agent processes. */
class ProcessExecutor implements Executor {
  readonly #core: ExecutorCore;
  readonly #surroundings: AgentSurroundings;
  readonly #search: AgentSearch;
  readonly #processes = new Map<number, AgentProcess>();
  readonly #pending = new Map<number, (result: ExecutorResult) => void>();
  readonly #listeners = new Map<number, (result: ExecutorResult) => void>();
  /** The action of every call still pending or recurring (for the log). */
  readonly #actions = new Map<number, ExecutorAction>();
  readonly #idleWaiters: (() => void)[] = [];
  #timer: NodeJS.Timeout | undefined;
  #lastCallId = 0;
  #lastNowMs = 0;

  constructor(readonly options: ExecutorOptions) {
    this.#core = new ExecutorCore(options.limits);
    const preserve = options.preserveRuntimeState === true ? { preserveRuntimeState: true } : {};
    this.#surroundings = agentSurroundings(options.node, options.stateDir, preserve);
    this.#search = options.search ?? defaultAgentSearch();
  }

  run(action: ExecutorAction): Promise<ExecutorResult> {
    const callId = ++this.#lastCallId;
    this.#actions.set(callId, action);
    return new Promise((resolve) => {
      this.#pending.set(callId, resolve);
      this.#feed({ kind: "run_requested", nowMs: this.#now(), callId, action });
    });
  }

  startRecurring(
    action: ExecutorAction,
    onResult: (result: ExecutorResult) => void,
    options: RecurringOptions = {},
  ): number {
    assert(action.intervalMs > 0, "startRecurring needs an interval");
    const callId = ++this.#lastCallId;
    this.#actions.set(callId, action);
    this.#listeners.set(callId, onResult);
    const delay = options.firstRunDelayMs;
    const firstRun = delay === undefined ? {} : { firstRunDelayMs: delay };
    this.#feed({ kind: "recurring_requested", nowMs: this.#now(), callId, action, ...firstRun });
    return callId;
  }

  cancel(resource: string, action: string, intervalMs: number): boolean {
    const found = this.#core
      .activeRecurring()
      .some(
        (op) => op.resource === resource && op.action === action && op.intervalMs === intervalMs,
      );
    if (found)
      this.#feed({ kind: "cancel_requested", nowMs: this.#now(), resource, action, intervalMs });
    return found;
  }

  activeRecurring(): readonly RecurringOperation[] {
    return this.#core.activeRecurring();
  }

  stopAll(): Promise<void> {
    const idle = new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
    this.#feed({ kind: "stop_all_requested", nowMs: this.#now() });
    return idle;
  }

  #now(): number {
    const now = (this.options.clock ?? monotonicEpochMs)();
    this.#lastNowMs = Math.max(this.#lastNowMs, now);
    return this.#lastNowMs;
  }

  #feed(input: ExecutorInput): void {
    this.#core.step(input);
    for (const effect of this.#core.drain()) this.#perform(effect);
    if (input.kind === "process_ended") this.#processes.delete(input.callId);
    this.#schedule();
    if (!this.#core.busy()) for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #schedule(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const wake = this.#core.nextWakeMs();
    if (wake === undefined) return;
    const delay = Math.max(0, wake - this.#now());
    this.#timer = setTimeout(() => this.#feed({ kind: "tick", nowMs: this.#now() }), delay);
    this.#timer.unref();
  }

  #perform(effect: ExecutorEffect): void {
    switch (effect.kind) {
      case "spawn":
        return this.#spawn(effect.callId, effect.action);
      case "signal":
        return this.#processes.get(effect.callId)?.signal(effect.signal);
      case "completed": {
        const resolve = this.#pending.get(effect.callId);
        this.#pending.delete(effect.callId);
        this.#log(effect.callId, effect.result);
        this.#actions.delete(effect.callId);
        return resolve?.(effect.result);
      }
      case "recurring_result": {
        const listener = this.#listeners.get(effect.callId);
        this.#log(effect.callId, effect.result);
        if (effect.result.status === "cancelled") {
          this.#listeners.delete(effect.callId);
          this.#actions.delete(effect.callId);
        }
        // Called after this step is done, so a listener may ask the executor again at once.
        if (listener !== undefined) queueMicrotask(() => listener(effect.result));
        return;
      }
    }
  }

  #spawn(callId: number, action: ExecutorAction): void {
    const ended = (outcome: ProcessOutcome): void =>
      this.#feed({ kind: "process_ended", nowMs: this.#now(), callId, outcome });
    const location = locateAgent(action.agent, this.#search);
    if (location.kind === "not_run") return void queueMicrotask(() => ended(location));
    if (programAction(action.agent.class, action.action) === undefined) {
      const outcome = { kind: "not_run", rc: 0, status: "done" } as const;
      return void queueMicrotask(() => ended(outcome));
    }
    const synthetic = syntheticMetadata(action, location);
    if (synthetic !== undefined) return void queueMicrotask(() => ended(synthetic));
    if (location.kind === "systemctl" && action.action === "start") {
      const written = writeDropIn(this.#search.systemdRuntimeDirectory, action.agent.type);
      if (written !== undefined) return void queueMicrotask(() => ended(written));
    }
    const invocation = invocationOf(action, location, this.#surroundings);
    const outputBytesMax = this.options.outputBytesMax ?? outputBytesMaxDefault;
    this.#processes.set(callId, startAgentProcess(invocation, { outputBytesMax }, ended));
  }

  #log(callId: number, result: ExecutorResult): void {
    const action = this.#actions.get(callId);
    if (this.options.log !== undefined && action !== undefined) {
      logResult(this.options.log, action, result);
    }
  }
}

/**
 * Milliseconds since the epoch on a clock that never jumps (the process's time origin plus
 * the monotonic clock), so a wall-clock step cannot time an agent out early.
 */
function monotonicEpochMs(): number {
  return Math.round(performance.timeOrigin + performance.now());
}

/** Writes the unit's cluster drop-in; the outcome when it cannot be written. */
function writeDropIn(runtimeDirectory: string, type: string): ProcessOutcome | undefined {
  const unit = unitName(type);
  const folder = join(runtimeDirectory, `${unit}.d`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "50-quorate.conf"), clusterDropIn(unit));
    return undefined;
  } catch (error) {
    const reason = `Cannot write the drop-in for ${unit}: ${(error as Error).message}`;
    return { kind: "not_run", rc: 4, status: "error", reason };
  }
}

/** LSB scripts and systemd units have no meta-data action: it is made up, as Pacemaker does. */
function syntheticMetadata(
  action: ExecutorAction,
  location: AgentLocation,
): ProcessOutcome | undefined {
  if (action.action !== "meta-data" || location.kind === "ocf") return undefined;
  if (location.kind === "systemctl") {
    const output = systemdMetadataXml(unitName(action.agent.type));
    return { kind: "exited", exitCode: 0, output, errorOutput: "" };
  }
  if (action.agent.class === "stonith") return undefined;
  try {
    const output = lsbMetadataXml(action.agent.type, readFileSync(location.path, "utf8"));
    return { kind: "exited", exitCode: 0, output, errorOutput: "" };
  } catch (error) {
    const reason = `Cannot read ${location.path}: ${(error as Error).message}`;
    return { kind: "not_run", rc: 5, status: "not_installed", reason };
  }
}

/** An executor for one node, running real agent processes. */
export function createExecutor(options: ExecutorOptions): Executor {
  return new ProcessExecutor(options);
}
