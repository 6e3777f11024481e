import type { ServerMessage } from "../../../backend/protocol/index.js";
import type { AttributeCommand } from "./attribute-options.js";
import { parseAttributeOptions } from "./attribute-options.js";
import { askNode, ChannelError, resolveNodeChannel } from "./node-channel.js";
import { permanentAttribute } from "./permanent-attribute.js";

/** Pacemaker's exit codes that the cluster tools use (crm_exit_t). */
export const toolExitCodes = {
  ok: 0,
  error: 1,
  unimplemented: 3,
  insufficientPrivilege: 4,
  usage: 64,
  disconnected: 102,
  noSuchAttribute: 105,
} as const;

type Environment = Readonly<Record<string, string | undefined>>;

/** What a tool printed and how it exits. */
export interface ToolOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

function request(command: AttributeCommand) {
  if (command.operation === "query" && command.section === "nodes") {
    return { kind: "cib_query_requested" as const };
  }
  if (command.operation === "query") {
    return { kind: "attribute_query_requested" as const, node: command.node, name: command.name };
  }
  return {
    kind: "attribute_update_requested" as const,
    node: command.node,
    name: command.name,
    value: command.operation === "delete" ? null : (command.value ?? ""),
    section: command.section,
    lifetimeReboot: command.section === "status",
  };
}

/** A query's answer as Pacemaker prints it (`scope=… name=… value=…`, or the value with -q). */
function shownValue(command: AttributeCommand, found: string | null): ToolOutcome {
  const value = found ?? command.defaultValue;
  const shown = command.quiet
    ? `${value ?? ""}\n`
    : `scope=${command.section}  name=${command.name} value=${value ?? "(null)"}\n`;
  if (value === undefined) {
    const stderr = "Error performing operation: No such device or address\n";
    return { exitCode: toolExitCodes.noSuchAttribute, stdout: command.quiet ? "" : shown, stderr };
  }
  return { exitCode: toolExitCodes.ok, stdout: shown, stderr: "" };
}

function refused(reply: Extract<ServerMessage, { kind: "error" }>): ToolOutcome {
  const exitCode =
    reply.code === "unauthorized" || reply.code === "permission_denied"
      ? toolExitCodes.insufficientPrivilege
      : reply.code === "unknown_kind" || reply.code === "not_ready"
        ? toolExitCodes.disconnected
        : toolExitCodes.error;
  return { exitCode, stdout: "", stderr: `Error performing operation: ${reply.message}\n` };
}

function fromReply(command: AttributeCommand, reply: ServerMessage): ToolOutcome {
  switch (reply.kind) {
    case "error":
      return refused(reply);
    case "attribute_updated":
      return { exitCode: toolExitCodes.ok, stdout: "", stderr: "" };
    case "attribute_value":
      return shownValue(command, reply.value);
    case "cib_query":
      return shownValue(command, permanentAttribute(reply.xml, command.node, command.name) ?? null);
    default: {
      const stderr = `Unexpected ${reply.kind} reply\n`;
      return { exitCode: toolExitCodes.error, stdout: "", stderr };
    }
  }
}

/**
 * quorate's crm_attribute: reads or changes one node attribute through the local node's
 * attribute manager (client channel). Never throws; the outcome carries the exit code.
 */
export async function crmAttribute(
  argv: readonly string[],
  environment: Environment,
): Promise<ToolOutcome> {
  const localNode = environment["QUORATE_NODE"] ?? environment["OCF_RESKEY_CRM_meta_on_node"];
  const instance = environment["OCF_RESOURCE_INSTANCE"];
  const parsed = parseAttributeOptions(argv, {
    ...(localNode === undefined ? {} : { localNode }),
    ...(instance === undefined ? {} : { resourceInstance: instance }),
  });
  if (!parsed.ok) {
    const lines = parsed.issues.map((problem) =>
      problem.suggestion === undefined
        ? `crm_attribute: ${problem.message}`
        : `crm_attribute: ${problem.message} (did you mean ${problem.suggestion}?)`,
    );
    const unsupported = parsed.issues.some((problem) => problem.code === "unsupported");
    const exitCode = unsupported ? toolExitCodes.unimplemented : toolExitCodes.usage;
    return { exitCode, stdout: "", stderr: `${lines.join("\n")}\n` };
  }
  const command = parsed.value;
  try {
    const channel = resolveNodeChannel(environment, localNode);
    return fromReply(command, await askNode(channel, request(command), 5000));
  } catch (error) {
    if (!(error instanceof ChannelError)) throw error;
    const stderr = `Could not connect to the cluster: ${error.message}\n`;
    return { exitCode: toolExitCodes.disconnected, stdout: "", stderr };
  }
}
