import { expect, test } from "vitest";
import { colorEnabled, createPalette } from "../../../shell/components/palette.js";

test("colorEnabled(): a terminal gets color; NO_COLOR, -D plain, dumb or no terminal do not", () => {
  const terminal = { environment: {}, isTerminal: true };
  expect(colorEnabled(terminal)).toBe(true);
  expect(colorEnabled({ ...terminal, environment: { NO_COLOR: "" } })).toBe(false);
  expect(colorEnabled({ ...terminal, display: "plain" })).toBe(false);
  expect(colorEnabled({ ...terminal, environment: { TERM: "dumb" } })).toBe(false);
  expect(colorEnabled({ environment: {}, isTerminal: false })).toBe(false);
  expect(colorEnabled({ environment: { FORCE_COLOR: "1" }, isTerminal: false })).toBe(true);
});

test("createPalette(false) leaves text as it is", () => {
  expect(createPalette(false).error("ERROR: x")).toBe("ERROR: x");
  expect(createPalette(true).error("ERROR: x")).toBe("\x1b[31mERROR: x\x1b[39m");
});
