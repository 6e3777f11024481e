import { parseDurationMs } from "../scheduler/index.js";
import type { FenceAction } from "../../backend/protocol/index.js";
import type { ExecutorAction } from "../executor/index.js";
import type { Prng } from "../kernel/index.js";
import type { FenceDevice, FenceLevel, FencingConfig } from "./config.js";
import type { AgentCapabilities } from "./discovery.js";

/** How a device is asked to run one agent action: the action, its parameters, limits. */
export interface DeviceRun {
  readonly device: string;
  readonly agent: string;
  /** The action the agent is given (`pcmk_<action>_action` may rename it). */
  readonly agentAction: string;
  /**
   * The device's parameters as configured (pcmk_* included): the executor writes the agent's
   * stdin from them (nodename, the host argument from pcmk_host_argument / pcmk_host_map, and
   * every parameter but pcmk_*), as pacemaker-fenced does. pcmk_host_argument is filled in
   * from the agent's meta-data (plug, else port) when the device does not set it.
   */
  readonly params: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Tries of this device before the level counts it as failed (`pcmk_<action>_retries`). */
  readonly attempts: number;
}

/** Pacemaker's retry rule: another try only while 30 % of the action's timeout is left. */
export const retryTimeoutShare = 0.7;
/** Pause before a device is tried again after a failure (Pacemaker sleeps 1 s). */
export const retryDelayMs = 1_000;

/**
 * The action a device runs for a fencing action: `reboot` becomes `off` when the agent's
 * meta-data has no reboot (as pacemaker-fenced remaps it). Timeouts and retries follow it.
 */
export function deviceAction(action: FenceAction, agent: AgentCapabilities | undefined): string {
  if (action === "reboot" && agent !== undefined && !agent.actions.has("reboot")) return "off";
  return action;
}

function paramsWithHostArgument(
  device: FenceDevice,
  agent: AgentCapabilities | undefined,
): Readonly<Record<string, string>> {
  if (device.params["pcmk_host_argument"] !== undefined || agent === undefined)
    return device.params;
  return { ...device.params, pcmk_host_argument: agent.hostArgument ?? "none" };
}

/**
 * How a device is run for an action (a fencing action, or list/status/metadata): the agent
 * action from pcmk_<action>_action, the timeout from pcmk_<action>_timeout (else
 * stonith-timeout), and pcmk_<action>_retries tries (default 2; 1 for anything but off/reboot/on).
 */
export function deviceRun(
  device: FenceDevice,
  options: {
    readonly action: string;
    readonly stonithTimeoutMs: number;
    readonly agent?: AgentCapabilities | undefined;
  },
): DeviceRun {
  const { action } = options;
  const fencing = action === "off" || action === "reboot" || action === "on";
  const retries = Number(device.params[`pcmk_${action}_retries`] ?? (fencing ? "2" : "1"));
  const agentAction = action === "metadata" ? action : device.params[`pcmk_${action}_action`];
  return {
    device: device.id,
    agent: device.agent,
    agentAction: agentAction ?? action,
    params: paramsWithHostArgument(device, options.agent),
    timeoutMs: parseDurationMs(device.params[`pcmk_${action}_timeout`]) ?? options.stonithTimeoutMs,
    attempts: Number.isInteger(retries) && retries > 0 ? retries : 1,
  };
}

/** Whole seconds of an interval, as pacemaker-fenced reads delays (negative or bad: 0). */
function delaySeconds(text: string | undefined): number {
  const ms = parseDurationMs(text);
  return ms === undefined ? 0 : Math.floor(ms / 1000);
}

/** pcmk_delay_base: one interval, or `node:interval` entries for single targets. */
function delayBaseSeconds(value: string | undefined, target: string): number {
  if (value === undefined) return 0;
  const trimmed = value.trim();
  if (trimmed.includes(":")) {
    for (const mapping of trimmed.split(/[;\s]+/)) {
      const [node, interval, extra] = mapping.split(":");
      if (extra !== undefined || node === undefined || interval === undefined) continue;
      if (node.toLowerCase() === target.toLowerCase()) return delaySeconds(interval);
    }
  }
  return delaySeconds(trimmed);
}

/**
 * The delay before a device runs a fencing action (off or reboot), as pacemaker-fenced picks
 * it: pcmk_delay_base plus a random part so that base ≤ delay ≤ pcmk_delay_max, in whole
 * seconds (a base above the maximum is cut to it; a maximum alone means a base of 0, a base
 * alone a fixed delay). Other actions are never delayed.
 */
export function fencingDelayMs(
  device: FenceDevice,
  options: { readonly action: string; readonly target: string; readonly prng: Prng },
): number {
  if (options.action !== "off" && options.action !== "reboot") return 0;
  let delayMax = delaySeconds(device.params["pcmk_delay_max"]);
  let delayBase = delayBaseSeconds(device.params["pcmk_delay_base"], options.target);
  if (delayMax === 0) delayMax = delayBase;
  if (delayMax < delayBase) delayBase = delayMax;
  if (delayMax === 0) return 0;
  const random = delayMax > delayBase ? options.prng.int(delayMax - delayBase + 1) : 0;
  return (delayBase + random) * 1000;
}

/** The executor action that runs a device (class stonith, one-shot), against a target or not. */
export function fenceExecutorAction(run: DeviceRun, target: string | undefined): ExecutorAction {
  return {
    resource: run.device,
    agent: { class: "stonith", type: run.agent },
    action: run.agentAction,
    intervalMs: 0,
    timeoutMs: run.timeoutMs,
    params: run.params,
    meta: {},
    ...(target === undefined ? {} : { fenceTarget: target }),
  };
}

function levelMatches(
  level: FenceLevel,
  target: string,
  nodeAttributes: FencingConfig["nodeAttributes"],
): boolean {
  switch (level.target.kind) {
    case "name":
      return level.target.name === target;
    case "pattern":
      try {
        return new RegExp(level.target.pattern).test(target);
      } catch {
        return false;
      }
    case "attribute":
      return nodeAttributes.get(target)?.get(level.target.name) === level.target.value;
  }
}

/** The devices to try for a target, level by level, and whether they come from topology. */
export interface FencingPlan {
  readonly levels: readonly (readonly string[])[];
  readonly topology: boolean;
}

/**
 * The plan to fence `target`: the device lists of its fencing levels in ascending index (every
 * device of a level must succeed; a failed level falls to the next). Without topology for the
 * target, every device is a level of its own, in configuration order. Which devices can reach
 * the target is found when each one's turn comes (pcmk_host_check).
 */
export function fencingPlan(config: FencingConfig, target: string): FencingPlan {
  const levels = config.levels.filter((level) =>
    levelMatches(level, target, config.nodeAttributes),
  );
  if (levels.length > 0) {
    const byIndex = new Map<number, string[]>();
    for (const level of levels)
      if (!byIndex.has(level.index)) byIndex.set(level.index, [...level.devices]);
    const ordered = [...byIndex.entries()].sort(([left], [right]) => left - right);
    return { levels: ordered.map(([, devices]) => devices), topology: true };
  }
  return { levels: config.devices.map((device) => [device.id]), topology: false };
}
