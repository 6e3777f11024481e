/**
 * Node-to-node frame layout (binary ws frames). Pure: byte layout only, no crypto.
 *
 *   hello      [1][version][from u32][to u32][link][nonce 32]
 *   challenge  [2][nonce 32][proof 32]
 *   proof      [3][proof 32]
 *   data       [4][seq u64][AES-256-GCM ciphertext][tag 16]
 */
export const frameVersion = 1;
export const nonceBytes = 32;
export const proofBytes = 32;
export const tagBytes = 16;
export const dataHeaderBytes = 9;

export const frameType = { hello: 1, challenge: 2, proof: 3, data: 4 } as const;

export interface HelloFrame {
  readonly kind: "hello";
  readonly version: number;
  readonly from: number;
  readonly to: number;
  readonly link: number;
  readonly nonce: Uint8Array;
}
export interface ChallengeFrame {
  readonly kind: "challenge";
  readonly nonce: Uint8Array;
  readonly proof: Uint8Array;
}
export interface ProofFrame {
  readonly kind: "proof";
  readonly proof: Uint8Array;
}
export interface DataFrame {
  readonly kind: "data";
  readonly seq: bigint;
  /** The header bytes, authenticated as additional data. */
  readonly header: Uint8Array;
  readonly sealed: Uint8Array;
}
export type Frame = HelloFrame | ChallengeFrame | ProofFrame | DataFrame;

export function encodeHello(hello: Omit<HelloFrame, "kind">): Uint8Array {
  const bytes = new Uint8Array(11 + nonceBytes);
  const view = new DataView(bytes.buffer);
  bytes[0] = frameType.hello;
  bytes[1] = hello.version;
  view.setUint32(2, hello.from);
  view.setUint32(6, hello.to);
  bytes[10] = hello.link;
  bytes.set(hello.nonce, 11);
  return bytes;
}

export function encodeChallenge(nonce: Uint8Array, proof: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(1 + nonceBytes + proofBytes);
  bytes[0] = frameType.challenge;
  bytes.set(nonce, 1);
  bytes.set(proof, 1 + nonceBytes);
  return bytes;
}

export function encodeProof(proof: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(1 + proofBytes);
  bytes[0] = frameType.proof;
  bytes.set(proof, 1);
  return bytes;
}

export function dataHeader(seq: bigint): Uint8Array {
  const header = new Uint8Array(dataHeaderBytes);
  header[0] = frameType.data;
  new DataView(header.buffer).setBigUint64(1, seq);
  return header;
}

export function encodeData(header: Uint8Array, sealed: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(header.length + sealed.length);
  bytes.set(header, 0);
  bytes.set(sealed, header.length);
  return bytes;
}

/** "truncated" when the frame is shorter than its type requires, "unknown" for a bad type. */
export type FrameDecodeError = "truncated" | "unknown";

const exactLength: Readonly<Record<number, number>> = {
  [frameType.hello]: 11 + nonceBytes,
  [frameType.challenge]: 1 + nonceBytes + proofBytes,
  [frameType.proof]: 1 + proofBytes,
};

export function decodeFrame(bytes: Uint8Array): Frame | FrameDecodeError {
  const type = bytes[0];
  if (type === undefined) return "truncated";
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === frameType.data) {
    if (bytes.length < dataHeaderBytes + tagBytes) return "truncated";
    return {
      kind: "data",
      seq: view.getBigUint64(1),
      header: bytes.subarray(0, dataHeaderBytes),
      sealed: bytes.subarray(dataHeaderBytes),
    };
  }
  const length = exactLength[type];
  if (length === undefined) return "unknown";
  if (bytes.length !== length) return "truncated";
  if (type === frameType.hello) {
    return {
      kind: "hello",
      version: bytes[1] ?? 0,
      from: view.getUint32(2),
      to: view.getUint32(6),
      link: bytes[10] ?? 0,
      nonce: bytes.slice(11),
    };
  }
  if (type === frameType.challenge) {
    return {
      kind: "challenge",
      nonce: bytes.slice(1, 1 + nonceBytes),
      proof: bytes.slice(1 + nonceBytes),
    };
  }
  return { kind: "proof", proof: bytes.slice(1) };
}
