import { describe, expect, test } from "vitest";
import { readXml } from "../../../backend/cib/index.js";
import { unpackCluster, type PrimitiveModel } from "../../../daemons/scheduler/index.js";

function cib(body: string, status = ""): string {
  return `<cib have-quorum="1" dc-uuid="n1"><configuration><crm_config><cluster_property_set id="o">
    <nvpair id="o1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
    <nodes><node id="n2" uname="node2"/><node id="n1" uname="node1"/></nodes>
    <resources>${body}</resources><constraints/></configuration><status>${status}</status></cib>`;
}

function unpack(text: string) {
  const xml = readXml(text);
  if (!xml.ok) throw new Error(xml.issues[0]?.message);
  const model = unpackCluster(xml.value, {});
  if (!model.ok) throw new Error(model.issues[0]?.message);
  return model.value;
}

const online = (id: string, name: string, lrm = "") =>
  `<node_state id="${id}" uname="${name}" in_ccm="true" crmd="online" join="member" expected="member">
   <lrm id="${id}"><lrm_resources>${lrm}</lrm_resources></lrm></node_state>`;

describe("unpackCluster()", () => {
  test("unpackCluster() sorts nodes and judges them online or offline", () => {
    const model = unpack(cib("", online("n1", "node1")));
    expect(model.nodes.map((node) => [node.name, node.online, node.isDc])).toEqual([
      ["node1", true, true],
      ["node2", false, false],
    ]);
  });

  test("unpackCluster() derives the role and failure of a primitive from its history", () => {
    const lrm = `<lrm_resource id="r1" class="ocf" provider="heartbeat" type="Dummy">
      <lrm_rsc_op id="a" operation="start" interval="0" call-id="2" rc-code="0" op-status="0" transition-key="1:1:0:x"/>
      <lrm_rsc_op id="b" operation="monitor" interval="10000" call-id="3" rc-code="7" op-status="0" transition-key="1:1:0:x"/>
      </lrm_resource>`;
    const model = unpack(cib(`<primitive id="r1" class="ocf" provider="heartbeat" type="Dummy"/>`, online("n1", "node1", lrm)));
    const primitive = model.resourceById.get("r1") as PrimitiveModel;
    expect(primitive.role).toBe("Started");
    expect([...primitive.activeOn.keys()]).toEqual(["node1"]);
    expect(primitive.failed).toBe(true);
  });

  test("unpackCluster() maps anonymous clone history onto instances", () => {
    const lrm = `<lrm_resource id="d" class="ocf" provider="heartbeat" type="Dummy">
      <lrm_rsc_op id="a" operation="start" interval="0" call-id="2" rc-code="0" op-status="0" transition-key="1:1:0:x"/>
      </lrm_resource>`;
    const model = unpack(cib(`<clone id="c"><primitive id="d" class="ocf" provider="heartbeat" type="Dummy"/></clone>`,
      online("n1", "node1", lrm) + online("n2", "node2", lrm)));
    const first = model.resourceById.get("d:0") as PrimitiveModel;
    const second = model.resourceById.get("d:1") as PrimitiveModel;
    expect([...first.activeOn.keys(), ...second.activeOn.keys()]).toEqual(["node1", "node2"]);
  });
});
