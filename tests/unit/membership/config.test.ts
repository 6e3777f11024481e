import { describe, expect, test } from "vitest";
import {
  effectiveTokenMs,
  membershipConfig,
  membershipTimings,
  totemDefaults,
} from "../../../daemons/membership/index.js";

describe("membership timings", () => {
  test.each([
    // token, coefficient, nodes, effective
    [3000, 650, 2, 3000],
    [3000, 650, 3, 3650],
    [1000, 650, 3, 1650],
    [1000, 650, 5, 2950],
    [1000, 0, 16, 1000],
  ])(
    "token %i with coefficient %i on %i nodes is %i ms",
    (tokenMs, tokenCoefficientMs, nodes, effective) => {
      expect(effectiveTokenMs({ ...totemDefaults, tokenMs, tokenCoefficientMs }, nodes)).toBe(
        effective,
      );
    },
  );

  test("consensus defaults to 1.2 × the effective token, as corosync derives it", () => {
    const config = membershipConfig(1, [1, 2, 3], { timing: { ...totemDefaults, tokenMs: 1000 } });
    expect(membershipTimings(config)).toMatchObject({
      effectiveTokenMs: 1650,
      consensusMs: 1980,
      tokenTicks: 165,
      consensusTicks: 198,
      joinTicks: 5,
    });
  });

  test("an explicit consensus is kept", () => {
    const timing = { ...totemDefaults, tokenMs: 1000, consensusMs: 3000 };
    expect(membershipTimings(membershipConfig(1, [1, 2], { timing })).consensusMs).toBe(3000);
  });

  test("membershipConfig() refuses a node outside its nodelist (a bug in the caller)", () => {
    expect(() => membershipConfig(4, [1, 2, 3])).toThrow(/nodelist/);
  });
});
