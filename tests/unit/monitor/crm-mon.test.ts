import { describe, expect, it } from "vitest";
import { crmStatus, parseMonitorArguments, runCrmMon } from "../../../shell/monitor/index.js";
import type { MonitorEnvironment } from "../../../shell/monitor/index.js";

const cib = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="5" num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="1" cib-last-written="Wed Jan 15 10:10:00 2025" update-user="root" update-client="cibadmin" update-origin="node1">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="o1" name="stonith-enabled" value="false"/>
        <nvpair id="o2" name="cluster-infrastructure" value="corosync"/>
        <nvpair id="o3" name="dc-version" value="2.1.5-test"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="node1"/>
      <node id="2" uname="node2"/>
    </nodes>
    <resources>
      <primitive id="web" class="ocf" provider="pacemaker" type="Dummy"/>
      <primitive id="batch" class="ocf" provider="pacemaker" type="Dummy">
        <meta_attributes id="batch-meta"><nvpair id="b1" name="target-role" value="Stopped"/></meta_attributes>
      </primitive>
    </resources>
    <constraints/>
  </configuration>
  <status>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member">
      <lrm id="1"><lrm_resources>
        <lrm_resource id="web" class="ocf" provider="pacemaker" type="Dummy">
          <lrm_rsc_op id="web_last_0" operation_key="web_start_0" operation="start" transition-key="6:1:0:x" transition-magic="0:0;6:1:0:x" call-id="6" rc-code="0" op-status="0" interval="0" last-rc-change="1736935800" exec-time="0" queue-time="0"/>
          <lrm_rsc_op id="web_last_failure_0" operation_key="web_monitor_10000" operation="monitor" transition-key="4:1:0:x" transition-magic="0:1;4:1:0:x" exit-reason="Simulated failure" call-id="4" rc-code="1" op-status="0" interval="10000" last-rc-change="1736935800" exec-time="33" queue-time="0"/>
        </lrm_resource>
      </lrm_resources></lrm>
      <transient_attributes id="1"><instance_attributes id="status-1">
        <nvpair id="s1" name="pingd" value="1"/>
        <nvpair id="s2" name="fail-count-web#monitor_10000" value="1"/>
        <nvpair id="s3" name="last-failure-web#monitor_10000" value="1736935800"/>
      </instance_attributes></transient_attributes>
    </node_state>
    <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"/>
  </status>
</cib>`;

const environment: MonitorEnvironment = {
  cibFile: "cib.xml",
  readFile: (path) =>
    path === "cib.xml" ? { ok: true, value: cib } : { ok: false, message: "no" },
  wallClock: () => 1736935800,
};

describe("crm_mon -1 on a CIB file", () => {
  it("prints the Cluster Summary, nodes, resources and failed actions", () => {
    const outcome = runCrmMon(["-1"], environment);
    expect(outcome.exitCode).toBe(0);
    const lines = outcome.stdout.split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "Cluster Summary:",
      "  * Stack: corosync",
      "  * Current DC: node1 (version 2.1.5-test) - partition with quorum",
      expect.stringMatching(/^ {2}\* Last updated: \w{3} Jan 1[45] \d\d:\d\d:00 2025$/),
      "  * Last change:  Wed Jan 15 10:10:00 2025 by root via cibadmin on node1",
      "  * 2 nodes configured",
      "  * 2 resource instances configured (1 DISABLED)",
    ]);
    expect(outcome.stdout).toContain("  * Online: [ node1 node2 ]");
    expect(outcome.stdout).toContain("  * web\t(ocf:pacemaker:Dummy):\t Started node1");
    expect(outcome.stdout).toMatch(
      /Failed Resource Actions:\n {2}\* web 10s-interval monitor on node1 returned 'error' \(Simulated failure\) at .* 2025 after 33ms\n$/,
    );
  });

  it("adds fail counts, node attributes and the operation history on request", () => {
    const text = runCrmMon(["-1rfA"], environment).stdout;
    expect(text).toContain("Full List of Resources:");
    expect(text).toContain("  * batch\t(ocf:pacemaker:Dummy):\t Stopped (disabled)");
    expect(text).toMatch(/Node Attributes:\n {2}\* Node: node1:\n {4}\* pingd {27}\t: 1 {9}\n/);
    expect(text).toMatch(
      /Migration Summary:\n {2}\* Node: node1:\n {4}\* web: migration-threshold=1000000 fail-count=1 last-failure='/,
    );
    // With -o the operations (which carry the fail counts) replace the Migration Summary.
    const operations = runCrmMon(["-1rfAo"], environment).stdout;
    expect(operations).not.toContain("Migration Summary:");
    expect(operations).toMatch(
      /Operations:\n {2}\* Node: node1:\n {4}\* web: migration-threshold=1000000 fail-count=1 last-failure='.*':\n {6}\* \(4\) monitor: interval="10000ms"\n {6}\* \(6\) start\n/,
    );
  });

  it("reads per-resource fail counts from CIBs older than feature set 3.0.13", () => {
    const legacy: MonitorEnvironment = {
      ...environment,
      readFile: () => ({
        ok: true,
        value: cib
          .replace('crm_feature_set="3.16.1"', 'crm_feature_set="3.0.12"')
          .replace("fail-count-web#monitor_10000", "fail-count-web"),
      }),
    };
    expect(runCrmMon(["-1f"], legacy).stdout).toContain(
      "  * Node: node1:\n    * web: migration-threshold=1000000 fail-count=1\n",
    );
  });

  it("groups resources by node with -n, and lists inactive ones with -r", () => {
    const text = runCrmMon(["-1", "-n", "-r"], environment).stdout;
    expect(text).toContain(
      "Node List:\n  * Node node1: online:\n    * Resources:\n      * web\t(ocf:pacemaker:Dummy):\t Started\n  * Node node2: online:\n    * Resources:\n",
    );
    expect(text).toContain(
      "Inactive Resources:\n  * batch\t(ocf:pacemaker:Dummy):\t Stopped (disabled)\n",
    );
  });

  it("writes Pacemaker's XML with --output-as=xml", () => {
    const xml = runCrmMon(["-1", "--output-as=xml"], environment).stdout;
    expect(xml).toMatch(
      /^<pacemaker-result api-version="2.25" request="crm_mon -1 --output-as=xml">/,
    );
    expect(xml).toContain(
      '<current_dc present="true" version="2.1.5-test" name="node1" id="1" with_quorum="true" mixed_version="false"/>',
    );
    expect(xml).toContain('<resources_configured number="2" disabled="1" blocked="0"/>');
    expect(xml).toMatch(
      /<node name="node1" id="1" online="true" [^>]* is_dc="true" resources_running="1" type="member"\/>/,
    );
    expect(xml).toMatch(
      /<failure op_key="web_monitor_10000" node="node1" exitstatus="error" exitreason="Simulated failure" exitcode="1" call="4" status="complete" last-rc-change="2025-01-15 10:10:00Z"/,
    );
    expect(xml).toMatch(/<status code="0" message="OK"\/>\n<\/pacemaker-result>\n$/);
  });

  it("says clearly that no live backend exists without CIB_file", () => {
    const outcome = runCrmMon(["-1"], { ...environment, cibFile: undefined });
    expect(outcome.exitCode).toBe(69);
    expect(outcome.stderr).toContain("set CIB_file=FILE");
  });

  it("rejects unknown options with a hint and bad output formats", () => {
    const outcome = runCrmMon(["-1", "--inactiv"], environment);
    expect(outcome.exitCode).toBe(64);
    expect(outcome.stderr).toContain("did you mean --inactive?");
    expect(parseMonitorArguments(["--output-as=html"]).ok).toBe(false);
  });

  it("crm status maps crmsh's words to crm_mon options", () => {
    const text = crmStatus(["inactive", "failcounts"], environment).stdout;
    expect(text).toContain("Full List of Resources:");
    expect(text).toContain("Migration Summary:");
  });
});
