import { descendants, readXml } from "../../backend/cib/index.js";
import type { FenceDevice } from "./config.js";

/** What a fence agent's meta-data says it can do (pacemaker-fenced's device flags). */
export interface AgentCapabilities {
  /** The `<action name>` entries: list, status, reboot, on, … */
  readonly actions: ReadonlySet<string>;
  /** The parameter the target goes in by default: `plug` if the agent has it, else `port`. */
  readonly hostArgument: "plug" | "port" | undefined;
}

/** pcmk_host_check: how the fencer learns which targets a device can fence. */
export type HostCheck = "static-list" | "dynamic-list" | "status" | "none";

/** How long a device's `list` output is trusted before it is run again (Pacemaker: 60 s). */
export const targetListMaxAgeMs = 60_000;

/** How a discovery run ended, as the executor reported it. */
export interface DiscoveryResult {
  readonly status: "done" | "timeout" | "failed";
  /** The agent's answer (fence agent exit codes as the executor maps them: status off is 7). */
  readonly rc: number;
  readonly output: string;
}

/** Reads the actions and parameters of a fence agent's meta-data; undefined if it is not XML. */
export function agentCapabilitiesOf(metadataXml: string): AgentCapabilities | undefined {
  const parsed = readXml(metadataXml);
  if (!parsed.ok || parsed.value.name !== "resource-agent") return undefined;
  const actions = new Set<string>();
  const parameters = new Set<string>();
  for (const node of descendants(parsed.value)) {
    const name = node.attributes["name"];
    if (name === undefined) continue;
    if (node.name === "action") actions.add(name);
    if (node.name === "parameter") parameters.add(name);
  }
  const hostArgument = parameters.has("plug")
    ? "plug"
    : parameters.has("port")
      ? "port"
      : undefined;
  return { actions, hostArgument };
}

/**
 * The targets in a `list` output, as pacemaker-fenced parses them: entries separated by
 * white space, `,` or `;` (so `plug,alias` lines give both), each the leading run of
 * `[A-Za-z0-9_.-]`; `on`/`off` entries and lines with "invalid" or "variable" skipped.
 */
export function parseTargetList(output: string): string[] {
  const targets: string[] = [];
  for (const line of output.split(/\n|\\n/)) {
    if (line.includes("invalid") || line.includes("variable")) continue;
    for (const entry of line.split(/[\s,;]+/)) {
      const name = /^[A-Za-z0-9_.-]+/.exec(entry)?.[0];
      if (name === undefined || /^(on|off)$/i.test(name)) continue;
      targets.push(name);
    }
  }
  return targets;
}

function splitList(text: string | undefined): string[] {
  return (text ?? "").split(/[\s,;]+/).filter((entry) => entry !== "");
}

/** pcmk_host_map: `node1:plug1;node2=plug2` (separators `;`, `,` or spaces; `:` or `=`). */
export function hostMap(device: FenceDevice): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of splitList(device.params["pcmk_host_map"])) {
    const match = /^([^:=]+)[:=](.*)$/.exec(entry);
    if (match?.[1] !== undefined && match[2] !== undefined && match[2] !== "")
      map.set(match[1].toLowerCase(), match[2]);
  }
  return map;
}

/** The name a device knows a target by: its pcmk_host_map alias, else the node name. */
export function targetAlias(device: FenceDevice, target: string): string {
  return hostMap(device).get(target.toLowerCase()) ?? target;
}

/**
 * The device's pcmk_host_check as Pacemaker chooses it: the configured value; else
 * static-list when pcmk_host_list or pcmk_host_map is given; else dynamic-list when the agent
 * has a `list` action, status when it has `status`, and none otherwise (also when its
 * meta-data could not be read).
 */
export function hostCheck(device: FenceDevice, agent: AgentCapabilities | undefined): string {
  const explicit = device.params["pcmk_host_check"];
  if (explicit !== undefined) return explicit;
  if (device.params["pcmk_host_list"] !== undefined) return "static-list";
  if (hostMap(device).size > 0) return "static-list";
  if (agent?.actions.has("list") === true) return "dynamic-list";
  if (agent?.actions.has("status") === true) return "status";
  return "none";
}

/** static-list: the target (any case) is in pcmk_host_list, or has a pcmk_host_map alias. */
export function inStaticList(device: FenceDevice, target: string): boolean {
  const wanted = target.toLowerCase();
  const listed = splitList(device.params["pcmk_host_list"]).map((name) => name.toLowerCase());
  return listed.includes(wanted) || hostMap(device).has(wanted);
}

/** Whether a device can fence a target, or which agent action must run to find out. */
export type Eligibility =
  | { readonly kind: "can"; readonly check: string }
  | { readonly kind: "cannot"; readonly check: string; readonly reason: string }
  | { readonly kind: "run"; readonly action: "metadata" | "list" | "status" };

/** What the request being served already learnt: the clock, and the runs it made. */
export interface EligibilityOptions {
  readonly nowMs: number;
  /** `list` already ran for this request (whatever it answered). */
  readonly listAsked: boolean;
  /** The answer of a `status` run made for this request (not kept between requests). */
  readonly status: DiscoveryResult | undefined;
}

interface TargetList {
  readonly targets: readonly string[];
  readonly atMs: number;
}

/**
 * What one node's fencer knows about its devices' reach: agents' meta-data (kept), the
 * devices' last `list` output (refreshed after `targetListMaxAgeMs`), and devices that fell
 * back from dynamic-list to status because `list` never worked. Pure.
 */
export class TargetDiscovery {
  readonly #agents = new Map<string, AgentCapabilities | undefined>();
  readonly #lists = new Map<string, TargetList>();
  readonly #listFailed = new Set<string>();

  /** The agent's capabilities once its meta-data was read (undefined if that failed). */
  capabilities(agent: string): AgentCapabilities | undefined {
    return this.#agents.get(agent);
  }

  /** Devices may have new parameters: lists and failed meta-data are asked again. */
  configChanged(): void {
    this.#lists.clear();
    this.#listFailed.clear();
    for (const [agent, capabilities] of this.#agents)
      if (capabilities === undefined) this.#agents.delete(agent);
  }

  recordMetadata(agent: string, result: DiscoveryResult): void {
    const ok = result.status === "done" && result.rc === 0;
    this.#agents.set(agent, ok ? agentCapabilitiesOf(result.output) : undefined);
  }

  /** A `list` run ended: a good answer replaces the list; a failure keeps the last one. */
  recordList(deviceId: string, result: DiscoveryResult, nowMs: number): void {
    if (result.status === "done" && result.rc === 0) {
      this.#lists.set(deviceId, { targets: parseTargetList(result.output), atMs: nowMs });
      this.#listFailed.delete(deviceId);
    } else if (!this.#lists.has(deviceId)) {
      this.#listFailed.add(deviceId);
    }
  }

  /** The check a device uses now (dynamic-list falls back to status when list never worked). */
  checkOf(device: FenceDevice): string {
    const check = hostCheck(device, this.#agents.get(device.agent));
    const implicit = device.params["pcmk_host_check"] === undefined;
    if (check === "dynamic-list" && implicit && this.#listFailed.has(device.id)) return "status";
    return check;
  }

  /** Whether `device` can fence `target`, or the run that would tell. */
  eligibility(device: FenceDevice, target: string, options: EligibilityOptions): Eligibility {
    if (!this.#agents.has(device.agent)) return { kind: "run", action: "metadata" };
    const check = this.checkOf(device);
    switch (check) {
      case "none":
        return { kind: "can", check };
      case "static-list":
        return this.#answer(check, inStaticList(device, target), target);
      case "dynamic-list":
        return this.#fromList(device, target, options);
      case "status":
        return options.status === undefined
          ? { kind: "run", action: "status" }
          : this.#answer(check, statusSaysCan(options.status), target);
      default:
        return { kind: "cannot", check, reason: `invalid pcmk_host_check "${check}"` };
    }
  }

  #fromList(device: FenceDevice, target: string, options: EligibilityOptions): Eligibility {
    const list = this.#lists.get(device.id);
    const fresh = list !== undefined && options.nowMs < list.atMs + targetListMaxAgeMs;
    // A list that failed for this request leaves the most recent good one in use.
    if (!fresh && !options.listAsked) return { kind: "run", action: "list" };
    const alias = targetAlias(device, target).toLowerCase();
    const known = list?.targets.some((name) => name.toLowerCase() === alias) ?? false;
    return this.#answer("dynamic-list", known, target);
  }

  #answer(check: string, can: boolean, target: string): Eligibility {
    return can
      ? { kind: "can", check }
      : { kind: "cannot", check, reason: `not able to fence ${target} (${check})` };
  }
}

/** `status` answers 0 (on) or 2 (off, rc 7 once mapped) when the device reaches the target. */
function statusSaysCan(result: DiscoveryResult): boolean {
  return result.status === "done" && (result.rc === 0 || result.rc === 7);
}
