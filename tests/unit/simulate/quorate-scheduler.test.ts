import { describe, expect, it } from "vitest";
import { readXml } from "../../../backend/cib/index.js";
import { durationMs, scheduleWithQuorate } from "../../../shell/simulate/quorate-scheduler.js";

const cib = `<cib have-quorum="1"><configuration>
  <crm_config><cluster_property_set id="o"><nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
  <nodes><node id="101" uname="node1"/><node id="102" uname="node2"/></nodes>
  <resources>
    <group id="g">
      <primitive id="a" class="ocf" provider="pacemaker" type="Dummy">
        <instance_attributes id="a-params"><nvpair id="a-p1" name="state" value="/tmp/a"/></instance_attributes>
        <operations><op id="a-start" name="start" interval="0" timeout="90s"/></operations>
      </primitive>
      <primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/>
    </group>
    <clone id="cl"><primitive id="c" class="ocf" provider="heartbeat" type="Dummy"/></clone>
  </resources><constraints/></configuration>
  <status>
    <node_state id="101" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/>
    <node_state id="102" uname="node2" in_ccm="true" crmd="online" join="member" expected="member"/>
  </status></cib>`;

function plan() {
  const parsed = readXml(cib);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  const result = scheduleWithQuorate(parsed.value, undefined);
  if (!result.ok) throw new Error(result.issues[0]?.message);
  return result.value;
}

describe("scheduleWithQuorate", () => {
  it("strips the bullet from Transition Summary lines", () => {
    for (const line of plan().summary)
      expect(line).toMatch(/^(Start|Stop|Move|Restart|Recover|Promote|Demote|Fence)/);
  });

  it("orders synapses as Pacemaker: a group before its members, probes after a resource's other actions", () => {
    const keys = plan().graph.synapses.map((synapse) => synapse.action.operationKey);
    const first = (pattern: RegExp): number => keys.findIndex((key) => pattern.test(key));
    const last = (pattern: RegExp): number =>
      keys.length - 1 - [...keys].reverse().findIndex((key) => pattern.test(key));
    expect(first(/^g_/)).toBeGreaterThanOrEqual(0);
    expect(last(/^g_/)).toBeLessThan(first(/^a_/));
    expect(last(/^a_/)).toBeLessThan(first(/^b_/));
    expect(last(/^a_start/)).toBeLessThan(first(/^a_monitor_0/));
    expect(last(/^c:\d_/)).toBeLessThan(first(/^cl_/));
  });

  it("gives actions their agent, parameters and CRM_meta entries", () => {
    const synapses = plan().graph.synapses;
    const start = synapses.find((synapse) => synapse.action.operationKey === "a_start_0")?.action;
    expect(start?.kind).toBe("rsc_op");
    expect(start?.resource).toEqual({
      id: "a",
      longId: undefined,
      className: "ocf",
      provider: "pacemaker",
      type: "Dummy",
    });
    expect(start?.attributes.get("state")).toBe("/tmp/a");
    expect(start?.attributes.get("CRM_meta_timeout")).toBe("90000");
    expect(start?.attributes.get("CRM_meta_on_node_uuid")).toBe(
      start?.node === "node1" ? "101" : "102",
    );
    const probe = synapses.find((synapse) => synapse.action.operationKey === "b_monitor_0")?.action;
    expect(probe?.attributes.get("CRM_meta_op_target_rc")).toBe("7");
    expect(probe?.attributes.get("CRM_meta_timeout")).toBe("20000");
    const instance = synapses.find((synapse) =>
      /^c:\d_start_0$/.test(synapse.action.operationKey),
    )?.action;
    expect(instance?.resource?.id).toBe("c");
    expect(instance?.resource?.longId).toMatch(/^c:\d$/);
    const pseudo = synapses.find((synapse) => synapse.action.operationKey === "g_start_0")?.action;
    expect(pseudo?.kind).toBe("pseudo_event");
    expect(pseudo?.resource).toBeUndefined();
  });
});

describe("durationMs", () => {
  it.each([
    ["20s", 20000],
    ["90", 90000],
    ["2min", 120000],
    ["1h", 3600000],
    ["500ms", 500],
    ["soon", 7],
    [undefined, 7],
  ])("reads %j as %i ms", (text, expected) => {
    expect(durationMs(text, 7)).toBe(expected);
  });
});
