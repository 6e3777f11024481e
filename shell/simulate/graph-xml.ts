/** The transition graph as Pacemaker's graph XML (`crm_simulate -G FILE`). */
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type { GraphAction, TransitionGraph } from "./graph.js";

function reference(action: GraphAction): Record<string, string> {
  const attributes: Record<string, string> = {
    id: String(action.id),
    operation: action.operation,
    operation_key: action.operationKey,
  };
  if (action.node !== undefined) attributes["on_node"] = action.node;
  if (action.nodeUuid !== undefined) attributes["on_node_uuid"] = action.nodeUuid;
  return attributes;
}

function writeAction(parent: XMLBuilder, action: GraphAction): void {
  const element = parent.ele(action.kind, reference(action));
  const resource = action.resource;
  if (resource !== undefined) {
    const primitive: Record<string, string> = { id: resource.id };
    if (resource.longId !== undefined) primitive["long-id"] = resource.longId;
    primitive["class"] = resource.className;
    if (resource.provider !== undefined) primitive["provider"] = resource.provider;
    primitive["type"] = resource.type;
    element.ele("primitive", primitive);
  }
  if (
    action.kind === "crm_event" &&
    action.operation === "stonith" &&
    action.nodeUuid !== undefined
  ) {
    element.ele("downed").ele("node", { id: action.nodeUuid });
  }
  const sorted = [...action.attributes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  element.ele("attributes", Object.fromEntries(sorted));
}

export function writeGraphXml(graph: TransitionGraph): string {
  const byId = new Map(graph.synapses.map((synapse) => [synapse.action.id, synapse.action]));
  const root = create().ele("transition_graph", { ...graph.attributes });
  for (const synapse of graph.synapses) {
    const attributes: Record<string, string> = { id: String(synapse.id) };
    if (synapse.priority !== 0) attributes["priority"] = String(synapse.priority);
    const element = root.ele("synapse", attributes);
    writeAction(element.ele("action_set"), synapse.action);
    const inputs = element.ele("inputs");
    for (const input of synapse.inputs) {
      const action = byId.get(input);
      if (action !== undefined) inputs.ele("trigger").ele(action.kind, reference(action));
    }
  }
  return `${root.end({ prettyPrint: true, headless: true })}\n`;
}
