import { describe, expect, test } from "vitest";
import type { AdminChange } from "../../../backend/admin/index.js";
import {
  clearNodeState,
  crmshIdPrefix,
  deleteNode,
  deleteNodeAttribute,
  nodeMaintenance,
  onlineNode,
  setNodeAttribute,
  showNodeAttribute,
  standbyNode,
} from "../../../backend/admin/index.js";
import type { Result } from "../../../backend/base/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import { findById, writeXml } from "../../../backend/cib/index.js";
import { hasTool } from "../../support/oracle.js";
import { fixtureCib, runOracle, sectionsText } from "./oracle-cib.js";

const base = fixtureCib();

function changed(result: Result<AdminChange>): XmlElement {
  if (!result.ok) throw new Error(result.issues.map((found) => found.message).join("; "));
  return result.value.cib;
}

/** node1 with crmsh's standby set, so crm_attribute's own set `nodes-node1` goes beside it. */
const withStandby = changed(standbyNode(base, { node: "node1", lifetime: "forever" }));

const oracleCases: readonly (readonly [string, () => XmlElement, XmlElement, readonly string[]])[] =
  [
    [
      "attribute node1 set rack r2",
      () =>
        changed(
          setNodeAttribute(base, { node: "node1", scope: "nodes", name: "rack", value: "r2" }),
        ),
      base,
      ["crm_attribute", "-t", "nodes", "-N", "node1", "-n", "rack", "-v", "r2"],
    ],
    [
      "maintenance node1 beside crmsh's standby set",
      () => changed(nodeMaintenance(withStandby, { node: "node1", on: true })),
      withStandby,
      ["crm_attribute", "-t", "nodes", "-N", "node1", "-n", "maintenance", "-v", "true"],
    ],
    [
      "utilization node2 set cpu 4",
      () =>
        changed(
          setNodeAttribute(base, { node: "node2", scope: "utilization", name: "cpu", value: "4" }),
        ),
      base,
      ["crm_attribute", "-z", "-t", "nodes", "-N", "node2", "-n", "cpu", "-v", "4"],
    ],
    [
      "status-attr node1 set foo 1 (a new transient set)",
      () =>
        changed(
          setNodeAttribute(base, { node: "node1", scope: "status", name: "foo", value: "1" }),
        ),
      base,
      ["crm_attribute", "-t", "status", "-N", "node1", "-n", "foo", "-v", "1"],
    ],
    [
      "status-attr node2 set foo 1 (beside the fail counts)",
      () =>
        changed(
          setNodeAttribute(base, { node: "node2", scope: "status", name: "foo", value: "1" }),
        ),
      base,
      ["crm_attribute", "-t", "status", "-N", "node2", "-n", "foo", "-v", "1"],
    ],
    [
      "status-attr node2 delete a fail count",
      () =>
        changed(
          deleteNodeAttribute(base, {
            node: "node2",
            scope: "status",
            name: "fail-count-d2#monitor_10000",
          }),
        ),
      base,
      ["crm_attribute", "-D", "-t", "status", "-N", "node2", "-n", "fail-count-d2#monitor_10000"],
    ],
  ];

describe("node transformations", () => {
  test.each(oracleCases)("%s writes what crm_attribute writes", (_name, ours, before, command) => {
    const result = ours();
    if (!hasTool("crm_attribute")) return;
    expect(sectionsText(result)).toBe(sectionsText(runOracle(before, command)));
  });

  test("standby forever uses crmsh's node set; reboot moves it to the status section", () => {
    expect(writeXml(findById(withStandby, "node1-instance_attributes") ?? base).trim()).toBe(
      [
        '<instance_attributes id="node1-instance_attributes">',
        '  <nvpair id="node1-instance_attributes-standby" name="standby" value="on"/>',
        "</instance_attributes>",
      ].join("\n"),
    );
    const reboot = changed(standbyNode(withStandby, { node: "node1", lifetime: "reboot" }));
    expect(findById(reboot, "node1-instance_attributes-standby")).toBeUndefined();
    expect(findById(reboot, "status-node1-standby")?.attributes["value"]).toBe("on");
    const online = changed(onlineNode(reboot, "node1"));
    expect(findById(online, "status-node1-standby")?.attributes["value"]).toBe("off");
  });

  test("show prints crm_attribute -G's line; an unset attribute is an issue", () => {
    const set = changed(
      setNodeAttribute(base, { node: "node1", scope: "nodes", name: "rack", value: "r2" }),
    );
    expect(showNodeAttribute(set, { node: "node1", scope: "nodes", name: "rack" })).toMatchObject({
      value: "scope=nodes  name=rack value=r2",
    });
    expect(showNodeAttribute(set, { node: "node1", scope: "nodes", name: "row" }).ok).toBe(false);
  });

  test("delete refuses an online node; clearstate resets the node's status as crmsh does", () => {
    expect(deleteNode(base, "node2").issues[0]?.code).toBe("node_active");
    const cleared = changed(clearNodeState(base, "node2"));
    const state = findById(cleared, "node2");
    expect(writeXml(cleared)).toContain(
      '<node_state id="node2" uname="node2" ha="active" in_ccm="false" crmd="offline" join="member" expected="down" crm-debug-origin="manual_clear" shutdown="0"/>',
    );
    expect(state).toBeDefined();
    const deleted = changed(deleteNode(cleared, "node2"));
    expect(writeXml(deleted)).not.toContain('uname="node2"');
  });

  test("a numeric node id gets crmsh's num- prefix in the standby set id (an XML name)", () => {
    expect(crmshIdPrefix("1")).toBe("num-1");
    expect(crmshIdPrefix("node1")).toBe("node1");
  });

  test("an unknown node is an issue with the nearest name", () => {
    expect(standbyNode(base, { node: "nod1", lifetime: "forever" }).issues[0]).toMatchObject({
      code: "unknown_node",
      suggestion: 'did you mean "node1"?',
    });
  });
});
