import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { SecureSession } from "../../../daemons/transport/core-session.js";
import type { SessionEffect } from "../../../daemons/transport/core-session.js";
import { nodeCrypto } from "../../../daemons/transport/crypto.js";

const authkey = new Uint8Array(randomBytes(256));
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const bytesOf = (value: string): Uint8Array => new TextEncoder().encode(value);

function session(role: "dialer" | "acceptor", key = authkey, frameBytesMax = 4096): SecureSession {
  return new SecureSession({
    role,
    localNodeId: role === "dialer" ? 1 : 2,
    peers: role === "dialer" ? [2] : [1, 3],
    link: 0,
    authkey: key,
    crypto: nodeCrypto,
    frameBytesMax,
  });
}

function transmitted(effects: readonly SessionEffect[]): Uint8Array[] {
  return effects.flatMap((effect) => (effect.kind === "transmit" ? [effect.bytes] : []));
}

/** Runs the handshake between two sessions, returning every effect each one produced. */
function connect(dialer: SecureSession, acceptor: SecureSession): SessionEffect[] {
  acceptor.step({ kind: "opened", nonce: new Uint8Array(randomBytes(32)) });
  dialer.step({ kind: "opened", nonce: new Uint8Array(randomBytes(32)) });
  const seen: SessionEffect[] = [];
  let toAcceptor = transmitted(dialer.drain());
  while (toAcceptor.length > 0) {
    for (const bytes of toAcceptor) acceptor.step({ kind: "frame_received", bytes });
    const fromAcceptor = acceptor.drain();
    seen.push(...fromAcceptor);
    for (const bytes of transmitted(fromAcceptor)) dialer.step({ kind: "frame_received", bytes });
    const fromDialer = dialer.drain();
    seen.push(...fromDialer);
    toAcceptor = transmitted(fromDialer);
  }
  return seen;
}

function seal(sender: SecureSession, payload: string): Uint8Array {
  sender.step({ kind: "send_requested", payload: bytesOf(payload) });
  const [frame] = transmitted(sender.drain());
  if (frame === undefined) throw new Error("nothing transmitted");
  return frame;
}

function receive(receiver: SecureSession, bytes: Uint8Array): readonly SessionEffect[] {
  receiver.step({ kind: "frame_received", bytes });
  return receiver.drain();
}

describe("SecureSession", () => {
  test("both ends prove the authkey, then payloads flow encrypted both ways", () => {
    const dialer = session("dialer");
    const acceptor = session("acceptor");
    const effects = connect(dialer, acceptor);
    expect(effects.filter((effect) => effect.kind === "established")).toEqual([
      { kind: "established", peer: 2, link: 0 },
      { kind: "established", peer: 1, link: 0 },
    ]);
    const frame = seal(dialer, "hello node2");
    expect(text(frame)).not.toContain("hello node2");
    expect(receive(acceptor, frame)).toEqual([
      { kind: "delivered", payload: bytesOf("hello node2") },
    ]);
    expect(receive(dialer, seal(acceptor, "back"))).toEqual([
      { kind: "delivered", payload: bytesOf("back") },
    ]);
  });

  test("a peer with another authkey is refused by both ends and nothing is delivered", () => {
    const dialer = session("dialer", new Uint8Array(randomBytes(256)));
    const acceptor = session("acceptor");
    const effects = connect(dialer, acceptor);
    expect(effects).toContainEqual({ kind: "refused", reason: "bad_proof", peer: 2 });
    expect(effects.some((effect) => effect.kind === "established")).toBe(false);
    expect(acceptor.established).toBe(false);
  });

  test("an acceptor whose key differs is caught by the dialer before any payload", () => {
    const dialer = session("dialer");
    const acceptor = session("acceptor", new Uint8Array(randomBytes(256)));
    const effects = connect(dialer, acceptor);
    expect(effects).toContainEqual({ kind: "refused", reason: "bad_proof", peer: 2 });
    expect(dialer.established).toBe(false);
  });

  test("forged, replayed, truncated and oversized frames are dropped and reported", () => {
    const dialer = session("dialer");
    const acceptor = session("acceptor", authkey, 200);
    connect(dialer, acceptor);
    const first = seal(dialer, "one");
    const forged = first.slice();
    forged[forged.length - 20] = (forged[forged.length - 20] ?? 0) ^ 1;
    expect(receive(acceptor, forged)).toEqual([{ kind: "dropped", reason: "forged" }]);
    expect(receive(acceptor, first)).toEqual([{ kind: "delivered", payload: bytesOf("one") }]);
    expect(receive(acceptor, first)).toEqual([{ kind: "dropped", reason: "replayed" }]);
    expect(receive(acceptor, seal(dialer, "two").subarray(0, 20))).toEqual([
      { kind: "dropped", reason: "truncated" },
    ]);
    expect(receive(acceptor, new Uint8Array(201))).toEqual([
      { kind: "dropped", reason: "oversized" },
    ]);
    const renumbered = seal(dialer, "three").slice();
    renumbered[8] = 99;
    expect(receive(acceptor, renumbered)).toEqual([{ kind: "dropped", reason: "forged" }]);
    expect(receive(acceptor, seal(dialer, "four"))).toEqual([
      { kind: "delivered", payload: bytesOf("four") },
    ]);
  });

  test("an acceptor refuses a data frame before the handshake and a hello from an unknown node", () => {
    const acceptor = session("acceptor");
    acceptor.step({ kind: "opened", nonce: new Uint8Array(32) });
    const early = receive(acceptor, new Uint8Array(40).fill(4));
    expect(early).toEqual([{ kind: "refused", reason: "unexpected_frame" }]);
    const stranger = new SecureSession({ ...session("dialer").config, localNodeId: 9 });
    const other = session("acceptor");
    expect(connect(stranger, other)).toContainEqual({
      kind: "refused",
      reason: "unknown_peer",
      peer: 9,
    });
  });
});
