import type { ServerMessage } from "../../../backend/protocol/index.js";
import type { RequestBody } from "./node-channel.js";
import { askNode, ChannelError, resolveNodeChannel } from "./node-channel.js";
import type { ToolEnvironment, ToolOutcome } from "./tool-outcome.js";
import { toolExitCodes } from "./tool-outcome.js";

/** One attribute operation as crm_attribute and attrd_updater read it from their options. */
export interface AttributeOperation {
  readonly operation: "update" | "delete" | "query";
  readonly node: string;
  readonly name: string;
  readonly value?: string;
}

/** Where a change goes: status (transient, through attrd) or nodes; attrd's dampening. */
export interface AttributePlace {
  readonly section: "status" | "nodes";
  readonly dampenMs?: number;
}

/** The client-channel request for `command`: a query of attrd, or an update (null deletes). */
export function attributeRequest(command: AttributeOperation, place: AttributePlace): RequestBody {
  if (command.operation === "query") {
    return { kind: "attribute_query_requested", node: command.node, name: command.name };
  }
  return {
    kind: "attribute_update_requested",
    node: command.node,
    name: command.name,
    value: command.operation === "delete" ? null : (command.value ?? ""),
    section: place.section,
    lifetimeReboot: place.section === "status",
    ...(place.dampenMs === undefined ? {} : { dampenMs: place.dampenMs }),
  };
}

/**
 * Sends `request` to the local node's client channel and turns the reply into the tool's
 * outcome; a node that cannot be reached exits 102 with `unreachable: reason`.
 */
export async function askLocalNode(
  environment: ToolEnvironment,
  localNode: string | undefined,
  request: RequestBody,
  outcome: (reply: ServerMessage) => ToolOutcome,
  unreachable: string,
): Promise<ToolOutcome> {
  try {
    const channel = resolveNodeChannel(environment, localNode);
    return outcome(await askNode(channel, request, 5000));
  } catch (error) {
    if (!(error instanceof ChannelError)) throw error;
    const stderr = `${unreachable}: ${error.message}\n`;
    return { exitCode: toolExitCodes.disconnected, stdout: "", stderr };
  }
}
