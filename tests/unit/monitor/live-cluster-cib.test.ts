// What crm_mon shows of a running quorated cluster: the CIB joined with the membership, so a
// node leaving shows before any CIB change, and the stack named after the membership layer.
import { describe, expect, test } from "vitest";
import { readXml } from "../../../backend/cib/index.js";
import type { QuorumStatus } from "../../../backend/protocol/index.js";
import { MonitorStore } from "../../../shell/monitor-live/index.js";
import {
  liveClusterCib,
  parseMonitorArguments,
  renderMonitor,
  stackOfProvider,
} from "../../../shell/monitor/index.js";

const cibXml = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="3" num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="1">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="o1" name="stonith-enabled" value="false"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="node1"/>
      <node id="2" uname="node2"/>
      <node id="3" uname="node3"/>
    </nodes>
    <resources/>
    <constraints/>
  </configuration>
  <status>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/>
    <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"/>
    <node_state id="3" uname="node3" in_ccm="true" crmd="online" join="member" expected="member"/>
  </status>
</cib>`;

function membership(names: readonly string[], sequence: number): QuorumStatus {
  return {
    provider: "corosync_votequorum",
    localNodeid: 1,
    localName: "node1",
    ringId: { representative: 1, sequence },
    quorate: names.length >= 2,
    expectedVotes: 3,
    highestExpected: 3,
    totalVotes: names.length,
    quorum: 2,
    flags: names.length >= 2 ? ["Quorate"] : [],
    members: names.map((name) => ({ nodeid: Number(name.slice(-1)), name, votes: 1 })),
  };
}

function monitorText(cib: string, quorum: QuorumStatus): string {
  const parsed = readXml(cib);
  const options = parseMonitorArguments(["-1"]);
  if (!parsed.ok || !options.ok) throw new Error("fixture");
  return renderMonitor(liveClusterCib(parsed.value, quorum), options.value, 0, "crm_mon -1").stdout;
}

describe("liveClusterCib()", () => {
  test("shows a node the membership lost as offline before the CIB records it", () => {
    const all = monitorText(cibXml, membership(["node1", "node2", "node3"], 8));
    expect(all).toContain("  * Online: [ node1 node2 node3 ]");
    const lost = monitorText(cibXml, membership(["node1", "node2"], 12));
    expect(lost).toContain("  * Online: [ node1 node2 ]");
    expect(lost).toContain("  * OFFLINE: [ node3 ]");
  });

  test("names the stack after the membership layer unless the CIB names one", () => {
    expect(stackOfProvider("corosync_votequorum")).toBe("corosync");
    const text = monitorText(cibXml, membership(["node1", "node2", "node3"], 8));
    expect(text).toContain("  * Stack: corosync\n");
    const named = cibXml.replace(
      '<nvpair id="o1"',
      '<nvpair id="o2" name="cluster-infrastructure" value="openais"/><nvpair id="o1"',
    );
    expect(monitorText(named, membership(["node1"], 8))).toContain("  * Stack: openais\n");
  });

  test("does not change the CIB it was given", () => {
    const parsed = readXml(cibXml);
    if (!parsed.ok) throw new Error("fixture");
    liveClusterCib(parsed.value, membership(["node1"], 8));
    expect(JSON.stringify(parsed.value)).not.toContain("cluster-infrastructure");
    expect(JSON.stringify(parsed.value)).not.toContain('"offline"');
  });
});

describe("the live monitor's store", () => {
  test("redraws on a membership-only change and records the node leaving", () => {
    const options = parseMonitorArguments([]);
    if (!options.ok) throw new Error("options");
    let now = 100;
    const store = new MonitorStore({
      monitor: options.value,
      rows: 30,
      columns: 100,
      clock: () => now,
      request: "crm_mon",
    });
    let redraws = 0;
    store.subscribe(() => (redraws += 1));
    store.feed({
      kind: "snapshot",
      xml: cibXml,
      quorum: membership(["node1", "node2", "node3"], 8),
    });
    now = 101;
    store.feed({ kind: "snapshot", xml: cibXml, quorum: membership(["node1", "node2"], 12) });
    expect(redraws).toBe(2);
    expect(store.view().text).toContain("  * OFFLINE: [ node3 ]");
    expect(store.view().events.map((event) => event.text)).toContain(
      "Node node3: Online → OFFLINE",
    );
  });
});
