import { describe, expect, test } from "vitest";
import { schedule } from "../../../daemons/scheduler/index.js";

/** A one-node cluster running `web`, whose ticket constraint and ticket state vary. */
function cib(constraint: string, ticketState: string): string {
  return `<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.9" have-quorum="1" dc-uuid="1">
  <configuration>
    <crm_config><cluster_property_set id="o"><nvpair id="o-s" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
    <nodes><node id="1" uname="node1"/></nodes>
    <resources><primitive id="web" class="ocf" provider="pacemaker" type="Dummy"/></resources>
    <constraints>${constraint}</constraints>
  </configuration>
  <status>
    <tickets>${ticketState}</tickets>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"><lrm id="1"><lrm_resources>
      <lrm_resource id="web" class="ocf" provider="pacemaker" type="Dummy"><lrm_rsc_op id="web_last_0" operation_key="web_start_0" operation="start" interval="0" call-id="2" rc-code="0" op-status="0" transition-key="2:1:0:x" transition-magic="0:0;2:1:0:x" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8"/></lrm_resource>
    </lrm_resources></lrm></node_state>
  </status>
</cib>`;
}

const summary = (text: string): string[] =>
  schedule(text, { now: "1700000000" }).summary.map((line) => line.trim().replace(/\s+/g, " "));

/** Expectations checked against Pacemaker 2.1.5's crm_simulate on the same CIBs. */
describe("rsc_ticket", () => {
  test("a granted ticket changes nothing", () => {
    const granted = '<ticket_state id="t" granted="true"/>';
    expect(summary(cib('<rsc_ticket id="c" rsc="web" ticket="t"/>', granted))).toEqual([]);
  });

  test("a ticket in standby stops its resources, named through a resource set", () => {
    const standby = '<ticket_state id="t" granted="true" standby="true"/>';
    const constraint = '<rsc_ticket id="c" ticket="t"><resource_set id="s"><resource_ref id="web"/></resource_set></rsc_ticket>';
    expect(summary(cib(constraint, standby))).toEqual(["* Stop web ( node1 ) due to node availability"]);
  });

  test("an absent ticket counts as revoked; loss-policy=freeze leaves the resource alone", () => {
    expect(summary(cib('<rsc_ticket id="c" rsc="web" ticket="t" loss-policy="stop"/>', ""))).toEqual([
      "* Stop web ( node1 ) due to node availability",
    ]);
    expect(summary(cib('<rsc_ticket id="c" rsc="web" ticket="t" loss-policy="freeze"/>', ""))).toEqual([]);
  });

  test("loss-policy=fence without fencing falls back to stop", () => {
    expect(summary(cib('<rsc_ticket id="c" rsc="web" ticket="t" loss-policy="fence"/>', ""))).toEqual([
      "* Stop web ( node1 ) due to node availability",
    ]);
  });
});
