import { randomBytes } from "node:crypto";
import WebSocket from "ws";
import { SecureSession } from "./core-session.js";
import type { SessionConfig, SessionEffect } from "./core-session.js";

export interface OutboundLinkEvents {
  readonly changed: () => void;
  readonly effect: (effect: SessionEffect) => void;
}

export interface OutboundLinkOptions {
  readonly url: string;
  readonly session: Omit<SessionConfig, "role">;
  readonly reconnectDelayMsMin: number;
  readonly reconnectDelayMsMax: number;
  readonly pingIntervalMs: number;
  readonly sendBufferBytesMax: number;
  /** A peer that accepts TCP but never completes the ws upgrade is given up after this. */
  readonly handshakeTimeoutMs: number;
}

/** Errors of a connect that the peer's host answered actively: nothing listens on the port. */
const refusalCodes: ReadonlySet<string> = new Set(["ECONNREFUSED", "ECONNRESET"]);

/**
 * One link to one peer, dialed by this node and used to send to it: reconnects with
 * exponential backoff, pings to notice a silent peer, and runs a SecureSession over the socket.
 * It also tells whether its last connection attempt was actively refused before it opened
 * (connection refused or reset: the peer's host is up but its process is gone), as opposed to
 * a timeout, a silent peer or a failed handshake, which prove nothing.
 */
export class OutboundLink {
  #socket: WebSocket | undefined;
  #session: SecureSession | undefined;
  #timer: NodeJS.Timeout | undefined;
  #pinger: NodeJS.Timeout | undefined;
  #delayMs: number;
  #stopped = false;
  #cut = false;
  #refused = false;

  constructor(
    readonly options: OutboundLinkOptions,
    readonly events: OutboundLinkEvents,
  ) {
    this.#delayMs = options.reconnectDelayMsMin;
  }

  get up(): boolean {
    return this.#session?.established === true && this.#socket?.readyState === WebSocket.OPEN;
  }

  get link(): number {
    return this.options.session.link;
  }

  /** The last attempt was refused before the socket opened, and none has opened since. */
  get refused(): boolean {
    return this.#refused;
  }

  start(): void {
    if (this.#stopped || this.#cut || this.#socket !== undefined) return;
    const socket = new WebSocket(this.options.url, {
      maxPayload: this.options.session.frameBytesMax * 2,
      handshakeTimeout: this.options.handshakeTimeoutMs,
    });
    socket.binaryType = "nodebuffer";
    const session = new SecureSession({ ...this.options.session, role: "dialer" });
    this.#socket = socket;
    this.#session = session;
    let awaitingPong = false;
    let opened = false;
    let refusal = false;
    socket.on("open", () => {
      opened = true;
      this.#feed(session, { kind: "opened", nonce: new Uint8Array(randomBytes(32)) });
      this.#pinger = setInterval(() => {
        if (awaitingPong) socket.terminate();
        awaitingPong = true;
        socket.ping();
      }, this.options.pingIntervalMs);
    });
    socket.on("pong", () => (awaitingPong = false));
    socket.on("message", (data: Buffer, binary) => {
      const bytes = binary ? new Uint8Array(data) : new Uint8Array(1);
      this.#feed(session, { kind: "frame_received", bytes });
    });
    socket.on("error", (error: Error & { code?: string }) => {
      if (!opened && refusalCodes.has(error.code ?? "")) refusal = true;
    });
    socket.on("close", () => this.#onClosed(socket, refusal));
  }

  /** Skips the rest of the reconnect backoff (the peer was just heard from). */
  dialNow(): void {
    if (this.#socket !== undefined || this.#stopped || this.#cut) return;
    clearTimeout(this.#timer);
    this.#delayMs = this.options.reconnectDelayMsMin;
    this.start();
  }

  /** Sends one payload; false when the link is down or its send buffer is full. */
  send(payload: Uint8Array): boolean {
    const session = this.#session;
    if (!this.up || session === undefined) return false;
    if ((this.#socket?.bufferedAmount ?? 0) > this.options.sendBufferBytesMax) return false;
    this.#feed(session, { kind: "send_requested", payload });
    return true;
  }

  /** Fault injection: a cut link stays down until healed. */
  setCut(cut: boolean): void {
    this.#cut = cut;
    this.#refused = false;
    if (cut) this.#socket?.terminate();
    else this.start();
  }

  /** Closes gracefully, so frames already handed to the socket (a leave) still go out. */
  stop(options: { readonly graceMs: number }): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearInterval(this.#pinger);
    const socket = this.#socket;
    if (socket === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => socket.terminate(), options.graceMs);
      socket.once("close", () => {
        clearTimeout(force);
        resolve();
      });
      if (socket.readyState === WebSocket.OPEN) socket.close(1001);
      else socket.terminate();
    });
  }

  #feed(session: SecureSession, input: Parameters<SecureSession["step"]>[0]): void {
    session.step(input);
    for (const effect of session.drain()) {
      if (effect.kind === "transmit") this.#socket?.send(effect.bytes, { binary: true });
      else if (effect.kind === "refused") this.#socket?.close();
      if (effect.kind === "established") {
        this.#delayMs = this.options.reconnectDelayMsMin;
        this.#refused = false;
      }
      this.events.effect(effect);
      if (effect.kind === "established") this.events.changed();
    }
  }

  #onClosed(socket: WebSocket, refusal: boolean): void {
    if (this.#socket !== socket) return;
    clearInterval(this.#pinger);
    const wasUp = this.#session?.established === true;
    const wasRefused = this.#refused;
    this.#socket = undefined;
    this.#session = undefined;
    this.#refused = refusal && !this.#stopped && !this.#cut;
    if (wasUp || wasRefused !== this.#refused) this.events.changed();
    if (this.#stopped || this.#cut) return;
    this.#timer = setTimeout(() => this.start(), this.#delayMs);
    this.#delayMs = Math.min(this.#delayMs * 2, this.options.reconnectDelayMsMax);
  }
}
