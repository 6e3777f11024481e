/**
 * MD5 (RFC 1321) in plain TypeScript: the pure areas may not import node:crypto, and Pacemaker's
 * CIB digests are MD5 hex strings. Input is encoded as UTF-8.
 */

const shifts = Int32Array.of(
  7,
  12,
  17,
  22,
  7,
  12,
  17,
  22,
  7,
  12,
  17,
  22,
  7,
  12,
  17,
  22,
  5,
  9,
  14,
  20,
  5,
  9,
  14,
  20,
  5,
  9,
  14,
  20,
  5,
  9,
  14,
  20,
  4,
  11,
  16,
  23,
  4,
  11,
  16,
  23,
  4,
  11,
  16,
  23,
  4,
  11,
  16,
  23,
  6,
  10,
  15,
  21,
  6,
  10,
  15,
  21,
  6,
  10,
  15,
  21,
  6,
  10,
  15,
  21,
);

const constants = Int32Array.from(
  { length: 64 },
  (_, index) => Math.floor(Math.abs(Math.sin(index + 1)) * 2 ** 32) | 0,
);

const encoder = new TextEncoder();

/** The message padded to a multiple of 64 bytes, as little-endian 32-bit words. */
function paddedWords(bytes: Uint8Array): Int32Array {
  const total = (((bytes.length + 8) >> 6) + 1) * 64;
  const padded = new Uint8Array(total);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const words = new Int32Array(total / 4);
  for (let index = 0, offset = 0; index < words.length; index += 1, offset += 4) {
    words[index] =
      (padded[offset] ?? 0) |
      ((padded[offset + 1] ?? 0) << 8) |
      ((padded[offset + 2] ?? 0) << 16) |
      ((padded[offset + 3] ?? 0) << 24);
  }
  const bitLength = bytes.length * 8;
  words[words.length - 2] = bitLength | 0;
  words[words.length - 1] = Math.floor(bitLength / 2 ** 32) | 0;
  return words;
}

function hexLittleEndian(word: number): string {
  let text = "";
  for (let shift = 0; shift < 32; shift += 8) {
    text += ((word >>> shift) & 0xff).toString(16).padStart(2, "0");
  }
  return text;
}

/** One 64-byte block: the four rounds of RFC 1321 on `state`, in place. */
function compressBlock(state: Int32Array, words: Int32Array, block: number): void {
  let a = state[0] ?? 0;
  let b = state[1] ?? 0;
  let c = state[2] ?? 0;
  let d = state[3] ?? 0;
  for (let index = 0; index < 64; index += 1) {
    let mixed: number;
    let wordIndex: number;
    if (index < 16) {
      mixed = (b & c) | (~b & d);
      wordIndex = index;
    } else if (index < 32) {
      mixed = (d & b) | (~d & c);
      wordIndex = (5 * index + 1) & 15;
    } else if (index < 48) {
      mixed = b ^ c ^ d;
      wordIndex = (3 * index + 5) & 15;
    } else {
      mixed = c ^ (b | ~d);
      wordIndex = (7 * index) & 15;
    }
    const sum = (a + mixed + (constants[index] ?? 0) + (words[block + wordIndex] ?? 0)) | 0;
    const shift = shifts[index] ?? 0;
    a = d;
    d = c;
    c = b;
    b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
  }
  state[0] = ((state[0] ?? 0) + a) | 0;
  state[1] = ((state[1] ?? 0) + b) | 0;
  state[2] = ((state[2] ?? 0) + c) | 0;
  state[3] = ((state[3] ?? 0) + d) | 0;
}

/** MD5 of the UTF-8 bytes of `text`, as 32 lowercase hex characters. */
export function md5Hex(text: string): string {
  const words = paddedWords(encoder.encode(text));
  const state = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476);
  for (let block = 0; block < words.length; block += 16) compressBlock(state, words, block);
  return [...state].map(hexLittleEndian).join("");
}
