import { describe, expect, test } from "vitest";
import { promptText } from "../../../shell/repl/index.js";

describe("promptText()", () => {
  const facts = { host: "node1", environment: {}, sessionLabel: undefined };

  test("crmsh's prompt: live CIB, levels separated by blanks", () => {
    expect(promptText({ ...facts, levelPath: "" })).toBe("crm(live/node1)# ");
    expect(promptText({ ...facts, levelPath: "configure" })).toBe("crm(live/node1)configure# ");
    expect(promptText({ ...facts, levelPath: "configure/ra" })).toBe(
      "crm(live/node1)configure ra# ",
    );
  });

  test("a CIB file shows its base name, a shadow its name", () => {
    const file = { ...facts, environment: { CIB_file: "/tmp/x/cib.xml" }, levelPath: "" };
    expect(promptText(file)).toBe("crm(cib.xml/node1)# ");
    expect(promptText({ ...facts, sessionLabel: "test-1", levelPath: "configure" })).toBe(
      "crm(test-1/node1)configure# ",
    );
    expect(promptText({ ...facts, environment: { CIB_shadow: "s2" }, levelPath: "" })).toBe(
      "crm(s2/node1)# ",
    );
  });
});
