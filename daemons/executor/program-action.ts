import type { AgentClassName } from "./types.js";

/**
 * The action the agent program is given for an executor action: LSB scripts answer `monitor`
 * as `status`; a fence device's start and monitor check the device (`monitor`) and its stop
 * runs nothing (Pacemaker only unregisters it); systemd's monitor is `is-active`.
 * Undefined means the action needs no program.
 */
export function programAction(agentClass: AgentClassName, action: string): string | undefined {
  switch (agentClass) {
    case "ocf":
      return action;
    case "lsb":
    case "service":
      return action === "monitor" ? "status" : action;
    case "stonith":
      if (action === "stop") return undefined;
      if (action === "start") return "monitor";
      return action === "meta-data" ? "metadata" : action;
    case "systemd":
      return action === "monitor" || action === "status" ? "is-active" : action;
  }
}
