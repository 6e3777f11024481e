import type { Issue, Result } from "../base/index.js";
import { fail, issue, ok } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { childElements, firstChild, readXml } from "../cib/index.js";

export type MetadataCode = "xml_syntax" | "not_agent_metadata" | "parameter_without_name";

/** One `<parameter>` of an agent's meta-data (OCF 1.0 and 1.1 styles). */
export interface AgentParameter {
  readonly name: string;
  readonly required: boolean;
  readonly unique: boolean;
  /** OCF 1.1 `unique-group`: parameters of one group must be unique together. */
  readonly uniqueGroup?: string;
  readonly reloadable: boolean;
  /** `<content type=…>`; undefined when the agent gives no content element. */
  readonly type?: string;
  readonly default?: string;
  /** `<content>`'s `<option value=…>` children (OCF 1.1 `select`). */
  readonly options: readonly string[];
  readonly shortdesc: string;
  readonly longdesc: string;
  readonly deprecated: boolean;
}

/** One `<action>`: attributes kept in document order, for crmsh's "Operations' defaults". */
export interface AgentAction {
  readonly name: string;
  readonly timeout?: string;
  readonly interval?: string;
  readonly role?: string;
  readonly depth?: string;
  /** Every attribute but `name`, in document order, as the agent wrote them. */
  readonly attributes: readonly (readonly [string, string])[];
}

/** An agent's `<resource-agent>` meta-data. */
export interface AgentMetadata {
  readonly name: string;
  /** The agent's own version (`<resource-agent version=…>`). */
  readonly version?: string;
  /** The OCF API version the agent claims (`<version>`). */
  readonly ocfVersion?: string;
  readonly shortdesc: string;
  readonly longdesc: string;
  readonly parameters: readonly AgentParameter[];
  readonly actions: readonly AgentAction[];
}

/** Text of the first `tag` child (English preferred), trimmed; "" when absent. */
function describedText(parent: XmlElement, tag: string): string {
  const candidates = childElements(parent, tag);
  const chosen =
    candidates.find((candidate) => (candidate.attributes["lang"] ?? "en") === "en") ??
    candidates[0];
  return chosen === undefined ? "" : textOf(chosen).trim();
}

function textOf(node: XmlElement): string {
  let text = "";
  for (const child of node.children) {
    if (child.kind === "text") text += child.text;
    else if (child.kind === "element") text += textOf(child);
  }
  return text;
}

function isTrue(value: string | undefined): boolean {
  return value === "1" || value === "true" || value === "yes";
}

function withOptional<T extends object>(base: T, extra: Record<string, string | undefined>): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) result[key] = value;
  return result as T;
}

function readParameter(node: XmlElement, index: number): Result<AgentParameter, MetadataCode> {
  const name = node.attributes["name"];
  if (name === undefined || name === "") {
    return fail([
      issue(
        "parameter_without_name",
        `Parameter ${String(index + 1)} of the meta-data has no name`,
      ),
    ]);
  }
  const content = firstChild(node, "content");
  const parameter: AgentParameter = {
    name,
    required: isTrue(node.attributes["required"]),
    unique: isTrue(node.attributes["unique"]),
    reloadable: isTrue(node.attributes["reloadable"]),
    options: content === undefined ? [] : optionValues(content),
    shortdesc: describedText(node, "shortdesc"),
    longdesc: describedText(node, "longdesc"),
    deprecated: firstChild(node, "deprecated") !== undefined,
  };
  return ok(
    withOptional(parameter, {
      uniqueGroup: node.attributes["unique-group"],
      type: content?.attributes["type"],
      default: content?.attributes["default"],
    }),
  );
}

function optionValues(content: XmlElement): string[] {
  return childElements(content, "option")
    .map((option) => option.attributes["value"])
    .filter((value): value is string => value !== undefined);
}

function readAction(node: XmlElement): AgentAction | undefined {
  const name = node.attributes["name"];
  if (name === undefined || name === "") return undefined;
  const attributes = Object.entries(node.attributes).filter(([key]) => key !== "name");
  return withOptional(
    { name, attributes },
    {
      timeout: node.attributes["timeout"],
      interval: node.attributes["interval"],
      role: node.attributes["role"],
      depth: node.attributes["depth"],
    },
  );
}

/**
 * Reads an agent's meta-data XML (`<agent> meta-data`, `fence_x -o metadata`). Accepts both
 * the OCF 1.0 style (DOCTYPE, `unique="0|1"`) and OCF 1.1 (`unique-group`, `reloadable`).
 */
export function parseAgentMetadata(xml: string): Result<AgentMetadata, MetadataCode> {
  const read = readXml(xml, { keepComments: false });
  if (!read.ok) return fail(read.issues);
  const root = read.value;
  if (root.name !== "resource-agent") {
    return fail([
      issue("not_agent_metadata", `Expected <resource-agent> meta-data, found <${root.name}>`),
    ]);
  }
  const parameters: AgentParameter[] = [];
  const issues: Issue<MetadataCode>[] = [];
  const parameterNodes = childElements(root, "parameters").flatMap((section) =>
    childElements(section, "parameter"),
  );
  parameterNodes.forEach((node, index) => {
    const parameter = readParameter(node, index);
    if (parameter.ok) parameters.push(parameter.value);
    else issues.push(...parameter.issues);
  });
  if (issues.length > 0) return fail(issues);
  const actions = childElements(root, "actions")
    .flatMap((section) => childElements(section, "action"))
    .map(readAction)
    .filter((action): action is AgentAction => action !== undefined);
  const versionNode = firstChild(root, "version");
  const metadata: AgentMetadata = {
    name: root.attributes["name"] ?? "",
    // Fence agents put the shortdesc in an attribute of <resource-agent>.
    shortdesc: describedText(root, "shortdesc") || (root.attributes["shortdesc"] ?? "").trim(),
    longdesc: describedText(root, "longdesc"),
    parameters,
    actions,
  };
  return ok(
    withOptional(metadata, {
      version: root.attributes["version"],
      ocfVersion: versionNode === undefined ? undefined : textOf(versionNode).trim(),
    }),
  );
}
