import { randomBytes, randomInt } from "node:crypto";
import { WebSocketServer } from "ws";
import type WebSocket from "ws";
import type { LinkAddress, LinkMode } from "../../backend/corosync/index.js";
import { transportCounterNames } from "../../backend/protocol/index.js";
import type { TransportCounterName, TransportStatus } from "../../backend/protocol/index.js";
import { DuplicateFilter, decodeEnvelope, encodeEnvelope } from "./core-envelope.js";
import { SecureSession } from "./core-session.js";
import type { SessionEffect } from "./core-session.js";
import { nodeCrypto } from "./crypto.js";
import { OutboundLink } from "./outbound-link.js";
import { PeerChannel } from "./peer-channel.js";

export interface TransportPeer {
  readonly nodeid: number;
  readonly name: string;
  /** By link number; the port is always set here. */
  readonly addresses: readonly Required<LinkAddress>[];
}

export interface TransportOptions {
  readonly localNodeId: number;
  readonly listen: readonly Required<LinkAddress>[];
  readonly peers: readonly TransportPeer[];
  readonly authkey: Uint8Array;
  readonly linkMode: LinkMode;
  readonly linkPriorities: readonly number[];
  readonly frameBytesMax: number;
  readonly queueFramesMax: number;
  readonly reconnectDelayMsMin: number;
  readonly reconnectDelayMsMax: number;
  readonly pingIntervalMs: number;
  /** An inbound connection that has not proved the authkey by then is closed. */
  readonly handshakeTimeoutMs: number;
  readonly log: (text: string) => void;
}

/**
 * LAN limits: 8 MiB frames (a whole CIB fits in one message), 4096 queued payloads per peer,
 * reconnect 20 ms .. 500 ms, 5 s to finish a handshake.
 */
export const transportLanDefaults = {
  handshakeTimeoutMs: 5000,
  frameBytesMax: 8 * 1024 * 1024,
  queueFramesMax: 4096,
  reconnectDelayMsMin: 20,
  reconnectDelayMsMax: 500,
} as const;

function cutKey(peer: number, link: number): string {
  return `${peer}/${link}`;
}

function hostUrl(address: Required<LinkAddress>): string {
  const host = address.host.includes(":") ? `[${address.host}]` : address.host;
  return `ws://${host}:${address.port}/`;
}

/** Node-to-node messaging over ws: one server per own link address, one dialer per peer link. */
export class TransportHost {
  readonly #counters = new Map<TransportCounterName, number>(
    transportCounterNames.map((name) => [name, 0]),
  );
  readonly #channels = new Map<number, PeerChannel>();
  readonly #servers: WebSocketServer[] = [];
  readonly #inbound = new Set<{ socket: WebSocket; session: SecureSession }>();
  readonly #filter = new DuplicateFilter();
  readonly #incarnation = randomInt(1, 2 ** 32 - 1);
  readonly #cut = new Set<string>();
  #messageSeq = 0;
  #handler: (from: number, payload: Uint8Array) => void = () => undefined;
  #linkChanged: () => void = () => undefined;
  #reachability: (peer: number, reachable: boolean) => void = () => undefined;
  /** Peers reached at least once (a peer not started yet is not reported). */
  readonly #reached = new Set<number>();
  readonly #unreachable = new Set<number>();

  constructor(readonly options: TransportOptions) {
    for (const peer of options.peers) {
      const links = peer.addresses.map(
        (address, link) =>
          new OutboundLink(
            {
              url: hostUrl(address),
              session: this.#sessionConfig([peer.nodeid], link),
              reconnectDelayMsMin: options.reconnectDelayMsMin,
              reconnectDelayMsMax: options.reconnectDelayMsMax,
              pingIntervalMs: options.pingIntervalMs,
              sendBufferBytesMax: options.frameBytesMax * 8,
              handshakeTimeoutMs: options.handshakeTimeoutMs,
            },
            {
              changed: () => this.#onLinkChanged(peer.nodeid),
              effect: (effect) => this.#count(effect),
            },
          ),
      );
      const channel = new PeerChannel(links, {
        mode: options.linkMode,
        priorities: options.linkPriorities,
        queueFramesMax: options.queueFramesMax,
        onQueueFull: () => this.#increment("dropped_queue_full"),
      });
      this.#channels.set(peer.nodeid, channel);
    }
  }

  onMessage(handler: (from: number, payload: Uint8Array) => void): void {
    this.#handler = handler;
  }

  /** Called whenever a link to some peer goes up or down. */
  onLinkChanged(handler: () => void): void {
    this.#linkChanged = handler;
  }

  /**
   * Called with `false` when a peer reached before becomes provably unreachable (every link
   * down, every last reconnect refused: its process is gone), with `true` when a link to it is
   * established again after that.
   */
  onPeerReachability(handler: (peer: number, reachable: boolean) => void): void {
    this.#reachability = handler;
  }

  async start(): Promise<void> {
    await Promise.all(this.options.listen.map((address) => this.#listen(address)));
    for (const channel of this.#channels.values()) for (const link of channel.links) link.start();
  }

  send(to: number, payload: Uint8Array): void {
    const channel = this.#channels.get(to);
    if (channel === undefined || this.#fullyCut(to)) return;
    this.#messageSeq += 1;
    this.#increment("frames_sent");
    channel.send(encodeEnvelope(this.#incarnation, this.#messageSeq, payload));
  }

  /**
   * Test hook: the given links (all when omitted) to and from these peers go down and stay
   * down; an empty peer list heals every link.
   */
  cutLinks(peers: readonly number[], links?: readonly number[]): void {
    this.#cut.clear();
    for (const peer of peers) {
      const count = this.options.listen.length;
      for (const link of links ?? Array.from({ length: count }, (_, index) => index)) {
        this.#cut.add(cutKey(peer, link));
      }
    }
    for (const [nodeid, channel] of this.#channels) {
      for (const link of channel.links) link.setCut(this.#cut.has(cutKey(nodeid, link.link)));
    }
    for (const connection of this.#inbound) {
      const peer = connection.session.peer;
      const link = connection.session.link;
      if (peer !== undefined && this.#cut.has(cutKey(peer, link))) connection.socket.terminate();
    }
  }

  #fullyCut(peer: number): boolean {
    return this.options.listen.every((_, link) => this.#cut.has(cutKey(peer, link)));
  }

  status(): TransportStatus {
    const names = new Map(this.options.peers.map((peer) => [peer.nodeid, peer.name]));
    return {
      localNodeid: this.options.localNodeId,
      localAddresses: this.options.listen.map((address) => address.host),
      counters: Object.fromEntries(this.#counters) as TransportStatus["counters"],
      links: [...this.#channels].flatMap(([nodeid, channel]) =>
        channel.links.map((link) => ({
          peer: names.get(nodeid) ?? String(nodeid),
          peerNodeid: nodeid,
          link: link.link,
          connected: link.up,
        })),
      ),
    };
  }

  /** Stops dialing and listening; open links get `graceMs` to flush what was sent. */
  async stop(graceMs = 500): Promise<void> {
    const closed = this.#servers.map(
      (server) => new Promise<void>((resolve) => server.close(() => resolve())),
    );
    const links = [...this.#channels.values()].flatMap((channel) => channel.links);
    await Promise.all(links.map((link) => link.stop({ graceMs })));
    for (const connection of this.#inbound) connection.socket.terminate();
    for (const server of this.#servers) for (const client of server.clients) client.terminate();
    await Promise.all(closed);
  }

  #sessionConfig(peers: readonly number[], link: number): Omit<SecureSession["config"], "role"> {
    return {
      localNodeId: this.options.localNodeId,
      peers,
      link,
      authkey: this.options.authkey,
      crypto: nodeCrypto,
      frameBytesMax: this.options.frameBytesMax,
    };
  }

  #increment(name: TransportCounterName): void {
    this.#counters.set(name, (this.#counters.get(name) ?? 0) + 1);
  }

  #count(effect: SessionEffect): void {
    if (effect.kind === "dropped") this.#increment(`dropped_${effect.reason}`);
    if (effect.kind === "refused") {
      if (effect.peer !== undefined && this.#fullyCut(effect.peer)) return;
      this.#increment("handshakes_refused");
      this.options.log(`Refused a connection from node ${effect.peer ?? "?"}: ${effect.reason}`);
    }
  }

  #onLinkChanged(peer: number): void {
    const channel = this.#channels.get(peer);
    channel?.flush();
    if (channel !== undefined) this.#updateReachability(peer, channel);
    this.#linkChanged();
  }

  #updateReachability(peer: number, channel: PeerChannel): void {
    if (channel.up) {
      this.#reached.add(peer);
      if (this.#unreachable.delete(peer)) this.#reachability(peer, true);
    } else if (channel.unreachable && this.#reached.has(peer) && !this.#unreachable.has(peer)) {
      this.#unreachable.add(peer);
      this.#reachability(peer, false);
    }
  }

  #listen(address: Required<LinkAddress>): Promise<void> {
    const server = new WebSocketServer({
      host: address.host,
      port: address.port,
      maxPayload: this.options.frameBytesMax * 2,
    });
    this.#servers.push(server);
    server.on("connection", (socket) => this.#accept(socket));
    return new Promise((resolve, reject) => {
      server.once("listening", () => resolve());
      server.once("error", reject);
    });
  }

  #accept(socket: WebSocket): void {
    const inboundMax = this.options.peers.length * this.options.listen.length * 4 + 8;
    if (this.#inbound.size >= inboundMax) {
      this.#increment("handshakes_refused");
      socket.terminate();
      return;
    }
    const admitted = this.options.peers
      .map((peer) => peer.nodeid)
      .filter((nodeid) => !this.#fullyCut(nodeid));
    const session = new SecureSession({ ...this.#sessionConfig(admitted, 0), role: "acceptor" });
    const connection = { socket, session };
    this.#inbound.add(connection);
    const feed = (input: Parameters<SecureSession["step"]>[0]): void => {
      session.step(input);
      for (const effect of session.drain()) this.#performInbound(connection, effect);
    };
    socket.on("message", (data: Buffer, binary) => {
      feed({ kind: "frame_received", bytes: binary ? new Uint8Array(data) : new Uint8Array(1) });
    });
    socket.on("error", (error: Error & { code?: string }) => {
      if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") this.#increment("dropped_oversized");
    });
    const deadline = setTimeout(() => {
      if (session.established) return;
      this.#increment("handshakes_refused");
      socket.terminate();
    }, this.options.handshakeTimeoutMs);
    socket.on("close", () => {
      clearTimeout(deadline);
      this.#inbound.delete(connection);
    });
    feed({ kind: "opened", nonce: new Uint8Array(randomBytes(32)) });
  }

  #performInbound(
    connection: { socket: WebSocket; session: SecureSession },
    effect: SessionEffect,
  ): void {
    this.#count(effect);
    if (effect.kind === "transmit") connection.socket.send(effect.bytes, { binary: true });
    if (effect.kind === "refused") connection.socket.close();
    if (effect.kind === "established" && this.#cut.has(cutKey(effect.peer, effect.link))) {
      connection.socket.terminate();
    } else if (effect.kind === "established") {
      // The peer proved it is alive (it restarted): dial back now instead of after the backoff,
      // so the links, and with them the proof of a later death, are there at once.
      for (const link of this.#channels.get(effect.peer)?.links ?? []) link.dialNow();
    }
    if (effect.kind !== "delivered") return;
    const from = connection.session.peer;
    const envelope = decodeEnvelope(effect.payload);
    const link = connection.session.link;
    if (from === undefined || envelope === undefined || this.#cut.has(cutKey(from, link))) return;
    if (!this.#filter.accept(from, envelope)) return;
    this.#increment("frames_delivered");
    this.#handler(from, envelope.payload);
  }
}
