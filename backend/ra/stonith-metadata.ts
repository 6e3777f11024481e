import type { AgentAction, AgentMetadata } from "./metadata.js";

function timedAction(name: string): AgentAction {
  return { name, timeout: "20s", attributes: [["timeout", "20s"]] };
}

/**
 * A fence agent's meta-data as the fencer presents it (Pacemaker's stonith class): `action`
 * is never required (the fencer supplies it per request), and the resource's own `stop` and
 * `start` come last with 20 s timeouts. The fencer's pcmk_* parameters are not added here.
 */
export function fencerView(metadata: AgentMetadata): AgentMetadata {
  const parameters = metadata.parameters.map((parameter) =>
    parameter.name === "action" ? { ...parameter, required: false } : parameter,
  );
  const actions = metadata.actions.filter(
    (action) => action.name !== "start" && action.name !== "stop",
  );
  return {
    ...metadata,
    parameters,
    actions: [...actions, timedAction("stop"), timedAction("start")],
  };
}
