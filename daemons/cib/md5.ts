/**
 * MD5 (RFC 1321) in plain TypeScript: the pure areas may not import node:crypto, and Pacemaker's
 * CIB digests are MD5 hex strings. Input is encoded as UTF-8.
 */

const shifts = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14,
  20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6,
  10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];

const constants = Array.from(
  { length: 64 },
  (_, index) => Math.floor(Math.abs(Math.sin(index + 1)) * 2 ** 32) >>> 0,
);

function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    } else {
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      );
    }
  }
  return bytes;
}

/** The message padded to a multiple of 64 bytes, as little-endian 32-bit words. */
function paddedWords(bytes: number[]): Uint32Array {
  const bitLength = bytes.length * 8;
  const total = (((bytes.length + 8) >> 6) + 1) * 64;
  const words = new Uint32Array(total / 4);
  for (let index = 0; index < bytes.length; index += 1) {
    words[index >> 2] = (words[index >> 2] ?? 0) | ((bytes[index] ?? 0) << ((index % 4) * 8));
  }
  const end = bytes.length;
  words[end >> 2] = (words[end >> 2] ?? 0) | (0x80 << ((end % 4) * 8));
  words[words.length - 2] = bitLength >>> 0;
  words[words.length - 1] = Math.floor(bitLength / 2 ** 32) >>> 0;
  return words;
}

function mixRound(index: number, b: number, c: number, d: number): [number, number] {
  if (index < 16) return [(b & c) | (~b & d), index];
  if (index < 32) return [(d & b) | (~d & c), (5 * index + 1) % 16];
  if (index < 48) return [b ^ c ^ d, (3 * index + 5) % 16];
  return [c ^ (b | ~d), (7 * index) % 16];
}

function hexLittleEndian(word: number): string {
  let text = "";
  for (let shift = 0; shift < 32; shift += 8) {
    text += ((word >>> shift) & 0xff).toString(16).padStart(2, "0");
  }
  return text;
}

/** MD5 of the UTF-8 bytes of `text`, as 32 lowercase hex characters. */
export function md5Hex(text: string): string {
  const words = paddedWords(utf8Bytes(text));
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let block = 0; block < words.length; block += 16) {
    let [a, b, c, d] = state as [number, number, number, number];
    for (let index = 0; index < 64; index += 1) {
      const [mixed, wordIndex] = mixRound(index, b, c, d);
      const sum = (a + mixed + (constants[index] ?? 0) + (words[block + wordIndex] ?? 0)) >>> 0;
      const shift = shifts[index] ?? 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) >>> 0;
    }
    state[0] = ((state[0] ?? 0) + a) >>> 0;
    state[1] = ((state[1] ?? 0) + b) >>> 0;
    state[2] = ((state[2] ?? 0) + c) >>> 0;
    state[3] = ((state[3] ?? 0) + d) >>> 0;
  }
  return state.map(hexLittleEndian).join("");
}
