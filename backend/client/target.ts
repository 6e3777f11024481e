import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { QuorumStatus, TransportStatus } from "../protocol/index.js";
import { ClientError } from "./client-error.js";
import type { ClientCredentials } from "./connection.js";
import { ClientConnection } from "./connection.js";
import { liveLocalNodes, nodeClientTarget, nodeStateFiles } from "./local-cluster.js";

export interface ClientTarget {
  readonly url: string;
  readonly token: string;
  /** Set when CRM_USER logs in with a password instead of the node's client token. */
  readonly credentials?: ClientCredentials | undefined;
  /** For wss: the certificate to trust (CRM_CA_FILE), such as a node's self-signed one. */
  readonly ca?: string | undefined;
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

function readSecret(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8").replace(/\r?\n$/, "");
  } catch (error) {
    throw new ClientError("no_token", `Cannot read ${what} "${file}": ${(error as Error).message}`);
  }
}

/** CRM_USER with CRM_PASSWORD or CRM_PASSWORD_FILE; undefined when CRM_USER is not set. */
function credentialsFromEnvironment(environment: Environment): ClientCredentials | undefined {
  const user = environment["CRM_USER"];
  if (user === undefined || user === "") return undefined;
  const inline = environment["CRM_PASSWORD"];
  if (inline !== undefined) return { user, password: inline };
  const file = environment["CRM_PASSWORD_FILE"];
  if (file === undefined) {
    throw new ClientError("no_token", `CRM_USER is set: set CRM_PASSWORD or CRM_PASSWORD_FILE too`);
  }
  return { user, password: readSecret(file, "the password file") };
}

/**
 * The node CRM_CLUSTER names, logged in as CRM_USER when it is set (a wss:// node's
 * certificate is trusted from CRM_CA_FILE): a `ws://host:port` URL (token from CRM_CLIENT_TOKEN or
 * CRM_CLIENT_TOKEN_FILE), or a local cluster's folder (the first live node's port and token).
 */
export function resolveClusterTarget(environment: Environment): ClientTarget {
  const target = resolveLogin(environment);
  const caFile = environment["CRM_CA_FILE"];
  if (caFile === undefined || caFile === "" || !target.url.startsWith("wss://")) return target;
  return { ...target, ca: readSecret(caFile, "the certificate file") };
}

function resolveLogin(environment: Environment): ClientTarget {
  const credentials = credentialsFromEnvironment(environment);
  if (credentials === undefined) return resolveTokenTarget(environment);
  const cluster = environment["CRM_CLUSTER"] ?? "";
  const url = /^wss?:\/\//.test(cluster) ? cluster : localNodeUrl(cluster);
  return { url, token: "", credentials };
}

/** The client channel of a local cluster's first live node (no token needed to find it). */
function localNodeUrl(cluster: string): string {
  if (cluster === "") throw new ClientError("bad_target", "CRM_CLUSTER is not set");
  for (const node of liveLocalNodes(cluster)) {
    try {
      const port = readFileSync(join(node.stateDir, nodeStateFiles.clientPort), "utf8").trim();
      if (/^\d+$/.test(port)) return `ws://127.0.0.1:${port}/`;
    } catch {
      continue;
    }
  }
  throw new ClientError("no_live_node", `No running quorated in "${cluster}"`);
}

function resolveTokenTarget(environment: Environment): ClientTarget {
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
  const connection = await ClientConnection.open(target.url, target);
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
