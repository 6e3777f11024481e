/** The transition graph in Graphviz form (`crm_simulate -D FILE`): actions and their orderings. */
import type { GraphAction, TransitionGraph } from "./graph.js";

function label(action: GraphAction): string {
  if (action.kind === "pseudo_event" || action.node === undefined) return action.operationKey;
  return `${action.operationKey} ${action.node}`;
}

export function writeGraphDot(graph: TransitionGraph): string {
  const lines = [' digraph "g" {'];
  const byId = new Map(graph.synapses.map((synapse) => [synapse.action.id, synapse.action]));
  for (const synapse of graph.synapses) {
    const font = synapse.action.kind === "pseudo_event" ? "orange" : "black";
    lines.push(`"${label(synapse.action)}" [ style=bold color="green" fontcolor="${font}"]`);
  }
  for (const synapse of graph.synapses) {
    for (const input of synapse.inputs) {
      const first = byId.get(input);
      if (first !== undefined)
        lines.push(`"${label(first)}" -> "${label(synapse.action)}" [ style = bold]`);
    }
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
