import { readFileSync, statSync } from "node:fs";
import type { QuorumStatus, TransportStatus } from "../protocol/index.js";
import { ClientError } from "./client-error.js";
import { ClientConnection } from "./connection.js";
import { liveLocalNodes, nodeClientTarget } from "./local-cluster.js";

export interface ClientTarget {
  readonly url: string;
  readonly token: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

function tokenFromEnvironment(environment: Environment): string {
  const inline = environment["CRM_CLIENT_TOKEN"];
  if (inline !== undefined) return inline.trim();
  const file = environment["CRM_CLIENT_TOKEN_FILE"];
  if (file === undefined) {
    throw new ClientError(
      "no_token",
      "Set CRM_CLIENT_TOKEN or CRM_CLIENT_TOKEN_FILE to the node's client token",
    );
  }
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    throw new ClientError(
      "no_token",
      `Cannot read the client token "${file}": ${(error as Error).message}`,
    );
  }
}

/**
 * The node CRM_CLUSTER names: a `ws://host:port` URL (token from CRM_CLIENT_TOKEN or
 * CRM_CLIENT_TOKEN_FILE), or a local cluster's folder (the first live node's port and token).
 */
export function resolveClusterTarget(environment: Environment): ClientTarget {
  const cluster = environment["CRM_CLUSTER"];
  if (cluster === undefined || cluster === "")
    throw new ClientError("bad_target", "CRM_CLUSTER is not set");
  if (/^wss?:\/\//.test(cluster)) return { url: cluster, token: tokenFromEnvironment(environment) };
  const isFolder = (() => {
    try {
      return statSync(cluster).isDirectory();
    } catch {
      return false;
    }
  })();
  if (!isFolder)
    throw new ClientError(
      "bad_target",
      `CRM_CLUSTER "${cluster}" is neither a ws:// URL nor a folder`,
    );
  for (const node of liveLocalNodes(cluster)) {
    const target = nodeClientTarget(node.stateDir);
    if (target !== undefined) return target;
  }
  throw new ClientError("no_live_node", `No running quorated in "${cluster}"`);
}

async function withConnection<T>(
  target: ClientTarget,
  use: (connection: ClientConnection) => Promise<T>,
): Promise<T> {
  const connection = await ClientConnection.open(target.url, { token: target.token });
  try {
    return await use(connection);
  } finally {
    connection.close();
  }
}

export function fetchQuorumStatus(target: ClientTarget): Promise<QuorumStatus> {
  return withConnection(target, async (connection) => {
    const reply = await connection.request({ kind: "quorum_status_requested" });
    if (reply.kind !== "quorum_status")
      throw new ClientError("bad_reply", `Unexpected ${reply.kind} reply`);
    return reply.status;
  });
}

export function fetchTransportStatus(target: ClientTarget): Promise<TransportStatus> {
  return withConnection(target, async (connection) => {
    const reply = await connection.request({ kind: "transport_status_requested" });
    if (reply.kind !== "transport_status")
      throw new ClientError("bad_reply", `Unexpected ${reply.kind} reply`);
    return reply.status;
  });
}

/**
 * Test hook on nodes started with --allow-fault-injection: cut the given links (all when
 * omitted) to these peers; an empty list heals.
 */
export function cutLinks(
  target: ClientTarget,
  peers: readonly string[],
  links?: readonly number[],
): Promise<void> {
  return withConnection(target, async (connection) => {
    const body = {
      kind: "links_cut_requested" as const,
      peers,
      ...(links === undefined ? {} : { links }),
    };
    const reply = await connection.request(body);
    if (reply.kind !== "links_cut") {
      throw new ClientError("bad_reply", `Unexpected ${reply.kind} reply`);
    }
  });
}
