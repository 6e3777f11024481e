import type { ServerMessage } from "../../../backend/protocol/index.js";
import type { AttributeCommand } from "./attribute-options.js";
import { parseAttributeOptions } from "./attribute-options.js";
import { askLocalNode, attributeRequest } from "./attribute-request.js";
import type { RequestBody } from "./node-channel.js";
import { permanentAttribute } from "./permanent-attribute.js";
import { usageLines } from "./tool-options.js";
import type { ToolEnvironment, ToolOutcome } from "./tool-outcome.js";
import { localNodeOf, refusalExitCode, toolExitCodes } from "./tool-outcome.js";

function request(command: AttributeCommand): RequestBody {
  if (command.operation === "query" && command.section === "nodes") {
    return { kind: "cib_query_requested" };
  }
  return attributeRequest(command, { section: command.section });
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
  const stderr = `Error performing operation: ${reply.message}\n`;
  return { exitCode: refusalExitCode(reply.code), stdout: "", stderr };
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
  environment: ToolEnvironment,
): Promise<ToolOutcome> {
  const localNode = localNodeOf(environment);
  const instance = environment["OCF_RESOURCE_INSTANCE"];
  const parsed = parseAttributeOptions(argv, {
    ...(localNode === undefined ? {} : { localNode }),
    ...(instance === undefined ? {} : { resourceInstance: instance }),
  });
  if (!parsed.ok) {
    const unsupported = parsed.issues.some((problem) => problem.code === "unsupported");
    const exitCode = unsupported ? toolExitCodes.unimplemented : toolExitCodes.usage;
    return { exitCode, stdout: "", stderr: usageLines("crm_attribute", parsed.issues) };
  }
  const command = parsed.value;
  const outcome = (reply: ServerMessage): ToolOutcome => fromReply(command, reply);
  const unreachable = "Could not connect to the cluster";
  return askLocalNode(environment, localNode, request(command), outcome, unreachable);
}
