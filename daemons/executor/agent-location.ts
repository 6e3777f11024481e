import { join } from "node:path";
import {
  agentDirectories,
  fenceAgentPath,
  isExecutableFile,
  ocfAgentPath,
} from "../../backend/ra/index.js";
import type { AgentDirectories } from "../../backend/ra/index.js";
import type { ProcessOutcome } from "./core-types.js";
import { ocfRc } from "./exit-codes.js";
import type { AgentLocation } from "./invocation.js";
import type { AgentReference } from "./types.js";

/** Where agents are looked for: backend/ra's directories (bundled first) plus systemctl. */
export interface AgentSearch {
  readonly directories: AgentDirectories;
  readonly systemctlPath: string;
  /** Where runtime unit drop-ins go (systemd's /run/systemd/system). */
  readonly systemdRuntimeDirectory: string;
}

/** The search of `crm ra`: quorate's bundled agents, then /usr/lib/ocf, /etc/init.d, /usr/sbin. */
export function defaultAgentSearch(): AgentSearch {
  return {
    directories: agentDirectories({}),
    systemctlPath: "/usr/bin/systemctl",
    systemdRuntimeDirectory: "/run/systemd/system",
  };
}

type NotRun = Extract<ProcessOutcome, { kind: "not_run" }>;

function notInstalled(reason: string): NotRun {
  return { kind: "not_run", rc: ocfRc.notInstalled, status: "not_installed", reason };
}

/** A name that stays inside its folder. */
function safeName(name: string): boolean {
  return (
    name !== "" && name !== "." && name !== ".." && !name.includes("/") && !name.includes("\0")
  );
}

function locateSystemd(agent: AgentReference, search: AgentSearch): AgentLocation | NotRun {
  if (!search.directories.systemdBooted) {
    return notInstalled(`systemd is not running on this host: cannot run systemd:${agent.type}`);
  }
  if (!isExecutableFile(search.systemctlPath)) return notInstalled("systemctl is not installed");
  return { kind: "systemctl", path: search.systemctlPath };
}

/**
 * Finds the program for an agent, or why it cannot run (not installed, as Pacemaker reports a
 * missing agent: rc 5). `service:NAME` is the LSB script when /etc/init.d has it, else systemd.
 */
export function locateAgent(agent: AgentReference, search: AgentSearch): AgentLocation | NotRun {
  const { directories } = search;
  if (!safeName(agent.type)) return notInstalled(`Bad agent name "${agent.type}"`);
  switch (agent.class) {
    case "ocf": {
      const provider = agent.provider ?? "heartbeat";
      if (!safeName(provider)) return notInstalled(`Bad provider name "${provider}"`);
      const found = ocfAgentPath(directories, provider, agent.type);
      if (found === undefined)
        return notInstalled(`ocf:${provider}:${agent.type} is not installed`);
      return { kind: "ocf", path: found.path, ocfRoot: found.ocfRoot };
    }
    case "lsb":
    case "service": {
      const path = join(directories.lsbDirectory, agent.type);
      if (isExecutableFile(path)) return { kind: "program", path };
      if (agent.class === "service") return locateSystemd(agent, search);
      return notInstalled(`lsb:${agent.type} is not installed`);
    }
    case "stonith": {
      const path = fenceAgentPath(directories, agent.type);
      if (path === undefined) return notInstalled(`stonith:${agent.type} is not installed`);
      return { kind: "program", path };
    }
    case "systemd":
      return locateSystemd(agent, search);
  }
}
