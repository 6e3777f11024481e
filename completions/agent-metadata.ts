/**
 * Agent parameters from an agent's meta-data (`<resource-agent><parameters><parameter
 * name= required=><shortdesc>…`), for CompletionContext.agentParameters. The shell reads the
 * XML (backend/cib's readXml) and hands the element in; `CibElementLike` is its shape.
 */
import type { CibElementLike } from "./cib-ids.js";
import type { AgentAction, AgentParameter } from "./context.js";

export function parametersFromMetaData(resourceAgent: CibElementLike): AgentParameter[] {
  const parameters = childrenNamed(resourceAgent, "parameters")[0];
  if (parameters === undefined) return [];
  return childrenNamed(parameters, "parameter").flatMap((parameter) => {
    const name = parameter.attributes?.["name"];
    if (name === undefined || name === "") return [];
    const content = childrenNamed(parameter, "content")[0];
    const required = parameter.attributes?.["required"];
    const type = content?.attributes?.["type"];
    const fallback = content?.attributes?.["default"];
    return [
      {
        name,
        shortDesc: textOf(englishFirst(childrenNamed(parameter, "shortdesc"))),
        ...(required === "1" || required === "true" ? { required: true } : {}),
        ...(type === undefined ? {} : { type }),
        ...(fallback === undefined ? {} : { default: fallback }),
      },
    ];
  });
}

/** The actions an agent's meta-data lists, with their advised interval, timeout and depth. */
export function actionsFromMetaData(resourceAgent: CibElementLike): AgentAction[] {
  const actions = childrenNamed(resourceAgent, "actions")[0];
  if (actions === undefined) return [];
  return childrenNamed(actions, "action").flatMap((action) => {
    const attributes = action.attributes ?? {};
    const name = attributes["name"];
    if (name === undefined || name === "") return [];
    const interval = attributes["interval"];
    const timeout = attributes["timeout"];
    const depth = attributes["depth"];
    return [
      {
        name,
        ...(interval === undefined ? {} : { interval }),
        ...(timeout === undefined ? {} : { timeout }),
        ...(depth === undefined ? {} : { depth }),
      },
    ];
  });
}

function childrenNamed(element: CibElementLike, name: string): CibElementLike[] {
  return (element.children ?? []).filter(
    (child) => child.kind === "element" && child.name === name,
  );
}

function englishFirst(descriptions: readonly CibElementLike[]): CibElementLike | undefined {
  return (
    descriptions.find((description) => (description.attributes?.["lang"] ?? "en") === "en") ??
    descriptions[0]
  );
}

/** The element's text, blanks collapsed. */
function textOf(element: CibElementLike | undefined): string {
  const parts: string[] = [];
  const visit = (node: CibElementLike): void => {
    if (node.kind === "text" && node.text !== undefined) parts.push(node.text);
    for (const child of node.children ?? []) visit(child);
  };
  if (element !== undefined) visit(element);
  return parts.join("").replace(/\s+/g, " ").trim();
}
