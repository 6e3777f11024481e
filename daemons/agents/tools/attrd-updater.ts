import type { ServerMessage } from "../../../backend/protocol/index.js";
import { askNode, ChannelError, resolveNodeChannel } from "./node-channel.js";
import { usageLines } from "./tool-options.js";
import type { ToolEnvironment, ToolOutcome } from "./tool-outcome.js";
import { localNodeOf, refusalExitCode, toolExitCodes } from "./tool-outcome.js";
import type { UpdaterCommand } from "./updater-options.js";
import { parseUpdaterOptions } from "./updater-options.js";

function request(command: UpdaterCommand) {
  if (command.operation === "query") {
    return { kind: "attribute_query_requested" as const, node: command.node, name: command.name };
  }
  return {
    kind: "attribute_update_requested" as const,
    node: command.node,
    name: command.name,
    value: command.operation === "delete" ? null : (command.value ?? ""),
    section: "status" as const,
    lifetimeReboot: true,
    ...(command.dampenMs === undefined ? {} : { dampenMs: command.dampenMs }),
  };
}

function fromReply(command: UpdaterCommand, reply: ServerMessage): ToolOutcome {
  if (reply.kind === "error") {
    const stderr = `Could not update ${command.name}: ${reply.message}\n`;
    return { exitCode: refusalExitCode(reply.code), stdout: "", stderr };
  }
  if (reply.kind === "attribute_updated") return { exitCode: 0, stdout: "", stderr: "" };
  if (reply.kind !== "attribute_value") {
    return {
      exitCode: toolExitCodes.error,
      stdout: "",
      stderr: `Unexpected ${reply.kind} reply\n`,
    };
  }
  if (reply.value === null) {
    const stderr = `Could not query value of ${command.name}: attribute does not exist\n`;
    return { exitCode: toolExitCodes.noSuchAttribute, stdout: "", stderr };
  }
  const stdout = `name="${command.name}" host="${command.node}" value="${reply.value}"\n`;
  return { exitCode: 0, stdout, stderr: "" };
}

/**
 * quorate's attrd_updater (what ocf:pacemaker:ping, SysInfo and HealthCPU call): sets,
 * deletes or reads one transient attribute through the local node's attribute manager, with
 * its dampening delay. Never throws; the outcome carries the exit code.
 */
export async function attrdUpdater(
  argv: readonly string[],
  environment: ToolEnvironment,
): Promise<ToolOutcome> {
  const localNode = localNodeOf(environment);
  const parsed = parseUpdaterOptions(argv, localNode);
  if (!parsed.ok) {
    const stderr = usageLines("attrd_updater", parsed.issues);
    return { exitCode: toolExitCodes.usage, stdout: "", stderr };
  }
  try {
    const channel = resolveNodeChannel(environment, localNode);
    return fromReply(parsed.value, await askNode(channel, request(parsed.value), 5000));
  } catch (error) {
    if (!(error instanceof ChannelError)) throw error;
    const stderr = `Could not contact the attribute manager: ${error.message}\n`;
    return { exitCode: toolExitCodes.disconnected, stdout: "", stderr };
  }
}
