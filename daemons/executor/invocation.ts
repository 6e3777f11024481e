import { programAction } from "./program-action.js";
import type { ExecutorAction } from "./types.js";

/** The CRM feature set agents are told (Pacemaker 2.1.5's). */
export const crmFeatureSet = "3.16.1";

/** One node's private places for its agents, so several nodes on one host share nothing. */
export interface AgentSurroundings {
  readonly node: string;
  /** The node's state folder (the bundled crm_attribute finds the client channel there). */
  readonly stateDir: string;
  /** HA_RSCTMP: heartbeat agents' state files (ocf:heartbeat:Dummy's `Dummy-<id>.state`). */
  readonly resourceTemporaryDirectory: string;
  /** HA_VARRUN: pacemaker agents' state files (ocf:pacemaker:Dummy, Stateful). */
  readonly runDirectory: string;
  /** HA_VARLIB: trace files and other agent data. */
  readonly libraryDirectory: string;
  /** HA_SBIN_DIR and the head of PATH: the bundled crm_attribute, crm_master, crm_node. */
  readonly clusterToolsDirectory: string;
  /** PATH after the cluster tools. */
  readonly searchPath: string;
}

/** Where the program for an action was found. */
export type AgentLocation =
  | { readonly kind: "ocf"; readonly path: string; readonly ocfRoot: string }
  /** An LSB init script or a fence agent. */
  | { readonly kind: "program"; readonly path: string }
  /** systemd units go through systemctl. */
  | { readonly kind: "systemctl"; readonly path: string };

export interface Invocation {
  readonly program: string;
  readonly args: readonly string[];
  /** The whole environment (nothing is inherited). */
  readonly environment: Readonly<Record<string, string>>;
  /** Written to the program's stdin, which is then closed (fence agents). */
  readonly stdin?: string;
}

/** Names and values that cannot travel in an environment or on a `key=value` line. */
function passable(name: string, value: string): boolean {
  return name !== "" && !/[=\0\n]/.test(name) && !/[\0\n]/.test(value);
}

function baseEnvironment(surroundings: AgentSurroundings): Record<string, string> {
  return {
    PATH: `${surroundings.clusterToolsDirectory}:${surroundings.searchPath}`,
    LC_ALL: "C",
    HA_RSCTMP: surroundings.resourceTemporaryDirectory,
    HA_VARRUN: `${surroundings.runDirectory}/`,
    HA_VARLIB: surroundings.libraryDirectory,
    HA_SBIN_DIR: surroundings.clusterToolsDirectory,
    HA_debug: "0",
    HA_logfacility: "none",
    PCMK_logfacility: "none",
    PCMK_service: "pacemaker-execd",
    QUORATE_NODE: surroundings.node,
    QUORATE_STATE_DIR: surroundings.stateDir,
  };
}

/** Pacemaker's meta environment: meta attributes and the operation's own properties. */
function metaEnvironment(action: ExecutorAction, node: string): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(action.meta)) {
    const key = `OCF_RESKEY_CRM_meta_${name.replaceAll("-", "_")}`;
    if (passable(key, value)) environment[key] = value;
  }
  environment["OCF_RESKEY_CRM_meta_timeout"] = String(action.timeoutMs);
  environment["OCF_RESKEY_CRM_meta_interval"] = String(action.intervalMs);
  environment["OCF_RESKEY_CRM_meta_on_node"] ??= node;
  if (action.intervalMs > 0) environment["OCF_RESKEY_CRM_meta_name"] = action.action;
  return environment;
}

/** The OCF environment (OCF 1.1 as Pacemaker's executor sets it). */
export function ocfEnvironment(
  action: ExecutorAction,
  ocfRoot: string,
  surroundings: AgentSurroundings,
): Record<string, string> {
  const environment: Record<string, string> = {
    ...baseEnvironment(surroundings),
    OCF_ROOT: ocfRoot,
    OCF_RA_VERSION_MAJOR: "1",
    OCF_RA_VERSION_MINOR: "1",
    OCF_RESOURCE_INSTANCE: action.resource,
    OCF_RESOURCE_TYPE: action.agent.type,
    OCF_RESOURCE_PROVIDER: action.agent.provider ?? "",
    OCF_EXIT_REASON_PREFIX: "ocf-exit-reason:",
    OCF_OUTPUT_FORMAT: "text",
    OCF_RESKEY_crm_feature_set: crmFeatureSet,
    ...metaEnvironment(action, surroundings.node),
  };
  for (const [name, value] of Object.entries(action.params)) {
    if (!passable(name, value)) continue;
    // Pacemaker passes the depth of a monitor unprefixed; ocf-shellfuncs reads both forms.
    if (name === "OCF_CHECK_LEVEL") environment["OCF_CHECK_LEVEL"] = value;
    environment[`OCF_RESKEY_${name}`] = value;
  }
  return environment;
}

/** `node1:alias1;node2:alias2` (also `,` or space separated, `=` for `:`), Pacemaker's map. */
export function hostMapAlias(map: string | undefined, target: string): string | undefined {
  if (map === undefined) return undefined;
  for (const entry of map.split(/[;,\s]+/)) {
    const match = /^([^:=]+)[:=](.*)$/.exec(entry);
    if (match?.[1] === target) return match[2];
  }
  return undefined;
}

const targetedFenceActions = new Set(["on", "off", "reboot", "status"]);

/**
 * A fence agent's stdin (the fence-agents protocol): `action=`, for an operation on a node also
 * `nodename=` and the host argument (`port` unless pcmk_host_argument names another, or `none`)
 * set to the node's alias from pcmk_host_map, then every device parameter but pcmk_* ones.
 */
export function fenceAgentInput(action: ExecutorAction): string {
  const agentAction = programAction("stonith", action.action) ?? action.action;
  const lines = [`action=${agentAction}`];
  const target = action.fenceTarget;
  const hostArgument = action.params["pcmk_host_argument"] ?? "port";
  if (target !== undefined && targetedFenceActions.has(agentAction)) {
    lines.push(`nodename=${target}`);
    const configured = action.params[hostArgument] !== undefined;
    if (hostArgument !== "none" && !configured) {
      const alias = hostMapAlias(action.params["pcmk_host_map"], target) ?? target;
      lines.push(`${hostArgument}=${alias}`);
    }
  }
  for (const [name, value] of Object.entries(action.params)) {
    if (name.startsWith("pcmk_") || name === "action" || name === "crm_feature_set") continue;
    if (passable(name, value)) lines.push(`${name}=${value}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The runtime drop-in written before a unit is started (as Pacemaker's 50-pacemaker.conf):
 * systemd must not restart or order the unit on its own while the cluster manages it.
 */
export function clusterDropIn(unit: string): string {
  return [
    "[Unit]",
    `Description=Cluster Controlled ${unit}`,
    "Before=quorated.service",
    "",
    "[Service]",
    "Restart=no",
    "",
  ].join("\n");
}

/** systemd names a bare unit as a service. */
export function unitName(type: string): string {
  return type.includes(".") ? type : `${type}.service`;
}

/** The program, arguments, environment and stdin for an action at a found location. */
export function invocationOf(
  action: ExecutorAction,
  location: AgentLocation,
  surroundings: AgentSurroundings,
): Invocation {
  const verb = programAction(action.agent.class, action.action) ?? action.action;
  switch (location.kind) {
    case "ocf":
      return {
        program: location.path,
        args: [verb],
        environment: ocfEnvironment(action, location.ocfRoot, surroundings),
      };
    case "systemctl":
      if (verb === "start") {
        // The drop-in the host wrote is read by a daemon-reload before the start.
        return {
          program: "/bin/sh",
          args: [
            "-c",
            '"$0" daemon-reload && exec "$0" start "$1"',
            location.path,
            unitName(action.agent.type),
          ],
          environment: baseEnvironment(surroundings),
        };
      }
      return {
        program: location.path,
        args: [verb, unitName(action.agent.type)],
        environment: baseEnvironment(surroundings),
      };
    case "program":
      if (action.agent.class === "stonith") {
        return {
          program: location.path,
          args: [],
          environment: baseEnvironment(surroundings),
          stdin: fenceAgentInput(action),
        };
      }
      return { program: location.path, args: [verb], environment: baseEnvironment(surroundings) };
  }
}
