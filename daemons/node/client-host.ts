import { createServer as createHttpServer } from "node:http";
import type { IncomingMessage, Server as HttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import type WebSocket from "ws";
import {
  clientFrameBytesMax,
  decodeClientRequest,
  encodeMessage,
} from "../../backend/protocol/index.js";
import type { ClientRequest, ServerMessage } from "../../backend/protocol/index.js";
import { clientChannelDeflate } from "./cib-compression.js";
import { ClientAuthenticator } from "./client-auth.js";
import type { ClientIdentity, ClientSession } from "./client-handlers.js";
import type { Log } from "./log.js";
import type { UsersStore } from "./users-store.js";

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

/**
 * The client channel: a ws endpoint on 127.0.0.1 (wss on any other address), separate from the
 * node-to-node ports, open
 * only to clients presenting the node's client token (root) or a cluster user's password
 * (that user, held to the CIB's ACLs). Every frame is size-limited and
 * validated; bad frames get an `error` reply with a stable code.
 */
export class ClientHost {
  #server: WebSocketServer | undefined;
  #listener: HttpServer | HttpsServer | undefined;
  readonly #identities = new WeakMap<IncomingMessage, ClientIdentity>();
  readonly #authenticator: ClientAuthenticator;

  constructor(
    readonly options: {
      readonly port: number;
      readonly token: string;
      readonly log: Log;
      /** The cluster users file: password logins (HTTP Basic) are checked against it. */
      readonly users?: UsersStore;
      /** Where to listen; 127.0.0.1 unless the node serves clients on another address. */
      readonly address?: string;
      /** Serve wss with this key and certificate (PEM); plain ws without. */
      readonly tls?: { readonly key: string; readonly cert: string };
    },
    readonly handle: ClientHandler,
  ) {
    const { token, log } = options;
    this.#authenticator = new ClientAuthenticator({ token, users: options.users, log });
  }

  /** Logins refused (bad token, unknown user or wrong password) since the channel started. */
  get refusals(): number {
    return this.#authenticator.refusals;
  }

  /** Listens and resolves with the bound port. */
  start(): Promise<number> {
    const tls = this.options.tls;
    const listener =
      tls === undefined ? createHttpServer() : createHttpsServer({ key: tls.key, cert: tls.cert });
    const server = new WebSocketServer({
      server: listener,
      maxPayload: clientFrameBytesMax,
      perMessageDeflate: clientChannelDeflate,
      verifyClient: (
        info: { req: IncomingMessage },
        accept: (allowed: boolean, code?: number, message?: string) => void,
      ) => {
        if (server.clients.size >= clientConnectionsMax) return accept(false, 503, "Busy");
        const peer = info.req.socket.remoteAddress ?? "unknown";
        void this.#authenticator.authenticate(info.req.headers, peer).then(
          (identity) => {
            if (identity === "busy") return accept(false, 503, "Busy");
            if (identity === undefined) return accept(false, 401, "Unauthorized");
            this.#identities.set(info.req, identity);
            accept(true);
          },
          () => accept(false, 401, "Unauthorized"),
        );
      },
    });
    this.#server = server;
    this.#listener = listener;
    server.on("connection", (socket, request) => {
      const identity = this.#identities.get(request);
      if (identity === undefined) socket.terminate();
      else this.#serve(socket, identity);
    });
    return new Promise((resolve, reject) => {
      listener.once("error", reject);
      listener.listen(this.options.port, this.options.address ?? "127.0.0.1", () =>
        resolve((listener.address() as AddressInfo).port),
      );
    });
  }

  stop(): Promise<void> {
    const server = this.#server;
    const listener = this.#listener;
    if (server === undefined || listener === undefined) return Promise.resolve();
    for (const client of server.clients) client.terminate();
    return new Promise((resolve) => server.close(() => listener.close(() => resolve())));
  }

  #serve(socket: WebSocket, identity: ClientIdentity): void {
    socket.on("error", () => undefined);
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
