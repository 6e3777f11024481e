import type { AgentAction, AgentMetadata } from "./metadata.js";

function action(name: string, timeout: string, interval?: string): AgentAction {
  const attributes: [string, string][] = [["timeout", timeout]];
  if (interval === undefined) return { name, timeout, attributes };
  attributes.push(["interval", interval]);
  return { name, timeout, interval, attributes };
}

/** The actions Pacemaker announces for every LSB script (seconds, as it writes them). */
const lsbActions: readonly AgentAction[] = [
  action("meta-data", "5"),
  action("start", "15"),
  action("stop", "15"),
  action("status", "15"),
  action("restart", "15"),
  action("force-reload", "15"),
  action("monitor", "15", "15"),
];

/** Fields of the `### BEGIN INIT INFO` … `### END INIT INFO` block, continuation lines kept. */
export function initInfoFields(script: string): ReadonlyMap<string, string> {
  const fields = new Map<string, string>();
  let inside = false;
  let last: string | undefined;
  for (const line of script.split("\n")) {
    if (line.startsWith("### BEGIN INIT INFO")) inside = true;
    else if (line.startsWith("### END INIT INFO")) break;
    else if (inside && line.startsWith("#")) last = readInitInfoLine(line, fields, last);
  }
  return fields;
}

function readInitInfoLine(
  line: string,
  fields: Map<string, string>,
  last: string | undefined,
): string | undefined {
  const field = /^#\s?([A-Za-z][-A-Za-z]*):(.*)$/.exec(line);
  if (field !== null && !/^#(\t| {2})/.test(line)) {
    const name = field[1] ?? "";
    fields.set(name, (field[2] ?? "").trim());
    return name;
  }
  if (last !== undefined && /^#(\t| {2})/.test(line)) {
    fields.set(last, `${fields.get(last) ?? ""}\n${line.slice(1)}`);
  }
  return last;
}

/**
 * Meta-data for an LSB init script, made from its INIT INFO header as Pacemaker does: no
 * parameters, the fixed LSB actions, Short-Description and Description as descriptions.
 */
export function lsbMetadata(name: string, script: string): AgentMetadata {
  const fields = initInfoFields(script);
  return {
    name,
    version: "0.1",
    ocfVersion: "1.0",
    shortdesc: fields.get("Short-Description") ?? "",
    longdesc: (fields.get("Description") ?? "").trim(),
    parameters: [],
    actions: lsbActions,
  };
}
