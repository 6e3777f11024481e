import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { quorateVersion } from "../../../backend/base/index.js";

describe("quorateVersion", () => {
  test("is package.json's version (crm --version and the DC's dc-version print it)", () => {
    const manifest = JSON.parse(
      readFileSync(new URL("../../../package.json", import.meta.url), "utf8"),
    ) as { version: string };
    expect(quorateVersion).toBe(manifest.version);
  });
});
