import { deflateSync, inflateSync } from "node:zlib";
import type { PerMessageDeflateOptions } from "ws";
import { fail, ok, type Result } from "../../backend/base/index.js";
import { clientCompressionBytesMin } from "../../backend/protocol/index.js";

/**
 * Big CIB messages travel compressed, as Pacemaker compresses large cluster messages (its
 * `compression_threshold`): a whole-CIB sync of a 20 MB CIB is ~1.8 MB on the bus, within the
 * transport's 8 MiB frame. Done in the host, around the pure CibReplica's payloads.
 */

/** Payloads at least this long (characters of JSON) are compressed on the cluster bus. */
export const cibCompressionBytesMin = 128 * 1024;
/** What a compressed payload may expand to: a peer's message never inflates past this. */
export const cibPayloadBytesMax = 256 * 1024 * 1024;
/** Marks a compressed payload; an uncompressed one is JSON and starts with `{`. */
const compressedMarker = "z1:";
/** zlib's fastest level: ~110 ms for 20 MB of CIB JSON, about 15 times smaller. */
const deflateLevel = 1;

export type CibPayloadCode = "bad_cib_payload";

/** The payload as it goes on the bus: as is when small, else deflated and in base64. */
export function packCibPayload(payload: string): string {
  if (payload.length < cibCompressionBytesMin) return payload;
  const packed = deflateSync(payload, { level: deflateLevel }).toString("base64");
  return `${compressedMarker}${packed}`;
}

/**
 * The payload a peer meant: inflated when it came compressed; an issue when it is damaged or
 * would inflate past `bytesMax`.
 */
export function unpackCibPayload(
  payload: string,
  bytesMax = cibPayloadBytesMax,
): Result<string, CibPayloadCode> {
  if (!payload.startsWith(compressedMarker)) return ok(payload);
  const bytes = Buffer.from(payload.slice(compressedMarker.length), "base64");
  try {
    return ok(inflateSync(bytes, { maxOutputLength: bytesMax }).toString("utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail([
      { code: "bad_cib_payload", message: `Dropped a compressed CIB message: ${reason}` },
    ]);
  }
}

/**
 * The client channel's permessage-deflate: frames from `clientCompressionBytesMin` on (a
 * whole-CIB query answer or replace) are deflated, off the event loop (ws uses zlib's thread
 * pool); no context is kept between frames, so an idle subscriber holds no zlib memory.
 */
export const clientChannelDeflate: PerMessageDeflateOptions = {
  threshold: clientCompressionBytesMin,
  zlibDeflateOptions: { level: deflateLevel },
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
};
