/** Reads Pacemaker's graph XML (crm_simulate -G) into the graph crm_simulate executes. */
import type { XmlElement } from "../../../backend/cib/index.js";
import { childElements, firstChild, readXml } from "../../../backend/cib/index.js";
import type {
  GraphAction,
  GraphActionKind,
  TransitionGraph,
} from "../../../shell/simulate/graph.js";

function readAction(element: XmlElement): GraphAction {
  const primitive = firstChild(element, "primitive");
  const attributes = firstChild(element, "attributes");
  return {
    id: Number(element.attributes["id"]),
    kind: element.name as GraphActionKind,
    operation: element.attributes["operation"] ?? "",
    operationKey: element.attributes["operation_key"] ?? "",
    node: element.attributes["on_node"],
    nodeUuid: element.attributes["on_node_uuid"],
    resource:
      primitive === undefined
        ? undefined
        : {
            id: primitive.attributes["id"] ?? "",
            longId: primitive.attributes["long-id"],
            className: primitive.attributes["class"] ?? "",
            provider: primitive.attributes["provider"],
            type: primitive.attributes["type"] ?? "",
          },
    attributes: new Map(Object.entries(attributes?.attributes ?? {})),
  };
}

export function readPacemakerGraph(text: string): TransitionGraph {
  const parsed = readXml(text);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  const synapses = childElements(parsed.value, "synapse").map((synapse) => {
    const actionSet = firstChild(synapse, "action_set");
    const action = actionSet === undefined ? undefined : childElements(actionSet)[0];
    if (action === undefined) throw new Error("synapse without action");
    const inputs = childElements(firstChild(synapse, "inputs") ?? synapse, "trigger").flatMap(
      (trigger) => childElements(trigger).map((input) => Number(input.attributes["id"])),
    );
    return {
      id: Number(synapse.attributes["id"]),
      priority: Number(synapse.attributes["priority"] ?? "0"),
      action: readAction(action),
      inputs,
    };
  });
  return { attributes: { ...parsed.value.attributes }, synapses };
}
