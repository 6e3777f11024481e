import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  timingSafeEqual,
} from "node:crypto";
import type { CryptoSuite } from "./core-session.js";

const tagBytes = 16;

/** The CryptoSuite the host gives the session core: node:crypto's HMAC, HKDF and AES-256-GCM. */
export const nodeCrypto: CryptoSuite = {
  hmacSha256: (key, data) => new Uint8Array(createHmac("sha256", key).update(data).digest()),
  hkdfSha256: (key, salt, info, length) =>
    new Uint8Array(hkdfSync("sha256", key, salt, info, length)),
  seal: (key, iv, aad, plaintext) => {
    const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: tagBytes });
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  },
  open: (key, iv, aad, sealed) => {
    if (sealed.length < tagBytes) return undefined;
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: tagBytes });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
    try {
      const body = Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - tagBytes)),
        decipher.final(),
      ]);
      return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    } catch {
      return undefined;
    }
  },
  equal: (left, right) => left.length === right.length && timingSafeEqual(left, right),
};
