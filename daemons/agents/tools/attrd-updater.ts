import type { ServerMessage } from "../../../backend/protocol/index.js";
import type { ToolOutcome } from "./crm-attribute.js";
import { toolExitCodes } from "./crm-attribute.js";
import { askNode, ChannelError, resolveNodeChannel } from "./node-channel.js";
import type { UpdaterCommand } from "./updater-options.js";
import { parseUpdaterOptions } from "./updater-options.js";

type Environment = Readonly<Record<string, string | undefined>>;

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
    const exitCode =
      reply.code === "unauthorized" || reply.code === "permission_denied"
        ? toolExitCodes.insufficientPrivilege
        : reply.code === "unknown_kind" || reply.code === "not_ready"
          ? toolExitCodes.disconnected
          : toolExitCodes.error;
    return { exitCode, stdout: "", stderr: `Could not update ${command.name}: ${reply.message}\n` };
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
  environment: Environment,
): Promise<ToolOutcome> {
  const localNode = environment["QUORATE_NODE"] ?? environment["OCF_RESKEY_CRM_meta_on_node"];
  const parsed = parseUpdaterOptions(argv, localNode);
  if (!parsed.ok) {
    const lines = parsed.issues.map((problem) =>
      problem.suggestion === undefined
        ? `attrd_updater: ${problem.message}`
        : `attrd_updater: ${problem.message} (did you mean ${problem.suggestion}?)`,
    );
    return { exitCode: toolExitCodes.usage, stdout: "", stderr: `${lines.join("\n")}\n` };
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
