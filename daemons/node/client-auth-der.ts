/**
 * The few ASN.1 DER encodings an X.509 certificate needs (ITU-T X.690): lengths, integers,
 * object identifiers, strings, times, and constructed types. Each returns complete TLV bytes.
 */

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function derTag(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), lengthBytes(content.length), content]);
}

export function derSequence(...items: readonly Buffer[]): Buffer {
  return derTag(0x30, Buffer.concat(items));
}

export function derSet(...items: readonly Buffer[]): Buffer {
  return derTag(0x31, Buffer.concat(items));
}

/** A non-negative integer from its big-endian magnitude (a 0 byte keeps the sign positive). */
export function derUnsignedInteger(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const positive = (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return derTag(0x02, positive.length === 0 ? Buffer.from([0]) : positive);
}

export function derSmallInteger(value: number): Buffer {
  return derUnsignedInteger(Buffer.from([value]));
}

export function derObjectIdentifier(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number);
  const bytes: number[] = [first * 40 + second];
  for (const arc of rest) {
    const groups: number[] = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) {
      groups.unshift(0x80 | (value & 0x7f));
    }
    bytes.push(...groups);
  }
  return derTag(0x06, Buffer.from(bytes));
}

export function derUtf8String(text: string): Buffer {
  return derTag(0x0c, Buffer.from(text, "utf8"));
}

export function derOctetString(content: Buffer): Buffer {
  return derTag(0x04, content);
}

/** A BIT STRING of whole bytes (no unused bits). */
export function derBitString(content: Buffer): Buffer {
  return derTag(0x03, Buffer.concat([Buffer.from([0]), content]));
}

export function derBoolean(value: boolean): Buffer {
  return derTag(0x01, Buffer.from([value ? 0xff : 0]));
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 §4.1.2.5). */
export function derTime(date: Date): Buffer {
  const text = date
    .toISOString()
    .replace(/[-:T]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const year = date.getUTCFullYear();
  return year < 2050
    ? derTag(0x17, Buffer.from(text.slice(2), "ascii"))
    : derTag(0x18, Buffer.from(text, "ascii"));
}

/** A context-specific tag: `[number] EXPLICIT` (constructed) or IMPLICIT primitive. */
export function derContext(number: number, content: Buffer, constructed: boolean): Buffer {
  return derTag((constructed ? 0xa0 : 0x80) | number, content);
}
