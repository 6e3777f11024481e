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

const continuation = /^#(\t| {2})/;

/**
 * Fields of the `### BEGIN INIT INFO` … `### END INIT INFO` block, continuation lines (`#`
 * then a tab or two spaces) kept. As Pacemaker 2.1 reads it, the line that ends a
 * Description's continuation is consumed by it and not read as a field of its own.
 */
export function initInfoFields(script: string): ReadonlyMap<string, string> {
  const fields = new Map<string, string>();
  let inside = false;
  let continuing: string | undefined;
  for (const line of script.split("\n")) {
    if (line.startsWith("### BEGIN INIT INFO")) inside = true;
    else if (line.startsWith("### END INIT INFO")) break;
    else if (!inside || !line.startsWith("#")) continue;
    else if (continuing !== undefined && continuation.test(line)) {
      fields.set(continuing, `${fields.get(continuing) ?? ""}\n${line.slice(1)}`);
    } else if (continuing === "Description" && fields.get("Description")?.includes("\n")) {
      continuing = undefined;
    } else {
      continuing = readField(line, fields);
    }
  }
  return fields;
}

function readField(line: string, fields: Map<string, string>): string | undefined {
  const field = /^#\s?([A-Za-z][-A-Za-z]*):(.*)$/.exec(line);
  if (field === null || continuation.test(line)) return undefined;
  const name = field[1] ?? "";
  fields.set(name, (field[2] ?? "").trim());
  return name;
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
    // Pacemaker names the script where the header gives no description.
    shortdesc: fields.get("Short-Description") ?? name,
    longdesc: (fields.get("Description") ?? name).trim(),
    parameters: [],
    actions: lsbActions,
  };
}
