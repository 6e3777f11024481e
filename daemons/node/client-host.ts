import { timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import type WebSocket from "ws";
import {
  clientFrameBytesMax,
  clientTokenHeader,
  decodeClientRequest,
  encodeMessage,
} from "../../backend/protocol/index.js";
import type { ClientRequest, ServerMessage } from "../../backend/protocol/index.js";
import type { ClientIdentity, ClientSession } from "./client-handlers.js";
import { localTokenIdentity } from "./client-handlers.js";
import type { Log } from "./log.js";

/** Clients served at once; more are turned away with HTTP 503. */
const clientConnectionsMax = 64;
/** Bytes queued to one client that does not read; past this it is cut off (it cannot stall the node). */
const clientQueuedBytesMax = 256 * 1024 * 1024;

/** What the client channel answers from; each handler returns the reply for one request. */
export type ClientHandler = (
  request: ClientRequest,
  identity: ClientIdentity,
  session: ClientSession,
) => ServerMessage | Promise<ServerMessage>;

function sessionOf(socket: WebSocket): ClientSession {
  return {
    push(message) {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > clientQueuedBytesMax) socket.terminate();
      else socket.send(encodeMessage(message));
    },
    onClosed(listener) {
      socket.once("close", listener);
    },
  };
}

function tokenMatches(presented: string | string[] | undefined, token: string): boolean {
  if (typeof presented !== "string") return false;
  const left = Buffer.from(presented);
  const right = Buffer.from(token);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The client channel: a ws endpoint on 127.0.0.1, separate from the node-to-node ports, open
 * only to clients presenting the node's client token. Every frame is size-limited and
 * validated; bad frames get an `error` reply with a stable code.
 */
export class ClientHost {
  #server: WebSocketServer | undefined;

  constructor(
    readonly options: { readonly port: number; readonly token: string; readonly log: Log },
    readonly handle: ClientHandler,
  ) {}

  /** Listens and resolves with the bound port. */
  start(): Promise<number> {
    const server = new WebSocketServer({
      host: "127.0.0.1",
      port: this.options.port,
      maxPayload: clientFrameBytesMax,
      verifyClient: (
        info: { req: { headers: Record<string, string | string[] | undefined> } },
        accept: (allowed: boolean, code?: number, message?: string) => void,
      ) => {
        if (!tokenMatches(info.req.headers[clientTokenHeader], this.options.token)) {
          accept(false, 401, "Unauthorized");
        } else if (server.clients.size >= clientConnectionsMax) accept(false, 503, "Busy");
        else accept(true);
      },
    });
    this.#server = server;
    server.on("connection", (socket) => this.#serve(socket));
    return new Promise((resolve, reject) => {
      server.once("listening", () => resolve((server.address() as AddressInfo).port));
      server.once("error", reject);
    });
  }

  stop(): Promise<void> {
    const server = this.#server;
    if (server === undefined) return Promise.resolve();
    for (const client of server.clients) client.terminate();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  #serve(socket: WebSocket): void {
    socket.on("error", () => undefined);
    const identity = localTokenIdentity;
    const session = sessionOf(socket);
    socket.on("message", (data: Buffer, binary) => {
      const reply = binary
        ? this.#refuse("bad_frame", "Binary frames are not accepted")
        : this.#answer(data.toString("utf8"), identity, session);
      void Promise.resolve(reply).then((message) => session.push(message));
    });
  }

  #answer(
    text: string,
    identity: ClientIdentity,
    session: ClientSession,
  ): ServerMessage | Promise<ServerMessage> {
    const request = decodeClientRequest(text);
    if (!request.ok) {
      const first = request.issues[0];
      return this.#refuse(first?.code ?? "bad_frame", first?.message ?? "Bad frame");
    }
    return this.handle(request.value, identity, session);
  }

  #refuse(code: Extract<ServerMessage, { kind: "error" }>["code"], message: string): ServerMessage {
    return { kind: "error", id: null, code, message };
  }
}
