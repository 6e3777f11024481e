import { parseDurationMs } from "../scheduler/index.js";
import type { FenceAction } from "../../backend/protocol/index.js";
import type { ExecutorAction } from "../executor/index.js";
import type { FenceDevice, FenceLevel, FencingConfig } from "./config.js";

/** How a device is asked to fence one target: the agent action, its parameters, limits. */
export interface DeviceRun {
  readonly device: string;
  readonly agent: string;
  /** The action the agent is given (`pcmk_<action>_action` may rename it). */
  readonly agentAction: string;
  /**
   * The device's parameters as configured (pcmk_* included): the executor writes the agent's
   * stdin from them (nodename, the host argument from pcmk_host_argument / pcmk_host_map, and
   * every parameter but pcmk_*), as pacemaker-fenced does.
   */
  readonly params: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Tries of this device before the level counts it as failed (`pcmk_<action>_retries`). */
  readonly attempts: number;
}

function splitList(text: string | undefined): string[] {
  return (text ?? "").split(/[\s,;]+/).filter((entry) => entry !== "");
}

/** pcmk_host_map: `node1:plug1;node2=plug2` (separators `;`, `,` or spaces; `:` or `=`). */
export function hostMap(device: FenceDevice): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of splitList(device.params["pcmk_host_map"])) {
    const match = /^([^:=]+)[:=](.*)$/.exec(entry);
    if (match?.[1] !== undefined && match[2] !== undefined) map.set(match[1], match[2]);
  }
  return map;
}

/** The device's pcmk_host_check, with Pacemaker's default (static-list when a list is given). */
export function hostCheck(device: FenceDevice): string {
  const explicit = device.params["pcmk_host_check"];
  if (explicit !== undefined) return explicit;
  const hasList = device.params["pcmk_host_list"] !== undefined;
  return hasList || hostMap(device).size > 0 ? "static-list" : "dynamic-list";
}

/**
 * Whether a device can fence a target. static-list: the target is in pcmk_host_list or
 * pcmk_host_map. Deviation: dynamic-list and status are not asked of the agent (no `list` or
 * `status` run); such a device is taken to reach every node, as is `none`.
 */
export function canFence(device: FenceDevice, target: string): boolean {
  if (hostCheck(device) !== "static-list") return true;
  return splitList(device.params["pcmk_host_list"]).includes(target) || hostMap(device).has(target);
}

/** How a device is run for a fencing action: pcmk_<action>_action, _timeout and _retries. */
export function deviceRun(
  device: FenceDevice,
  options: { readonly action: FenceAction; readonly stonithTimeoutMs: number },
): DeviceRun {
  const { action } = options;
  const retries = Number(device.params[`pcmk_${action}_retries`] ?? "2");
  return {
    device: device.id,
    agent: device.agent,
    agentAction: device.params[`pcmk_${action}_action`] ?? action,
    params: device.params,
    timeoutMs: parseDurationMs(device.params[`pcmk_${action}_timeout`]) ?? options.stonithTimeoutMs,
    attempts: Number.isInteger(retries) && retries > 0 ? retries : 1,
  };
}

/** The executor action that runs a device against a target (class stonith, one-shot). */
export function fenceExecutorAction(run: DeviceRun, target: string): ExecutorAction {
  return {
    resource: run.device,
    agent: { class: "stonith", type: run.agent },
    action: run.agentAction,
    intervalMs: 0,
    timeoutMs: run.timeoutMs,
    params: run.params,
    meta: {},
    fenceTarget: target,
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

/**
 * The plan to fence `target`: the device lists of its fencing levels in ascending index (every
 * device of a level must succeed; a failed level falls to the next). Without topology for the
 * target, each device that can fence it is a level of its own, in configuration order.
 */
export function fencingPlan(config: FencingConfig, target: string): string[][] {
  const levels = config.levels.filter((level) =>
    levelMatches(level, target, config.nodeAttributes),
  );
  if (levels.length > 0) {
    const byIndex = new Map<number, string[]>();
    for (const level of levels)
      if (!byIndex.has(level.index)) byIndex.set(level.index, [...level.devices]);
    return [...byIndex.entries()]
      .sort(([left], [right]) => left - right)
      .map(([, devices]) => devices);
  }
  return config.devices.filter((device) => canFence(device, target)).map((device) => [device.id]);
}
