import { describe, expect, test } from "vitest";
import {
  derBitString,
  derObjectIdentifier,
  derSequence,
  derTime,
  derUnsignedInteger,
} from "../../../daemons/node/client-auth-der.js";

const hex = (bytes: Buffer): string => bytes.toString("hex");

describe("DER encoding for certificates", () => {
  test("object identifiers, with multi-byte arcs", () => {
    expect(hex(derObjectIdentifier("1.2.840.10045.4.3.2"))).toBe("06082a8648ce3d040302");
    expect(hex(derObjectIdentifier("2.5.29.17"))).toBe("0603551d11");
  });

  test("unsigned integers keep a leading zero when the high bit is set, drop extra zeros", () => {
    expect(hex(derUnsignedInteger(Buffer.from([0x80])))).toBe("02020080");
    expect(hex(derUnsignedInteger(Buffer.from([0, 0, 0x7f])))).toBe("02017f");
    expect(hex(derUnsignedInteger(Buffer.from([0])))).toBe("020100");
  });

  test("long lengths use the long form", () => {
    const body = Buffer.alloc(300, 1);
    expect(hex(derSequence(body).subarray(0, 4))).toBe("3082012c");
    expect(hex(derBitString(Buffer.from([0xff])))).toBe("030200ff");
  });

  test("UTCTime before 2050, GeneralizedTime from 2050", () => {
    expect(derTime(new Date(Date.UTC(2026, 10, 22, 6, 0, 9))).toString("latin1")).toBe(
      "\u0017\u000d261122060009Z",
    );
    expect(derTime(new Date(Date.UTC(2050, 0, 1))).toString("latin1")).toBe(
      "\u0018\u000f20500101000000Z",
    );
  });
});
