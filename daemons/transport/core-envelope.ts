/**
 * The plaintext inside each data frame: [incarnation u32][message seq u64][payload]. The same
 * message can arrive on several links (link_mode active, or a resend after a link switch), so
 * the receiver keeps a window of seen sequence numbers per sender incarnation.
 */
export const envelopeHeaderBytes = 12;

export function encodeEnvelope(incarnation: number, seq: number, payload: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(envelopeHeaderBytes + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, incarnation);
  view.setBigUint64(4, BigInt(seq));
  bytes.set(payload, envelopeHeaderBytes);
  return bytes;
}

export interface Envelope {
  readonly incarnation: number;
  readonly seq: number;
  readonly payload: Uint8Array;
}

export function decodeEnvelope(bytes: Uint8Array): Envelope | undefined {
  if (bytes.length < envelopeHeaderBytes) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    incarnation: view.getUint32(0),
    seq: Number(view.getBigUint64(4)),
    payload: bytes.subarray(envelopeHeaderBytes),
  };
}

interface SenderWindow {
  incarnation: number;
  highest: number;
  seen: Set<number>;
}

/** Accepts each (sender, incarnation, seq) once; sequences older than the window are refused. */
export class DuplicateFilter {
  readonly #senders = new Map<number, SenderWindow>();
  constructor(readonly windowSize = 4096) {}

  accept(sender: number, envelope: Envelope): boolean {
    let window = this.#senders.get(sender);
    if (window === undefined || window.incarnation !== envelope.incarnation) {
      window = { incarnation: envelope.incarnation, highest: 0, seen: new Set() };
      this.#senders.set(sender, window);
    }
    if (envelope.seq <= window.highest - this.windowSize || window.seen.has(envelope.seq)) {
      return false;
    }
    window.seen.add(envelope.seq);
    window.highest = Math.max(window.highest, envelope.seq);
    if (window.seen.size > 2 * this.windowSize) {
      const floor = window.highest - this.windowSize;
      window.seen = new Set([...window.seen].filter((seq) => seq > floor));
    }
    return true;
  }
}
