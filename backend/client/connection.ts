import WebSocket from "ws";
import {
  clientCompressionBytesMin,
  clientFrameBytesMax,
  clientTokenHeader,
  decodeServerMessage,
  encodeMessage,
} from "../protocol/index.js";
import type { ClientRequest, ServerMessage } from "../protocol/index.js";
import { ClientError } from "./client-error.js";

type RequestBody = ClientRequest extends infer R
  ? R extends ClientRequest
    ? Omit<R, "id">
    : never
  : never;

interface Pending {
  readonly resolve: (message: ServerMessage) => void;
  readonly reject: (error: ClientError) => void;
  readonly timer: NodeJS.Timeout;
}

/** A cluster user's name and password (CRM_USER, CRM_PASSWORD or CRM_PASSWORD_FILE). */
export interface ClientCredentials {
  readonly user: string;
  readonly password: string;
}

function basicAuthorization(credentials: ClientCredentials): Record<string, string> {
  const encoded = Buffer.from(`${credentials.user}:${credentials.password}`, "utf8").toString(
    "base64",
  );
  return { authorization: `Basic ${encoded}` };
}

/** A frame the node pushes without a request (id null), such as `cib_changed`. */
export type PushedMessage = Extract<ServerMessage, { id: null }>;

/** One authenticated ws connection to a node's client channel. */
export class ClientConnection {
  readonly #pending = new Map<number, Pending>();
  readonly #pushListeners = new Set<(message: PushedMessage) => void>();
  #nextId = 1;
  #bytesSent = 0;

  private constructor(
    readonly url: string,
    readonly socket: WebSocket,
    readonly timeoutMs: number,
  ) {
    socket.on("message", (data: Buffer) => this.#onMessage(data.toString("utf8")));
    socket.on("close", () =>
      this.#failAll(new ClientError("closed", "The node closed the connection")),
    );
  }

  static open(
    url: string,
    options: {
      readonly token: string;
      readonly timeoutMs?: number;
      /** A cluster user's login instead of the token (HTTP Basic on the upgrade). */
      readonly credentials?: ClientCredentials | undefined;
      /** PEM certificate(s) to trust for wss (the node's self-signed certificate). */
      readonly ca?: string | undefined;
    },
  ): Promise<ClientConnection> {
    const timeoutMs = options.timeoutMs ?? 5000;
    const credentials = options.credentials;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, {
        headers:
          credentials === undefined
            ? { [clientTokenHeader]: options.token }
            : basicAuthorization(credentials),
        maxPayload: clientFrameBytesMax,
        // Big frames (a whole CIB) deflated when the node accepts the extension.
        perMessageDeflate: {
          threshold: clientCompressionBytesMin,
          zlibDeflateOptions: { level: 1 },
          clientNoContextTakeover: true,
          serverNoContextTakeover: true,
        },
        handshakeTimeout: timeoutMs,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
      });
      socket.once("open", () => resolve(new ClientConnection(url, socket, timeoutMs)));
      socket.once("unexpected-response", (_request, response) => {
        socket.terminate();
        const unauthorized = response.statusCode === 401;
        const code = unauthorized ? "unauthorized" : "unreachable";
        const text = unauthorized
          ? credentials === undefined
            ? "The node refused the client token"
            : `The node refused the login of user "${credentials.user}" (wrong user or password)`
          : `The node answered HTTP ${response.statusCode}`;
        reject(new ClientError(code, text));
      });
      socket.once("error", (error) =>
        reject(new ClientError("unreachable", `Cannot reach ${url}: ${error.message}`)),
      );
    });
  }

  /** Sends one request and resolves with its reply (an `error` reply rejects with its code). */
  request(body: RequestBody): Promise<ServerMessage> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new ClientError("timeout", `No answer to ${body.kind} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      const frame = encodeMessage({ ...body, id } as ClientRequest);
      this.#bytesSent += Buffer.byteLength(frame, "utf8");
      this.socket.send(frame);
    });
  }

  /** Bytes of the request frames sent so far (before any compression on the socket). */
  get bytesSent(): number {
    return this.#bytesSent;
  }

  /** Hears every pushed frame (subscriptions); returns the function that stops hearing. */
  onPushed(listener: (message: PushedMessage) => void): () => void {
    this.#pushListeners.add(listener);
    return () => this.#pushListeners.delete(listener);
  }

  /** Hears the connection end (the node stopped or the socket closed). */
  onClosed(listener: () => void): void {
    this.socket.on("close", listener);
  }

  close(): void {
    this.socket.close();
  }

  #onMessage(text: string): void {
    const decoded = decodeServerMessage(text);
    if (!decoded.ok) {
      this.#failAll(new ClientError("bad_reply", decoded.issues[0]?.message ?? "Bad reply"));
      this.socket.terminate();
      return;
    }
    const message = decoded.value;
    const pending = message.id === null ? undefined : this.#pending.get(message.id);
    if (pending === undefined) {
      if (message.kind === "error") this.#failAll(new ClientError(message.code, message.message));
      else if (message.id === null) for (const listener of this.#pushListeners) listener(message);
      return;
    }
    this.#pending.delete(message.id ?? 0);
    clearTimeout(pending.timer);
    if (message.kind === "error") pending.reject(new ClientError(message.code, message.message));
    else pending.resolve(message);
  }

  #failAll(error: ClientError): void {
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
  }
}
