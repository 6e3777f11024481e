import type { AgentAction, AgentMetadata, AgentParameter } from "./metadata.js";

const indent = "    ";
/** Actions crmsh leaves out of "Operations' defaults". */
const skippedActions = new Set(["meta-data", "validate-all"]);

/** A description worth showing: not empty and not a repeat of the name or longdesc. */
function distinctShortdesc(
  shortdesc: string,
  longdesc: string,
  repeats: readonly string[],
): string {
  return shortdesc !== "" && shortdesc !== longdesc && !repeats.includes(shortdesc)
    ? shortdesc
    : "";
}

function parameterHead(parameter: AgentParameter, agentType: string): string {
  let head = parameter.required ? `${parameter.name}*` : parameter.name;
  const type = parameter.type ?? "";
  const defaultValue = parameter.default ?? "";
  if (type !== "" && defaultValue !== "") head += ` (${type}, [${defaultValue}])`;
  else if (type !== "") head += ` (${type})`;
  const shortdesc = distinctShortdesc(parameter.shortdesc, parameter.longdesc, [
    parameter.name,
    agentType,
  ]);
  return `${head}: ${shortdesc}`;
}

function formatParameter(parameter: AgentParameter, agentType: string): string {
  const lines = [parameterHead(parameter, agentType)];
  if (parameter.longdesc !== "") {
    lines.push(indent + parameter.longdesc.replaceAll("\n", "\n" + indent) + "\n");
  }
  return lines.join("\n");
}

function formatAction(action: AgentAction): string {
  let line = action.name.padEnd(13);
  for (const [name, value] of action.attributes) if (value !== "") line += ` ${name}=${value}`;
  return indent + line;
}

export interface AgentInfoOptions {
  /** The agent as named in the title: `ocf:pacemaker:Dummy`, `lsb:dbus`. */
  readonly spec: string;
  readonly type: string;
}

/**
 * The agent's meta-data as `crm ra info` prints it (crmsh 4.4): the title line with its
 * shortdesc, the longdesc, "Parameters (*: required, []: default):" and "Operations'
 * defaults (advisory minimum):", sections separated by one empty line.
 */
export function formatAgentInfo(metadata: AgentMetadata, options: AgentInfoOptions): string[] {
  const blocks: string[] = [];
  const shortdesc = distinctShortdesc(metadata.shortdesc, metadata.longdesc, [
    metadata.name,
    options.type,
  ]);
  blocks.push(shortdesc === "" ? options.spec : `${shortdesc} (${options.spec})`);
  if (metadata.longdesc !== "") blocks.push(metadata.longdesc);
  const parameters = metadata.parameters.map((parameter) =>
    formatParameter(parameter, options.type),
  );
  if (parameters.length > 0) {
    blocks.push(("Parameters (*: required, []: default):\n\n" + parameters.join("\n")).trimEnd());
  }
  const actions = metadata.actions
    .filter((action) => !skippedActions.has(action.name))
    .map(formatAction);
  if (actions.length > 0) {
    blocks.push("Operations' defaults (advisory minimum):\n\n" + actions.join("\n"));
  }
  return blocks.join("\n\n").split("\n");
}

/**
 * Words in columns as crmsh's `ra list` prints them (its multicolumn): as many columns of
 * equal width as fit `width`, a column being the longest word (at least 8) plus 2.
 */
export function formatColumns(words: readonly string[], width = 80): string[] {
  const longest = Math.max(8, ...words.map((word) => word.length));
  const columns = Math.max(1, Math.floor(width / (longest + 2)));
  const columnWidth = Math.floor(width / columns);
  const lines: string[] = [];
  for (let start = 0; start < words.length; start += columns) {
    const row = words.slice(start, start + columns);
    const cells = row.map((word, index) =>
      index > 0 && (start + index + 1) % columns === 0 ? word : word.padEnd(columnWidth),
    );
    lines.push(cells.join(""));
  }
  return lines;
}
