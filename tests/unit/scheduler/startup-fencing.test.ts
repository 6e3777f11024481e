import { describe, expect, test } from "vitest";
import { schedule } from "../../../daemons/scheduler/index.js";

/** Three configured nodes; node3 has never been seen (no node_state). */
function cib(properties: string): string {
  return `<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.9" have-quorum="1" dc-uuid="1">
  <configuration>
    <crm_config><cluster_property_set id="o">${properties}</cluster_property_set></crm_config>
    <nodes><node id="1" uname="node1"/><node id="2" uname="node2"/><node id="3" uname="node3"/></nodes>
    <resources><primitive id="fence" class="stonith" type="fence_dummy"/><primitive id="web" class="ocf" provider="pacemaker" type="Dummy"/></resources>
    <constraints/>
  </configuration>
  <status>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/>
    <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"/>
  </status>
</cib>`;
}

const summary = (text: string): string[] =>
  schedule(text).summary.map((line) => line.trim().replace(/\s+/g, " "));

/** Expectations checked against Pacemaker 2.1.5's crm_simulate -S on the same CIBs. */
describe("startup fencing: a configured node without node_state", () => {
  const stonith = '<nvpair id="o-s" name="stonith-enabled" value="true"/>';

  test("is unclean and fenced before resources start (requires=fencing orders starts after it)", () => {
    const text = cib(stonith);
    expect(summary(text)).toEqual([
      "* Fence (reboot) node3 'node is unclean'",
      "* Start fence ( node1 )",
      "* Start web ( node2 )",
    ]);
    const { graph } = schedule(text);
    const fence = graph.actions.find((action) => action.task === "stonith");
    const start = graph.actions.find((action) => action.key === "web_start_0");
    expect(fence?.node).toBe("node3");
    expect(graph.edges).toContainEqual({ before: fence?.id, after: start?.id });
  });

  test("is left alone with startup-fencing=false", () => {
    const off = '<nvpair id="o-f" name="startup-fencing" value="false"/>';
    expect(summary(cib(stonith + off))).toEqual([
      "* Start fence ( node1 )",
      "* Start web ( node2 )",
    ]);
  });
});
