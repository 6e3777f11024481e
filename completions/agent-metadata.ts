/**
 * Agent parameters from an agent's meta-data (`<resource-agent><parameters><parameter
 * name= required=><shortdesc>…`), for CompletionContext.agentParameters. The shell reads the
 * XML (backend/cib's readXml) and hands the element in; `CibElementLike` is its shape.
 */
import type { CibElementLike } from "./cib-ids.js";
import type { AgentParameter } from "./context.js";

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
