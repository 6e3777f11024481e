import { describe, expect, it } from "vitest";
import { readXml } from "../../../backend/cib/index.js";
import {
  actionsFromMetaData,
  agentInLine,
  idsFromCib,
  parametersFromMetaData,
} from "../../../completions/index.js";

const cibXml = `<cib><configuration><crm_config>
<cluster_property_set id="cib-bootstrap-options"/></crm_config>
<rsc_defaults><meta_attributes id="rsc-options"/></rsc_defaults>
<nodes><node id="1" uname="alpha"/><node id="2" uname="beta"/></nodes>
<resources>
  <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2"/>
  <template id="tpl" class="ocf" provider="heartbeat" type="apache"/>
  <group id="g"><primitive id="web" template="tpl"/></group>
  <master id="ms-db"><primitive id="db" class="ocf" provider="pacemaker" type="Stateful"/></master>
  <clone id="c-ping"><primitive id="ping" class="ocf" provider="pacemaker" type="ping"/></clone>
</resources>
<constraints><rsc_location id="loc" rsc="vip" node="alpha" score="100"/>
<rsc_order id="ord" first="vip" then="g"/></constraints>
<tags><tag id="t1"><obj_ref id="vip"/></tag></tags>
<acls><acl_role id="reader"/></acls>
</configuration><status><node_state id="3" uname="gamma"/></status></cib>`;

function parsed(text: string) {
  const result = readXml(text);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe("idsFromCib()", () => {
  it("lists ids by kind from the configuration, nested resources included", () => {
    const ids = idsFromCib(parsed(cibXml));
    expect(Object.fromEntries(ids)).toEqual({
      node: ["alpha", "beta"],
      primitive: ["vip", "web", "db", "ping"],
      template: ["tpl"],
      group: ["g"],
      clone: ["ms-db", "c-ping"],
      constraint: ["loc", "ord"],
      tag: ["t1"],
      acl_role: ["reader"],
      property_set: ["cib-bootstrap-options", "rsc-options"],
    });
  });
});

describe("parametersFromMetaData() and actionsFromMetaData()", () => {
  it("reads names, short descriptions, required flags, types and defaults", () => {
    const metaData = `<?xml version="1.0"?>
<resource-agent name="IPaddr2"><version>1.0</version>
<parameters>
 <parameter name="ip" unique="1" required="1">
  <longdesc lang="en">The IPv4 address</longdesc>
  <shortdesc lang="de">IP-Adresse</shortdesc>
  <shortdesc lang="en">IPv4 or IPv6
     address</shortdesc>
  <content type="string" default=""/>
 </parameter>
 <parameter name="nic"><shortdesc lang="en">Network interface</shortdesc>
  <content type="string"/></parameter>
</parameters>
<actions><action name="start" timeout="20s"/>
<action name="monitor" depth="0" timeout="20s" interval="10s"/><action name=""/></actions>
</resource-agent>`;
    expect(parametersFromMetaData(parsed(metaData))).toEqual([
      {
        name: "ip",
        shortDesc: "IPv4 or IPv6 address",
        required: true,
        type: "string",
        default: "",
      },
      { name: "nic", shortDesc: "Network interface", type: "string" },
    ]);
    expect(actionsFromMetaData(parsed(metaData))).toEqual([
      { name: "start", timeout: "20s" },
      { name: "monitor", interval: "10s", timeout: "20s", depth: "0" },
    ]);
  });
});

describe("agentInLine()", () => {
  const agents = ["ocf:heartbeat:IPaddr2", "ocf:heartbeat:Dummy", "ocf:pacemaker:Dummy"];

  it.each([
    ["configure primitive vip IPaddr2 params ", "ocf:heartbeat:IPaddr2"],
    ["primitive d Dummy params ", "ocf:heartbeat:Dummy"],
    ["prim d ocf:pacemaker:Dummy meta ", "ocf:pacemaker:Dummy"],
    ["primitive d @template params ", undefined],
    ["primitive d ", undefined],
    ["configure group g a b ", undefined],
    ["primitive d Unknown params ", undefined],
  ])("finds the agent of %j", (line, expected) => {
    expect(agentInLine(line, line.length, agents)).toBe(expected);
  });
});
