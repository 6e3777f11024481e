import { describe, expect, test } from "vitest";
import type { AgentMetadata } from "../../../backend/ra/index.js";
import { formatAgentInfo, formatColumns, parseAgentMetadata } from "../../../backend/ra/index.js";

function metadataOf(xml: string): AgentMetadata {
  const parsed = parseAgentMetadata(xml);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return parsed.value;
}

describe("formatAgentInfo()", () => {
  test("prints the title, longdesc, parameters and operation defaults as crmsh 4.4", () => {
    const metadata = metadataOf(`<resource-agent name="Web">
<longdesc lang="en">
Serves pages.
  Indented second line.
</longdesc>
<shortdesc lang="en">Web server</shortdesc>
<parameters>
<parameter name="config" required="1">
<longdesc lang="en">Path of the
config</longdesc>
<shortdesc lang="en">Config file</shortdesc>
<content type="string" default="/etc/web.conf" />
</parameter>
<parameter name="port"><shortdesc lang="en">port</shortdesc><content type="integer" default=""/></parameter>
<parameter name="bare"/>
</parameters>
<actions>
<action name="start" timeout="20s" />
<action name="monitor" depth="0" timeout="20s" interval="10s" role=""/>
<action name="meta-data" timeout="5s" />
<action name="validate-all" timeout="5s" />
</actions>
</resource-agent>`);
    expect(formatAgentInfo(metadata, { spec: "ocf:test:Web", type: "Web" })).toEqual([
      "Web server (ocf:test:Web)",
      "",
      "Serves pages.",
      "  Indented second line.",
      "",
      "Parameters (*: required, []: default):",
      "",
      "config* (string, [/etc/web.conf]): Config file",
      "    Path of the",
      "    config",
      "",
      "port (integer): ",
      // The section is right-stripped as a whole, so only the last head loses its space.
      "bare:",
      "",
      "Operations' defaults (advisory minimum):",
      "",
      "    start         timeout=20s",
      "    monitor       depth=0 timeout=20s interval=10s",
    ]);
  });

  test("leaves out a shortdesc that repeats the type and empty sections", () => {
    const metadata = metadataOf(
      `<resource-agent name="x"><shortdesc>x</shortdesc></resource-agent>`,
    );
    expect(formatAgentInfo(metadata, { spec: "lsb:x", type: "x" })).toEqual(["lsb:x"]);
  });
});

describe("formatColumns()", () => {
  test("fits columns of the longest word plus 2 into 80, as crmsh's multicolumn", () => {
    const words = ["ClusterMon", "Dummy", "HealthCPU", "HealthIOWait", "HealthSMART", "Stateful"];
    expect(formatColumns(words)).toEqual([
      "ClusterMon      Dummy           HealthCPU       HealthIOWait    HealthSMART",
      "Stateful        ",
    ]);
  });

  test("uses at least 8 characters a word and one column when a word is too long", () => {
    expect(formatColumns(["a", "b"], 20)).toEqual(["a         b"]);
    expect(formatColumns(["a".repeat(30), "b"], 20)).toEqual(["a".repeat(30), "b".padEnd(20)]);
    expect(formatColumns([])).toEqual([]);
  });
});
