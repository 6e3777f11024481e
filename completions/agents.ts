/** Agent specs completed step by step (class:, then class:provider:, then the type). */
import type { AgentAction, AgentParameter, Candidate, CompletionContext } from "./context.js";

/** Candidates for an agent spec being typed as `prefix`. */
export function agentCandidates(prefix: string, context: CompletionContext): Candidate[] {
  const typed = prefix.split(":");
  const step = typed.length - 1;
  const labels = new Set<string>();
  for (const agent of context.agents) {
    const parts = agent.split(":");
    if (step < parts.length - 1) {
      labels.add(`${parts.slice(0, step + 1).join(":")}:`);
    } else if (step === parts.length - 1) {
      labels.add(agent);
    }
  }
  return [...labels].map((label) => ({
    label,
    kind: "agent" as const,
    detail: label.endsWith(":") ? (step === 0 ? "class" : "provider") : "agent",
  }));
}

/**
 * The agent a statement names, as a key of `agentParameters`: the spec itself, or the one
 * agent whose type it is (`IPaddr2` → `ocf:heartbeat:IPaddr2`, heartbeat first, as crmsh).
 */
export function resolveAgent(
  spec: string,
  context: Pick<CompletionContext, "agents">,
): string | undefined {
  if (context.agents.includes(spec)) return spec;
  const typed = context.agents.filter((agent) => agent.endsWith(`:${spec}`));
  if (typed.length === 1) return typed[0];
  return typed.find((agent) => agent === `ocf:heartbeat:${spec}`);
}

export function parametersOf(spec: string, context: CompletionContext): readonly AgentParameter[] {
  const agent = resolveAgent(spec, context);
  return agent === undefined ? [] : (context.agentParameters.get(agent) ?? []);
}

export function actionsOf(spec: string, context: CompletionContext): readonly AgentAction[] {
  const agent = resolveAgent(spec, context);
  return agent === undefined ? [] : (context.agentActions?.get(agent) ?? []);
}
