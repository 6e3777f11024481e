import { describe, expect, test } from "vitest";
import { emptyCib, writeXml } from "../../../backend/cib/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import {
  applyPermanentValue,
  applyTransientValues,
  clearTransientValues,
  transientNvpairId,
} from "../../../daemons/attrd/index.js";

function cib(): XmlElement {
  return emptyCib();
}

function section(root: XmlElement, name: string): string {
  const text = writeXml(root);
  const start = text.indexOf(`<${name}>`);
  const end = text.indexOf(`</${name}>`);
  return text.slice(start, end + name.length + 3);
}

describe("attributes in the CIB", () => {
  test("transientNvpairId() sanitizes ':' and '#' as Pacemaker does", () => {
    expect(transientNvpairId(2, "fail-count-vip#monitor_10000")).toBe(
      "status-2-fail-count-vip.monitor_10000",
    );
    expect(transientNvpairId(1, "master-ms:0")).toBe("status-1-master-ms.0");
  });

  test("applyTransientValues() writes node_state/transient_attributes as attrd does", () => {
    const root = cib();
    applyTransientValues(root, [
      { node: "node2", nodeId: 2, name: "fail-count-vip#monitor_10000", value: "1" },
      { node: "node2", nodeId: 2, name: "pingd", value: "100" },
    ]);
    expect(section(root, "status")).toBe(
      [
        "<status>",
        '    <node_state id="2" uname="node2">',
        '      <transient_attributes id="2">',
        '        <instance_attributes id="status-2">',
        '          <nvpair id="status-2-fail-count-vip.monitor_10000" name="fail-count-vip#monitor_10000" value="1"/>',
        '          <nvpair id="status-2-pingd" name="pingd" value="100"/>',
        "        </instance_attributes>",
        "      </transient_attributes>",
        "    </node_state>",
        "  </status>",
      ].join("\n"),
    );
    clearTransientValues(root, 2);
    expect(section(root, "status")).toContain('<node_state id="2" uname="node2"/>');
  });

  test("applyPermanentValue() writes nodes/node/instance_attributes as crm_attribute does", () => {
    const root = cib();
    applyPermanentValue(root, { nodeId: 1, name: "node1" }, { name: "site", value: "north" });
    expect(section(root, "nodes")).toContain(
      '<nvpair id="nodes-1-site" name="site" value="north"/>',
    );
    applyPermanentValue(root, { nodeId: 1, name: "node1" }, { name: "site", value: null });
    expect(section(root, "nodes")).not.toContain("site");
  });
});
