import { describe, expect, test } from "vitest";
import { formatAgentSpec, parseAgentSpec, pickProvider } from "../../../backend/ra/index.js";

describe("parseAgentSpec()", () => {
  test.each([
    ["Dummy", { agentClass: "ocf", type: "Dummy" }],
    ["ocf:Dummy", { agentClass: "ocf", type: "Dummy" }],
    ["ocf:quorate:Dummy", { agentClass: "ocf", provider: "quorate", type: "Dummy" }],
    ["lsb:dbus", { agentClass: "lsb", type: "dbus" }],
    ["stonith:fence_dummy", { agentClass: "stonith", type: "fence_dummy" }],
  ])("reads %j", (text, expected) => {
    const parsed = parseAgentSpec(text);
    expect(parsed.ok && parsed.value).toEqual(expected);
  });

  test.each(["", "ocf::Dummy", "a:b:c:d", "lsb:x:dbus", "ocf:"])("rejects %j", (text) => {
    const parsed = parseAgentSpec(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.issues[0]?.code).toBe("bad_agent_spec");
  });

  test("formatAgentSpec() writes the class and the provider when there is one", () => {
    expect(formatAgentSpec({ agentClass: "ocf", provider: "pacemaker", type: "Dummy" })).toBe(
      "ocf:pacemaker:Dummy",
    );
    expect(formatAgentSpec({ agentClass: "lsb", type: "dbus" })).toBe("lsb:dbus");
  });
});

describe("pickProvider()", () => {
  test("prefers heartbeat, then pacemaker, then the first, as crmsh", () => {
    expect(pickProvider(["pacemaker", "heartbeat"])).toBe("heartbeat");
    expect(pickProvider(["pacemaker", "quorate"])).toBe("pacemaker");
    expect(pickProvider(["quorate", "zz"])).toBe("quorate");
    expect(pickProvider([])).toBe("heartbeat");
  });
});
