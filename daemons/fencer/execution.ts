import type { FenceAction } from "../../backend/protocol/index.js";
import type { Prng } from "../kernel/index.js";
import type { FenceDevice, FencingConfig } from "./config.js";
import type { DiscoveryResult, TargetDiscovery } from "./discovery.js";
import {
  deviceAction,
  deviceRun,
  fencingDelayMs,
  fencingPlan,
  retryDelayMs,
  retryTimeoutShare,
} from "./devices.js";
import type { DeviceRun, FencingPlan } from "./devices.js";

/** How one agent run ended, as the host's executor reported it. */
export interface DeviceResult extends DiscoveryResult {
  /** Why it failed, for the operation's reason (the agent's exit reason or last line). */
  readonly reason?: string;
  /** How long the agent ran. */
  readonly elapsedMs: number;
}

/** What the executioner does next for an operation. */
export type ExecutionStep =
  | {
      readonly kind: "run";
      readonly run: DeviceRun;
      /** The target the agent is given; undefined for list and metadata. */
      readonly target: string | undefined;
      readonly delayMs: number;
    }
  | {
      readonly kind: "finished";
      readonly state: "success" | "failed";
      readonly device?: string;
      readonly reason?: string;
    };

/** The run being waited for, and what it was for. */
type Pending =
  | { readonly kind: "metadata" | "list" | "status"; readonly device: FenceDevice }
  | { readonly kind: "fence"; readonly device: FenceDevice; readonly run: DeviceRun };

export interface ExecutionSetup {
  readonly target: string;
  readonly action: FenceAction;
  readonly fencing: FencingConfig;
  readonly discovery: TargetDiscovery;
  readonly prng: Prng;
}

/**
 * The executioner's walk through one operation's plan (pacemaker-fenced's remote operation and
 * device commands in one): for each device in turn, find whether it can reach the target
 * (meta-data, list or status runs as pcmk_host_check says), then run the fencing action after
 * its pcmk_delay_base/max delay, with pcmk_<action>_retries tries sharing its timeout. Levels
 * are tried in order; every device of a level must succeed. Pure; the core runs the steps.
 */
export class Execution {
  readonly #plan: FencingPlan;
  #level = 0;
  #device = 0;
  #attempt = 1;
  /** Time the tries of the current device took so far. */
  #elapsedMs = 0;
  #pending: Pending | undefined;
  /** Answers gathered for the current device during this operation. */
  #listAsked = false;
  #status: DiscoveryResult | undefined;
  /** Devices that could reach the target, and why levels failed. */
  #eligible = 0;
  readonly #failures: string[] = [];

  constructor(readonly setup: ExecutionSetup) {
    this.#plan = fencingPlan(setup.fencing, setup.target);
  }

  /** The first step (or the next one after a result was taken in). */
  advance(nowMs: number): ExecutionStep {
    for (;;) {
      const deviceId = this.#plan.levels[this.#level]?.[this.#device];
      if (deviceId === undefined) return this.#exhausted();
      const device = this.setup.fencing.devices.find((candidate) => candidate.id === deviceId);
      if (device === undefined) {
        this.#failLevel(`${deviceId}: no such device`);
        continue;
      }
      const eligibility = this.setup.discovery.eligibility(device, this.setup.target, {
        nowMs,
        listAsked: this.#listAsked,
        status: this.#status,
      });
      if (eligibility.kind === "run") return this.#discover(device, eligibility.action);
      if (eligibility.kind === "can") {
        this.#eligible += 1;
        return this.#fence(device);
      }
      // With topology the level fails; without, the device was a level of its own.
      this.#failLevel(`${device.id}: ${eligibility.reason}`);
    }
  }

  /** Takes in the result of the run asked for last, and says what comes next. */
  onResult(result: DeviceResult, nowMs: number): ExecutionStep {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending === undefined) return this.advance(nowMs);
    const { discovery } = this.setup;
    switch (pending.kind) {
      case "metadata":
        discovery.recordMetadata(pending.device.agent, result);
        return this.advance(nowMs);
      case "list":
        discovery.recordList(pending.device.id, result, nowMs);
        this.#listAsked = true;
        return this.advance(nowMs);
      case "status":
        this.#status = result;
        return this.advance(nowMs);
      case "fence":
        return this.#onFenceResult(pending, result, nowMs);
    }
  }

  #onFenceResult(
    pending: Extract<Pending, { kind: "fence" }>,
    result: DeviceResult,
    nowMs: number,
  ): ExecutionStep {
    if (result.status === "done" && result.rc === 0) {
      this.#device += 1;
      this.#resetDevice();
      if (this.#device < (this.#plan.levels[this.#level]?.length ?? 0)) return this.advance(nowMs);
      return { kind: "finished", state: "success", device: pending.device.id };
    }
    this.#elapsedMs += result.elapsedMs;
    const { run } = pending;
    const timeLeft = this.#elapsedMs < run.timeoutMs * retryTimeoutShare;
    if (this.#attempt < run.attempts && result.status !== "timeout" && timeLeft) {
      this.#attempt += 1;
      const retry = { ...run, timeoutMs: run.timeoutMs - this.#elapsedMs };
      this.#pending = { kind: "fence", device: pending.device, run };
      return { kind: "run", run: retry, target: this.setup.target, delayMs: retryDelayMs };
    }
    const why = result.status === "timeout" ? "timed out" : (result.reason ?? "failed");
    this.#failLevel(`${pending.device.id}: ${why}`);
    return this.advance(nowMs);
  }

  #discover(device: FenceDevice, action: "metadata" | "list" | "status"): ExecutionStep {
    const { discovery, fencing, target } = this.setup;
    const run = deviceRun(device, {
      action,
      stonithTimeoutMs: fencing.stonithTimeoutMs,
      agent: discovery.capabilities(device.agent),
    });
    this.#pending = { kind: action, device };
    return { kind: "run", run, target: action === "status" ? target : undefined, delayMs: 0 };
  }

  #fence(device: FenceDevice): ExecutionStep {
    const { discovery, fencing, target, prng } = this.setup;
    const agent = discovery.capabilities(device.agent);
    const action = deviceAction(this.setup.action, agent);
    const run = deviceRun(device, { action, stonithTimeoutMs: fencing.stonithTimeoutMs, agent });
    this.#pending = { kind: "fence", device, run };
    const delayMs = fencingDelayMs(device, { action, target, prng });
    return { kind: "run", run, target, delayMs };
  }

  #exhausted(): ExecutionStep {
    const details = this.#failures.length === 0 ? "" : `: ${this.#failures.join("; ")}`;
    const reason =
      this.#eligible === 0
        ? `No fence device can fence ${this.setup.target}${details}`
        : `Every fencing level failed${details}`;
    return { kind: "finished", state: "failed", reason };
  }

  #failLevel(reason: string): void {
    this.#failures.push(reason);
    this.#nextLevel();
  }

  #nextLevel(): void {
    this.#level += 1;
    this.#device = 0;
    this.#resetDevice();
  }

  #resetDevice(): void {
    this.#attempt = 1;
    this.#elapsedMs = 0;
    this.#listAsked = false;
    this.#status = undefined;
  }
}
