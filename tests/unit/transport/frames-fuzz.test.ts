import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { expect, test } from "vitest";
import { decodeClientRequest, decodeServerMessage } from "../../../backend/protocol/index.js";
import { decodeMessage, decodeMessageText } from "../../../daemons/membership/index.js";
import { SecureSession } from "../../../daemons/transport/core-session.js";
import { nodeCrypto } from "../../../daemons/transport/crypto.js";

const authkey = new Uint8Array(randomBytes(256));

function established(): { dialer: SecureSession; acceptor: SecureSession } {
  const make = (role: "dialer" | "acceptor") =>
    new SecureSession({
      role,
      localNodeId: role === "dialer" ? 1 : 2,
      peers: role === "dialer" ? [2] : [1],
      link: 0,
      authkey,
      crypto: nodeCrypto,
      frameBytesMax: 4096,
    });
  const dialer = make("dialer");
  const acceptor = make("acceptor");
  acceptor.step({ kind: "opened", nonce: new Uint8Array(randomBytes(32)) });
  dialer.step({ kind: "opened", nonce: new Uint8Array(randomBytes(32)) });
  const pass = (from: SecureSession, to: SecureSession): void => {
    for (const effect of from.drain()) {
      if (effect.kind === "transmit") to.step({ kind: "frame_received", bytes: effect.bytes });
    }
  };
  pass(dialer, acceptor);
  pass(acceptor, dialer);
  pass(dialer, acceptor);
  acceptor.drain();
  expect(acceptor.established && dialer.established).toBe(true);
  return { dialer, acceptor };
}

test("no frame made without the session keys is ever delivered", () => {
  const { acceptor } = established();
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
      acceptor.step({ kind: "frame_received", bytes });
      expect(acceptor.drain().some((effect) => effect.kind === "delivered")).toBe(false);
    }),
    { numRuns: 2000 },
  );
});

test("bit flips anywhere in a real frame are caught", () => {
  const { dialer, acceptor } = established();
  fc.assert(
    fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (position, mask) => {
      dialer.step({ kind: "send_requested", payload: new TextEncoder().encode("payload") });
      const frame = dialer.drain().find((effect) => effect.kind === "transmit");
      if (frame?.kind !== "transmit") throw new Error("nothing sent");
      const bytes = frame.bytes.slice();
      const index = position % bytes.length;
      bytes[index] = (bytes[index] ?? 0) ^ mask;
      acceptor.step({ kind: "frame_received", bytes });
      expect(acceptor.drain().some((effect) => effect.kind === "delivered")).toBe(false);
    }),
    { numRuns: 500 },
  );
});

test("the wire decoders never throw on arbitrary input", () => {
  fc.assert(
    fc.property(fc.string(), fc.uint8Array({ maxLength: 300 }), (text, bytes) => {
      decodeClientRequest(text);
      decodeServerMessage(text);
      decodeMessageText(text);
      decodeMessage(bytes);
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = JSON.stringify(value);
      decodeClientRequest(text);
      decodeServerMessage(text);
      decodeMessageText(text);
      decodeMessage(value);
    }),
    { numRuns: 2000 },
  );
});
