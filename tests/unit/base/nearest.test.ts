import { describe, expect, test } from "vitest";
import { editDistance, nearest } from "../../../backend/base/index.js";

describe("editDistance()", () => {
  test.each([
    ["web", "web", 0],
    ["wbe", "web", 1],
    ["primitve", "primitive", 1],
    ["colocation", "collocation", 1],
    ["abc", "xyz", 3],
    ["", "abc", 3],
  ])("%j → %j is %i", (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });

  test("stops past the limit", () => {
    expect(editDistance("aaaaaaaa", "bbbbbbbb", 2)).toBe(3);
  });
});

describe("nearest()", () => {
  test("suggests a close id or keyword, ignoring case", () => {
    expect(nearest("wbe", ["db", "web", "vip"])).toBe("web");
    expect(nearest("PRIMITVE", ["primitive", "group"])).toBe("primitive");
  });

  test("suggests nothing when nothing is close", () => {
    expect(nearest("database", ["web", "vip"])).toBeUndefined();
  });
});
