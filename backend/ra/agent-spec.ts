import type { Result } from "../base/index.js";
import { fail, issue, ok } from "../base/index.js";

/** The resource classes (Pacemaker "standards") quorate knows. */
export const agentClasses = ["ocf", "lsb", "service", "systemd", "stonith"] as const;
export type AgentClass = (typeof agentClasses)[number];

/** `class:provider:type` as in a primitive; provider only for ocf. */
export interface AgentSpec {
  readonly agentClass: string;
  readonly provider?: string;
  readonly type: string;
}

export type AgentSpecCode = "bad_agent_spec";

export function isAgentClass(word: string): word is AgentClass {
  return (agentClasses as readonly string[]).includes(word);
}

/**
 * Splits `[class:[provider:]]type` (crmsh's `ra info` argument). The provider of a bare ocf
 * type is left out: the caller picks one from the installed providers with `pickProvider`.
 */
export function parseAgentSpec(text: string): Result<AgentSpec, AgentSpecCode> {
  const parts = text.split(":");
  const bad = (why: string): Result<AgentSpec, AgentSpecCode> =>
    fail([issue("bad_agent_spec", `Bad agent "${text}": ${why}`)]);
  if (parts.some((part) => part === "")) return bad("expected [class:[provider:]]type");
  if (parts.length > 3) return bad("expected [class:[provider:]]type");
  const [first = "", second = "", third = ""] = parts;
  if (parts.length === 1) return ok({ agentClass: "ocf", type: first });
  if (parts.length === 3) {
    if (first !== "ocf") return bad(`class "${first}" has no providers`);
    return ok({ agentClass: first, provider: second, type: third });
  }
  return ok({ agentClass: first, type: second });
}

/** crmsh's choice among providers of one type: heartbeat, then pacemaker, then the first. */
export function pickProvider(providers: readonly string[]): string {
  if (providers.length === 0 || providers.includes("heartbeat")) return "heartbeat";
  if (providers.includes("pacemaker")) return "pacemaker";
  return providers[0] ?? "heartbeat";
}

export function formatAgentSpec(spec: AgentSpec): string {
  return spec.provider === undefined
    ? `${spec.agentClass}:${spec.type}`
    : `${spec.agentClass}:${spec.provider}:${spec.type}`;
}
