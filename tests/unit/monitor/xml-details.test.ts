// Details of crm_mon's XML checked against Pacemaker 2.1.5 (ban list order for rule-based
// locations, failures keyed by operation_key, fail counts per operation), on a small CIB.
import { describe, expect, test } from "vitest";
import { runCrmMon } from "../../../shell/monitor/index.js";
import type { MonitorEnvironment } from "../../../shell/monitor/index.js";

const cib = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="5" num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="1">
  <configuration>
    <crm_config>
      <cluster_property_set id="o"><nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="node1"/>
      <node id="2" uname="node2"/>
      <node id="3" uname="node3"/>
    </nodes>
    <resources>
      <primitive id="web" class="ocf" provider="pacemaker" type="Dummy"/>
      <primitive id="db" class="ocf" provider="pacemaker" type="Dummy"/>
    </resources>
    <constraints>
      <rsc_location id="web-only-node1" rsc="web">
        <rule id="web-only-node1-rule" score="-INFINITY"><expression id="e1" attribute="#uname" operation="ne" value="node1"/></rule>
      </rsc_location>
      <rsc_location id="db-not-node2" rsc="db" node="node2" score="-500"/>
    </constraints>
  </configuration>
  <status>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member">
      <lrm id="1"><lrm_resources>
        <lrm_resource id="db" class="ocf" provider="pacemaker" type="Dummy">
          <lrm_rsc_op id="db_monitor_0" operation="monitor" transition-key="1:1:7:x" transition-magic="0:1;1:1:7:x" call-id="2" rc-code="1" op-status="0" interval="0" last-rc-change="0"/>
          <lrm_rsc_op id="db_stop_0" operation="stop" transition-key="2:1:0:x" transition-magic="0:1;2:1:0:x" call-id="3" rc-code="1" op-status="0" interval="0"/>
        </lrm_resource>
      </lrm_resources></lrm>
      <transient_attributes id="1"><instance_attributes id="s1">
        <nvpair id="f1" name="fail-count-db#monitor_0" value="1"/>
        <nvpair id="f2" name="fail-count-db#stop_0" value="INFINITY"/>
      </instance_attributes></transient_attributes>
    </node_state>
    <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"/>
    <node_state id="3" uname="node3" in_ccm="true" crmd="online" join="member" expected="member"/>
  </status>
</cib>`;

const environment: MonitorEnvironment = {
  cibFile: "cib.xml",
  readFile: () => ({ ok: true, value: cib }),
  wallClock: () => 1736935800,
};

const xml = runCrmMon(["-1", "--output-as=xml"], environment).stdout;

describe("crm_mon --output-as=xml details", () => {
  test("lists bans last location first, a rule's nodes in reverse node order", () => {
    const bans = [...xml.matchAll(/<ban id="([^"]+)" resource="([^"]+)" node="([^"]+)"/g)];
    expect(bans.map((ban) => `${ban[1]} ${ban[3]}`)).toEqual([
      "db-not-node2 node2",
      "web-only-node1-rule node3",
      "web-only-node1-rule node2",
    ]);
    expect(xml).toContain('weight="-1000000" promoted-only="false" master_only="false"');
  });

  test("keys failures without operation_key by id, only the first of them per node", () => {
    const failures = xml.match(/<failure [^>]*\/>/g) ?? [];
    expect(failures).toEqual([
      '<failure id="db_monitor_0" node="node1" exitstatus="error" exitreason="none" exitcode="1" call="2" status="complete"/>',
    ]);
  });

  test("sums a resource's per-operation fail counts as a score", () => {
    expect(xml).toContain(
      '<resource_history id="db" orphan="false" migration-threshold="1000000" fail-count="1000000">',
    );
  });
});
