import { assert } from "../../backend/base/index.js";
import { Outbox } from "../kernel/index.js";
import {
  dataHeader,
  decodeFrame,
  encodeChallenge,
  encodeData,
  encodeHello,
  encodeProof,
  frameVersion,
  nonceBytes,
} from "./core-frame.js";
import type { DataFrame, HelloFrame } from "./core-frame.js";

/** Cryptographic primitives, injected so this core stays pure (the host passes node:crypto's). */
export interface CryptoSuite {
  hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array;
  hkdfSha256(key: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array;
  /** AES-256-GCM: ciphertext followed by the 16-byte tag. */
  seal(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /** undefined when the tag does not verify. */
  open(
    key: Uint8Array,
    iv: Uint8Array,
    aad: Uint8Array,
    sealed: Uint8Array,
  ): Uint8Array | undefined;
  equal(left: Uint8Array, right: Uint8Array): boolean;
}

export type DropReason = "forged" | "replayed" | "truncated" | "oversized";
export type RefusalReason = "bad_proof" | "unexpected_frame" | "unknown_peer" | "bad_version";

export type SessionInput =
  /** The ws connection opened; `nonce` is 32 fresh random bytes from the host. */
  | { readonly kind: "opened"; readonly nonce: Uint8Array }
  | { readonly kind: "frame_received"; readonly bytes: Uint8Array }
  | { readonly kind: "send_requested"; readonly payload: Uint8Array };

export type SessionEffect =
  | { readonly kind: "transmit"; readonly bytes: Uint8Array }
  | { readonly kind: "established"; readonly peer: number; readonly link: number }
  | { readonly kind: "delivered"; readonly payload: Uint8Array }
  | { readonly kind: "dropped"; readonly reason: DropReason }
  /** The handshake failed: the host closes the connection. */
  | { readonly kind: "refused"; readonly reason: RefusalReason; readonly peer?: number };

export interface SessionConfig {
  readonly role: "dialer" | "acceptor";
  readonly localNodeId: number;
  /** Dialer: the node it dials; acceptor: the peers it admits. */
  readonly peers: readonly number[];
  /** Dialer only: the link it dials on. */
  readonly link: number;
  readonly authkey: Uint8Array;
  readonly crypto: CryptoSuite;
  readonly frameBytesMax: number;
}

interface DirectionKeys {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

type Phase =
  | { readonly name: "idle" }
  | { readonly name: "awaiting_hello"; readonly nonce: Uint8Array }
  | { readonly name: "awaiting_challenge"; readonly hello: Uint8Array }
  | {
      readonly name: "awaiting_proof";
      readonly hello: HelloFrame;
      readonly helloBytes: Uint8Array;
      readonly nonce: Uint8Array;
    }
  | { readonly name: "established"; readonly send: DirectionKeys; readonly receive: DirectionKeys }
  | { readonly name: "refused" };

const encoder = new TextEncoder();

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** 96-bit GCM nonce: the direction's derived IV with the frame sequence XORed into its tail. */
function frameIv(base: Uint8Array, seq: bigint): Uint8Array {
  const iv = base.slice();
  const view = new DataView(iv.buffer);
  view.setBigUint64(4, view.getBigUint64(4) ^ seq);
  return iv;
}

/**
 * One authenticated, encrypted node-to-node connection. Both ends prove they hold the authkey
 * with HMAC-SHA256 over fresh nonces before any payload moves; then each direction has its own
 * AES-256-GCM key (HKDF from the authkey and both nonces) and a strictly growing sequence, so
 * forged, replayed, truncated and oversized frames are dropped and reported, never delivered.
 */
export class SecureSession {
  #phase: Phase = { name: "idle" };
  #outbox = new Outbox<SessionEffect>();
  #sendSeq = 0n;
  #receiveSeq = 0n;
  #peer: number | undefined;
  #link: number;

  constructor(readonly config: SessionConfig) {
    assert(config.authkey.length >= 16, "the authkey has at least 16 bytes");
    this.#link = config.link;
  }

  get established(): boolean {
    return this.#phase.name === "established";
  }

  get peer(): number | undefined {
    return this.#peer;
  }

  /** The link the dialer named in its hello (the configured link for a dialer). */
  get link(): number {
    return this.#link;
  }

  step(input: SessionInput): void {
    switch (input.kind) {
      case "opened":
        return this.#onOpened(input.nonce);
      case "frame_received":
        return this.#onFrame(input.bytes);
      case "send_requested":
        return this.#onSend(input.payload);
    }
  }

  drain(): readonly SessionEffect[] {
    return this.#outbox.drain();
  }

  #onOpened(nonce: Uint8Array): void {
    assert(this.#phase.name === "idle" && nonce.length === nonceBytes, "opened once, with a nonce");
    if (this.config.role === "acceptor") {
      this.#phase = { name: "awaiting_hello", nonce };
      return;
    }
    const to = this.config.peers[0];
    assert(to !== undefined, "a dialer knows its peer");
    this.#peer = to;
    const hello = encodeHello({
      version: frameVersion,
      from: this.config.localNodeId,
      to,
      link: this.config.link,
      nonce,
    });
    this.#phase = { name: "awaiting_challenge", hello };
    this.#outbox.push({ kind: "transmit", bytes: hello });
  }

  #proof(label: string, hello: Uint8Array, acceptorNonce: Uint8Array): Uint8Array {
    return this.config.crypto.hmacSha256(
      this.config.authkey,
      concat(encoder.encode(label), hello, acceptorNonce),
    );
  }

  #keys(hello: Uint8Array, acceptorNonce: Uint8Array, direction: string): DirectionKeys {
    const material = this.config.crypto.hkdfSha256(
      this.config.authkey,
      concat(hello.subarray(11), acceptorNonce),
      concat(encoder.encode(`quorate transport ${direction}`), hello.subarray(0, 11)),
      44,
    );
    return { key: material.slice(0, 32), iv: material.slice(32) };
  }

  #refuse(reason: RefusalReason): void {
    this.#phase = { name: "refused" };
    this.#outbox.push(
      this.#peer === undefined
        ? { kind: "refused", reason }
        : { kind: "refused", reason, peer: this.#peer },
    );
  }

  #onFrame(bytes: Uint8Array): void {
    if (bytes.length > this.config.frameBytesMax) {
      this.#outbox.push({ kind: "dropped", reason: "oversized" });
      return;
    }
    const frame = decodeFrame(bytes);
    const phase = this.#phase;
    if (frame === "truncated") return this.#outbox.push({ kind: "dropped", reason: "truncated" });
    if (frame === "unknown") return this.#outbox.push({ kind: "dropped", reason: "forged" });
    if (phase.name === "established") {
      if (frame.kind === "data") return this.#onData(frame, phase.receive);
      return this.#outbox.push({ kind: "dropped", reason: "forged" });
    }
    if (phase.name === "awaiting_hello" && frame.kind === "hello")
      return this.#onHello(frame, bytes, phase.nonce);
    if (phase.name === "awaiting_challenge" && frame.kind === "challenge") {
      return this.#onChallenge(phase.hello, frame.nonce, frame.proof);
    }
    if (phase.name === "awaiting_proof" && frame.kind === "proof")
      return this.#onProof(phase, frame.proof);
    if (phase.name !== "refused") this.#refuse("unexpected_frame");
  }

  #onHello(hello: HelloFrame, helloBytes: Uint8Array, nonce: Uint8Array): void {
    this.#peer = hello.from;
    this.#link = hello.link;
    if (hello.version !== frameVersion) return this.#refuse("bad_version");
    if (hello.to !== this.config.localNodeId || !this.config.peers.includes(hello.from)) {
      return this.#refuse("unknown_peer");
    }
    const copy = helloBytes.slice();
    this.#phase = { name: "awaiting_proof", hello, helloBytes: copy, nonce };
    this.#outbox.push({
      kind: "transmit",
      bytes: encodeChallenge(nonce, this.#proof("acceptor", copy, nonce)),
    });
  }

  #onChallenge(hello: Uint8Array, acceptorNonce: Uint8Array, proof: Uint8Array): void {
    if (!this.config.crypto.equal(proof, this.#proof("acceptor", hello, acceptorNonce))) {
      return this.#refuse("bad_proof");
    }
    this.#outbox.push({
      kind: "transmit",
      bytes: encodeProof(this.#proof("dialer", hello, acceptorNonce)),
    });
    this.#phase = {
      name: "established",
      send: this.#keys(hello, acceptorNonce, "dialer to acceptor"),
      receive: this.#keys(hello, acceptorNonce, "acceptor to dialer"),
    };
    this.#outbox.push({
      kind: "established",
      peer: this.config.peers[0] ?? 0,
      link: this.config.link,
    });
  }

  #onProof(phase: Extract<Phase, { name: "awaiting_proof" }>, proof: Uint8Array): void {
    if (!this.config.crypto.equal(proof, this.#proof("dialer", phase.helloBytes, phase.nonce))) {
      return this.#refuse("bad_proof");
    }
    this.#phase = {
      name: "established",
      send: this.#keys(phase.helloBytes, phase.nonce, "acceptor to dialer"),
      receive: this.#keys(phase.helloBytes, phase.nonce, "dialer to acceptor"),
    };
    this.#outbox.push({ kind: "established", peer: phase.hello.from, link: phase.hello.link });
  }

  #onData(frame: DataFrame, keys: DirectionKeys): void {
    const payload = this.config.crypto.open(
      keys.key,
      frameIv(keys.iv, frame.seq),
      frame.header,
      frame.sealed,
    );
    if (payload === undefined) return this.#outbox.push({ kind: "dropped", reason: "forged" });
    if (frame.seq <= this.#receiveSeq)
      return this.#outbox.push({ kind: "dropped", reason: "replayed" });
    this.#receiveSeq = frame.seq;
    this.#outbox.push({ kind: "delivered", payload });
  }

  #onSend(payload: Uint8Array): void {
    const phase = this.#phase;
    assert(phase.name === "established", "payloads are sent on established sessions only");
    if (payload.length + 25 > this.config.frameBytesMax) {
      return this.#outbox.push({ kind: "dropped", reason: "oversized" });
    }
    this.#sendSeq += 1n;
    const header = dataHeader(this.#sendSeq);
    const sealed = this.config.crypto.seal(
      phase.send.key,
      frameIv(phase.send.iv, this.#sendSeq),
      header,
      payload,
    );
    this.#outbox.push({ kind: "transmit", bytes: encodeData(header, sealed) });
  }
}
