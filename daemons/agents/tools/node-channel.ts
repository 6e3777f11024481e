import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import WebSocket from "ws";
import {
  clientFrameBytesMax,
  clientTokenHeader,
  decodeServerMessage,
  encodeMessage,
} from "../../../backend/protocol/index.js";
import type { ClientRequest, ServerMessage } from "../../../backend/protocol/index.js";

type Environment = Readonly<Record<string, string | undefined>>;

export interface NodeChannel {
  readonly url: string;
  readonly token: string;
}

/** Why the node could not be asked (crm_attribute exits 102, "not connected"). */
export class ChannelError extends Error {}

function readTrimmed(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** The client channel a node's state folder names (`client.port`, `client.token`). */
function stateDirChannel(stateDir: string): NodeChannel | undefined {
  const port = Number(readTrimmed(join(stateDir, "client.port")));
  const token = readTrimmed(join(stateDir, "client.token"));
  if (!Number.isSafeInteger(port) || port <= 0 || token === undefined) return undefined;
  return { url: `ws://127.0.0.1:${String(port)}/`, token };
}

function clusterFolderChannel(folder: string, node: string | undefined): NodeChannel | undefined {
  if (node !== undefined) return stateDirChannel(join(folder, node));
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch {
    return undefined;
  }
  for (const name of names) {
    const channel = stateDirChannel(join(folder, name));
    if (channel !== undefined) return channel;
  }
  return undefined;
}

/**
 * The local node's client channel: QUORATE_STATE_DIR (what the executor gives agents), else
 * CRM_CLUSTER as a `ws://` URL (token in CRM_CLIENT_TOKEN or CRM_CLIENT_TOKEN_FILE) or as a
 * local cluster's folder (the local node's folder, or the first that has a channel).
 */
export function resolveNodeChannel(environment: Environment, localNode?: string): NodeChannel {
  const stateDir = environment["QUORATE_STATE_DIR"];
  if (stateDir !== undefined && stateDir !== "") {
    const channel = stateDirChannel(stateDir);
    if (channel === undefined) throw new ChannelError(`No client channel in "${stateDir}"`);
    return channel;
  }
  const cluster = environment["CRM_CLUSTER"];
  if (cluster === undefined || cluster === "")
    throw new ChannelError("Neither QUORATE_STATE_DIR nor CRM_CLUSTER names a node");
  if (/^wss?:\/\//.test(cluster)) {
    const tokenFile = environment["CRM_CLIENT_TOKEN_FILE"];
    const token =
      environment["CRM_CLIENT_TOKEN"] ??
      (tokenFile === undefined ? undefined : readTrimmed(tokenFile));
    if (token === undefined)
      throw new ChannelError("Set CRM_CLIENT_TOKEN or CRM_CLIENT_TOKEN_FILE");
    return { url: cluster, token };
  }
  const channel = clusterFolderChannel(cluster, localNode);
  if (channel === undefined) throw new ChannelError(`No running node in "${cluster}"`);
  return channel;
}

/** A client request without its id (askNode numbers it). */
export type RequestBody = ClientRequest extends infer R
  ? R extends ClientRequest
    ? Omit<R, "id">
    : never
  : never;

/** Sends one request on a fresh connection and resolves with the reply (errors included). */
export function askNode(
  channel: NodeChannel,
  body: RequestBody,
  timeoutMs: number,
): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(channel.url, {
      headers: { [clientTokenHeader]: channel.token },
      maxPayload: clientFrameBytesMax,
      handshakeTimeout: timeoutMs,
    });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new ChannelError(`No answer from ${channel.url} within ${String(timeoutMs)} ms`));
    }, timeoutMs);
    const end = (settle: () => void): void => {
      clearTimeout(timer);
      socket.terminate();
      settle();
    };
    socket.once("open", () => socket.send(encodeMessage({ ...body, id: 1 } as ClientRequest)));
    socket.once("message", (data: Buffer) => {
      const decoded = decodeServerMessage(data.toString("utf8"));
      if (decoded.ok) end(() => resolve(decoded.value));
      else end(() => reject(new ChannelError(decoded.issues[0]?.message ?? "Bad reply")));
    });
    socket.once("unexpected-response", (_request, response) =>
      end(() => reject(new ChannelError(`The node answered HTTP ${String(response.statusCode)}`))),
    );
    socket.once("error", (error) =>
      end(() => reject(new ChannelError(`Cannot reach ${channel.url}: ${error.message}`))),
    );
  });
}
