import type { AttributeSection, FenceEvent, NodeAttribute } from "../protocol/index.js";
import { ClientError } from "./client-error.js";
import { ClientConnection } from "./connection.js";
import type { ClientTarget } from "./target.js";

async function withConnection<T>(
  target: ClientTarget,
  use: (connection: ClientConnection) => Promise<T>,
): Promise<T> {
  const connection = await ClientConnection.open(target.url, target);
  try {
    return await use(connection);
  } finally {
    connection.close();
  }
}

function unexpected(kind: string, request: string): ClientError {
  return new ClientError("bad_reply", `Unexpected ${kind} reply to ${request}`);
}

/**
 * crm_attribute / attrd_updater: sets (value) or deletes (null) a node attribute. In the
 * status section (lifetime reboot) attrd holds it and resolves once every member has it; in
 * nodes it is written to the CIB's configuration.
 */
export function updateAttribute(
  target: ClientTarget,
  update: {
    readonly node: string;
    readonly name: string;
    readonly value: string | null;
    readonly section?: AttributeSection;
    readonly dampenMs?: number;
  },
): Promise<void> {
  const section = update.section ?? "status";
  return withConnection(target, async (connection) => {
    const reply = await connection.request({
      kind: "attribute_update_requested",
      node: update.node,
      name: update.name,
      value: update.value,
      section,
      lifetimeReboot: section === "status",
      ...(update.dampenMs === undefined ? {} : { dampenMs: update.dampenMs }),
    });
    if (reply.kind !== "attribute_updated")
      throw unexpected(reply.kind, "attribute_update_requested");
  });
}

/** A transient attribute's value as attrd holds it (undefined when unset). */
export function queryAttribute(
  target: ClientTarget,
  query: { readonly node: string; readonly name: string },
): Promise<string | undefined> {
  return withConnection(target, async (connection) => {
    const reply = await connection.request({ kind: "attribute_query_requested", ...query });
    if (reply.kind !== "attribute_value") throw unexpected(reply.kind, "attribute_query_requested");
    return reply.value ?? undefined;
  });
}

/** Every transient attribute attrd holds, or those of one node. */
export function listAttributes(
  target: ClientTarget,
  node?: string,
): Promise<readonly NodeAttribute[]> {
  return withConnection(target, async (connection) => {
    const body = {
      kind: "attribute_list_requested" as const,
      ...(node === undefined ? {} : { node }),
    };
    const reply = await connection.request(body);
    if (reply.kind !== "attribute_list") throw unexpected(reply.kind, "attribute_list_requested");
    return reply.attributes;
  });
}

/** The fencing history every fencer shares (stonith_admin --history), of one node when given. */
export function fenceHistory(target: ClientTarget, node?: string): Promise<readonly FenceEvent[]> {
  return withConnection(target, async (connection) => {
    const body = {
      kind: "fence_history_requested" as const,
      ...(node === undefined ? {} : { target: node }),
    };
    const reply = await connection.request(body);
    if (reply.kind !== "fence_history") throw unexpected(reply.kind, "fence_history_requested");
    return reply.events;
  });
}
