import { describe, expect, test } from "vitest";
import { fencerView, parseAgentMetadata } from "../../../backend/ra/index.js";

describe("fencerView()", () => {
  test("makes action optional and appends stop and start with 20s timeouts", () => {
    const parsed = parseAgentMetadata(`<resource-agent name="fence_lab" shortdesc="Lab">
      <parameters>
        <parameter name="action" required="1"><content type="string" default="reboot"/></parameter>
        <parameter name="ip" required="1"><content type="string"/></parameter>
      </parameters>
      <actions><action name="on" automatic="0"/><action name="start"/><action name="off"/></actions>
    </resource-agent>`);
    if (!parsed.ok) throw new Error("fixture does not parse");
    const view = fencerView(parsed.value);
    expect(view.parameters.map((parameter) => [parameter.name, parameter.required])).toEqual([
      ["action", false],
      ["ip", true],
    ]);
    expect(view.actions.map((action) => `${action.name}:${action.timeout ?? ""}`)).toEqual([
      "on:",
      "off:",
      "stop:20s",
      "start:20s",
    ]);
  });
});
