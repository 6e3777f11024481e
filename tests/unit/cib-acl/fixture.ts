import { readXml, type XmlElement } from "../../../backend/cib/index.js";

/** A CIB with the ACL roles of Pacemaker Explained's example and a few resources. */
export const aclCibText = `<cib admin_epoch="0" epoch="7" num_updates="0" validate-with="pacemaker-3.9">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="opt-acl" name="enable-acl" value="true"/>
        <nvpair id="opt-maintenance" name="maintenance-mode" value="false"/>
      </cluster_property_set>
    </crm_config>
    <nodes>
      <node id="1" uname="node1">
        <instance_attributes id="node1-attrs">
          <nvpair id="node1-standby" name="standby" value="off"/>
          <nvpair id="node1-rack" name="rack" value="r1"/>
        </instance_attributes>
      </node>
    </nodes>
    <resources>
      <primitive id="db" class="ocf" provider="heartbeat" type="pgsql" description="main db">
        <instance_attributes id="db-params">
          <nvpair id="db-password" name="password" value="secret"/>
        </instance_attributes>
        <meta_attributes id="db-meta">
          <nvpair id="db-target-role" name="target-role" value="Started"/>
        </meta_attributes>
      </primitive>
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
    </resources>
    <constraints>
      <rsc_location id="web-prefers" rsc="web" score="100" node="node1"/>
    </constraints>
    <acls>
      <acl_role id="read_all">
        <acl_permission id="read_all-cib" kind="read" xpath="/cib"/>
      </acl_role>
      <acl_role id="administrator">
        <acl_permission id="administrator-cib" kind="write" xpath="/cib"/>
      </acl_role>
      <acl_role id="operator">
        <acl_permission id="operator-read" kind="read" xpath="/cib"/>
        <acl_permission id="operator-target-role" kind="write"
            xpath="//resources//meta_attributes/nvpair[@name='target-role']"/>
        <acl_permission id="operator-rsc_location" kind="write" object-type="rsc_location"/>
      </acl_role>
      <acl_role id="minimal">
        <acl_permission id="minimal-standby" kind="read"
            xpath="//instance_attributes/nvpair[@name='standby']"/>
        <acl_permission id="minimal-deny-instance-attributes" kind="deny" xpath="//instance_attributes"/>
        <acl_permission id="minimal-resources" kind="read" xpath="/cib/configuration/resources"/>
        <acl_permission id="minimal-deny-acls" kind="deny" xpath="/cib/configuration/acls"/>
      </acl_role>
      <acl_role id="db-only">
        <acl_permission id="db-only-ref" kind="write" reference="db"/>
        <acl_permission id="db-only-deny-params" kind="deny" object-type="nvpair" attribute="value"/>
      </acl_role>
      <acl_role id="no-descriptions">
        <acl_permission id="nd-read" kind="read" xpath="/cib"/>
        <acl_permission id="nd-deny" kind="deny" object-type="primitive" attribute="description"/>
      </acl_role>
      <acl_target id="alice"><role id="minimal"/></acl_target>
      <acl_target id="bob"><role id="read_all"/></acl_target>
      <acl_target id="carol"><role id="operator"/></acl_target>
      <acl_target id="dave-entry" name="dave"><role id="administrator"/></acl_target>
      <acl_target id="erin"><role id="db-only"/></acl_target>
      <acl_target id="frank"><role id="no-descriptions"/></acl_target>
      <acl_target id="nobody"/>
      <acl_group id="admins"><role id="administrator"/></acl_group>
    </acls>
  </configuration>
  <status><node_state id="1" uname="node1" crmd="online"/></status>
</cib>`;

export function aclCib(text = aclCibText): XmlElement {
  const read = readXml(text);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return read.value;
}

export function user(
  name: string,
  groups: readonly string[] = [],
): {
  user: string;
  unrestricted: boolean;
  groups: readonly string[];
} {
  return { user: name, unrestricted: false, groups };
}
