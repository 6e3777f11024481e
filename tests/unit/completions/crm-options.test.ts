import { describe, expect, it } from "vitest";
import { crmValuedOptions } from "../../../backend/base/index.js";
import { completeCommandLine } from "../../../completions/index.js";
import { parseArguments } from "../../../shell/arguments.js";
import { fixtureContext } from "./fixture.js";

/** The argument parser and bash completion read crm's valued options from one list. */
describe("crm's options that take a value", () => {
  it.each([...crmValuedOptions])("%s takes the next word with it in both readers", (option) => {
    const parsed = parseArguments([option, "node", "resource", "start"]);
    expect(parsed).toMatchObject({ words: ["resource", "start"] });
    const words = ["crm", option, "node", "resource", "st"];
    expect(completeCommandLine(["--complete", "4", "--", ...words], fixtureContext)).toEqual([
      "start",
      "status",
      "stop",
    ]);
  });

  it("a flag (-w) takes no value in either reader", () => {
    expect(crmValuedOptions.has("-w")).toBe(false);
    expect(parseArguments(["-w", "resource", "start"])).toMatchObject({
      wait: true,
      words: ["resource", "start"],
    });
    const words = ["crm", "-w", "resource", "st"];
    expect(completeCommandLine(["--complete", "3", "--", ...words], fixtureContext)).toEqual([
      "start",
      "status",
      "stop",
    ]);
  });
});
