import type { ServerMessage } from "../../../backend/protocol/index.js";
import { askLocalNode, attributeRequest } from "./attribute-request.js";
import { usageLines } from "./tool-options.js";
import type { ToolEnvironment, ToolOutcome } from "./tool-outcome.js";
import { localNodeOf, refusalExitCode, toolExitCodes } from "./tool-outcome.js";
import type { UpdaterCommand } from "./updater-options.js";
import { parseUpdaterOptions } from "./updater-options.js";

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
  const command = parsed.value;
  const request = attributeRequest(command, {
    section: "status",
    ...(command.dampenMs === undefined ? {} : { dampenMs: command.dampenMs }),
  });
  const outcome = (reply: ServerMessage): ToolOutcome => fromReply(command, reply);
  return askLocalNode(
    environment,
    localNode,
    request,
    outcome,
    "Could not contact the attribute manager",
  );
}
