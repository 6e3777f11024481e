import { deflateSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { decodeCibMessage, encodeCibMessage } from "../../../daemons/cib/index.js";
import {
  cibCompressionBytesMin,
  packCibPayload,
  unpackCibPayload,
} from "../../../daemons/node/cib-compression.js";
import { transportLanDefaults } from "../../../daemons/transport/index.js";
import { bigCibText } from "../../e2e/compression/big-cib.js";

describe("CIB messages on the cluster bus", () => {
  const { text: cibXml } = bigCibText(20 * 1024 * 1024);
  const sync = encodeCibMessage({ kind: "sync", round: "1.8", cibXml });

  test("a whole-CIB sync of a 20 MB CIB goes compressed, within the 8 MiB frame, and comes back whole", () => {
    expect(sync.length).toBeGreaterThan(2 * transportLanDefaults.frameBytesMax);
    const packed = packCibPayload(sync);
    expect(packed.length).toBeLessThan(transportLanDefaults.frameBytesMax / 2);
    const unpacked = unpackCibPayload(packed);
    expect(unpacked.ok && unpacked.value === sync).toBe(true);
    const decoded = decodeCibMessage(unpacked.ok ? unpacked.value : "");
    expect(decoded.ok && decoded.value.kind === "sync" && decoded.value.cibXml === cibXml).toBe(
      true,
    );
  });

  test("messages below the threshold travel as they are, and pass through unpack unchanged", () => {
    const write = encodeCibMessage({ kind: "write", requestId: "1:7", patchsetXml: "<diff/>" });
    expect(packCibPayload(write)).toBe(write);
    expect(unpackCibPayload(write)).toEqual({ ok: true, value: write, issues: [] });
    const edge = `{"pad":"${"x".repeat(cibCompressionBytesMin)}"}`;
    expect(packCibPayload(edge)).not.toBe(edge);
    expect(unpackCibPayload(packCibPayload(edge))).toMatchObject({ ok: true, value: edge });
  });

  test("a damaged compressed payload is an issue, never a throw", () => {
    const packed = packCibPayload(sync);
    const truncated = unpackCibPayload(packed.slice(0, packed.length / 2));
    expect(truncated.ok).toBe(false);
    expect(truncated.issues[0]?.code).toBe("bad_cib_payload");
    expect(truncated.issues[0]?.message).toMatch(/^Dropped a compressed CIB message: /);
    expect(unpackCibPayload("z1:not base64 at all!").ok).toBe(false);
  });

  test("a payload that would inflate past the limit is refused, not expanded", () => {
    const bomb = `z1:${deflateSync(Buffer.alloc(4096 * 1024)).toString("base64")}`;
    const refused = unpackCibPayload(bomb, 1024 * 1024);
    expect(refused.ok).toBe(false);
    expect(refused.issues[0]?.message).toMatch(/Dropped a compressed CIB message/);
    expect(unpackCibPayload(bomb).ok).toBe(true);
  });
});
