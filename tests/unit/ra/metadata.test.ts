import { describe, expect, test } from "vitest";
import { parseAgentMetadata } from "../../../backend/ra/index.js";

const ocf10 = `<?xml version="1.0"?>
<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
<resource-agent name="Web" version="1.2">
<version>1.0</version>
<longdesc lang="en">
Runs a web server.
Second line.
</longdesc>
<shortdesc lang="en">Web server</shortdesc>
<parameters>
<parameter name="config" unique="1" required="1">
<longdesc lang="en">Path of the config</longdesc>
<shortdesc lang="en">Config file</shortdesc>
<content type="string" default="/etc/web.conf" />
</parameter>
<parameter name="port" unique="0">
<longdesc lang="de">Anschluss</longdesc>
<longdesc lang="en">Port to listen on</longdesc>
<shortdesc lang="en">Port</shortdesc>
<content type="integer" />
</parameter>
</parameters>
<actions>
<action name="start" timeout="20s" />
<action name="monitor" depth="0" timeout="20s" interval="10s" role="Promoted"/>
<action name="meta-data" timeout="5s" />
</actions>
</resource-agent>`;

describe("parseAgentMetadata()", () => {
  test("reads an OCF 1.0 agent with a DOCTYPE and unique=0|1", () => {
    const parsed = parseAgentMetadata(ocf10);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const metadata = parsed.value;
    expect(metadata).toMatchObject({
      name: "Web",
      version: "1.2",
      ocfVersion: "1.0",
      shortdesc: "Web server",
      longdesc: "Runs a web server.\nSecond line.",
    });
    expect(metadata.parameters[0]).toEqual({
      name: "config",
      required: true,
      unique: true,
      reloadable: false,
      type: "string",
      default: "/etc/web.conf",
      options: [],
      shortdesc: "Config file",
      longdesc: "Path of the config",
      deprecated: false,
    });
    expect(metadata.parameters[1]).toMatchObject({ name: "port", unique: false, type: "integer" });
    expect(metadata.parameters[1]?.longdesc).toBe("Port to listen on");
    expect(metadata.parameters[1]?.default).toBeUndefined();
    expect(metadata.actions.map((action) => action.name)).toEqual([
      "start",
      "monitor",
      "meta-data",
    ]);
    expect(metadata.actions[1]).toEqual({
      name: "monitor",
      timeout: "20s",
      interval: "10s",
      role: "Promoted",
      depth: "0",
      attributes: [
        ["depth", "0"],
        ["timeout", "20s"],
        ["interval", "10s"],
        ["role", "Promoted"],
      ],
    });
  });

  test("reads OCF 1.1 unique-group, reloadable, select options and deprecation", () => {
    const parsed = parseAgentMetadata(`<resource-agent name="X">
      <parameters>
        <parameter name="state" unique-group="state" reloadable="1">
          <content type="select" default="a"><option value="a"/><option value="b"/></content>
          <deprecated><replaced-with name="other"/></deprecated>
        </parameter>
      </parameters></resource-agent>`);
    expect(parsed.ok && parsed.value.parameters[0]).toMatchObject({
      uniqueGroup: "state",
      reloadable: true,
      options: ["a", "b"],
      deprecated: true,
      shortdesc: "",
    });
    expect(parsed.ok && parsed.value.actions).toEqual([]);
  });

  test("takes a fence agent's shortdesc from its attribute", () => {
    const parsed = parseAgentMetadata(
      `<resource-agent name="fence_x" shortdesc="Fence agent for X"><longdesc>L</longdesc></resource-agent>`,
    );
    expect(parsed.ok && parsed.value.shortdesc).toBe("Fence agent for X");
  });

  test("rejects broken XML, another root and a parameter without a name", () => {
    const broken = parseAgentMetadata("<resource-agent><parameters>");
    expect(broken.ok).toBe(false);
    expect(broken.issues[0]?.code).toBe("xml_syntax");
    expect(parseAgentMetadata("<cib/>").issues[0]?.code).toBe("not_agent_metadata");
    const nameless = parseAgentMetadata(
      "<resource-agent><parameters><parameter/></parameters></resource-agent>",
    );
    expect(nameless.issues[0]?.code).toBe("parameter_without_name");
  });
});
