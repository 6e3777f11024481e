import { describe, expect, test } from "vitest";
import { show } from "./support.js";

describe("showConfiguration() properties, fencing, ACLs, tags, alerts", () => {
  test("prints property and defaults sets one nvpair per line, quoting odd set ids", () => {
    const text = show(`<crm_config><cluster_property_set id="cib-bootstrap-options">
      <nvpair id="1" name="stonith-enabled" value="false"/><nvpair id="2" name="cluster-name" value="a b"/>
      </cluster_property_set></crm_config>
      <rsc_defaults><meta_attributes id="rsc-options"><nvpair id="3" name="resource-stickiness" value="1"/>
      </meta_attributes></rsc_defaults>`);
    expect(text).toBe(
      'property cib-bootstrap-options: \\\n\tstonith-enabled=false \\\n\tcluster-name="a b"\n' +
        "rsc_defaults rsc-options: \\\n\tresource-stickiness=1\n",
    );
  });

  test("collapses fencing levels shared by every node, else prints one target per line", () => {
    const levels = (devices2: string): string => `<fencing-topology>
      <fencing-level id="f0" target="n1" index="2" devices="f2"/>
      <fencing-level id="f1" target="n1" index="1" devices="f1"/>
      <fencing-level id="f2" target="n2" index="1" devices="f1"/>
      <fencing-level id="f3" target="n2" index="2" devices="${devices2}"/></fencing-topology>`;
    const nodes = `<nodes><node id="n1" uname="n1"/><node id="n2" uname="n2"/></nodes>`;
    expect(show(nodes + levels("f2"))).toBe("node n1\nnode n2\nfencing_topology f1 f2\n");
    expect(show(nodes + levels("f3"))).toBe(
      "node n1\nnode n2\nfencing_topology \\\n\tn1: f1 f2 \\\n\tn2: f1 f3\n",
    );
  });

  test("maps ACL XPaths back to crmsh's shortcuts", () => {
    const text = show(`<acls><acl_role id="r">
      <acl_permission id="1" kind="write" xpath="//primitive[@id='db']/meta_attributes/nvpair[@name='target-role']"/>
      <acl_permission id="2" kind="read" xpath="/cib"/>
      <acl_permission id="3" kind="deny" xpath="//nvpair[@name='passwd']"/>
      <acl_permission id="4" kind="read" attribute="uname" object-type="nvpair"/></acl_role>
      <acl_target id="alice"><role id="r"/></acl_target></acls>`);
    expect(text).toBe(
      "role r \\\n\twrite meta:db:target-role \\\n\tread cib \\\n" +
        "\tdeny xpath:\"//nvpair[@name='passwd']\" \\\n\tread attr:uname type:nvpair\n" +
        "acl_target alice \\\n\tr\n",
    );
  });

  test("prints tags and alerts with select and recipients", () => {
    const text = show(`<tags><tag id="t"><obj_ref id="a"/><obj_ref id="b"/></tag></tags>
      <alerts><alert id="al" path="/usr/bin/x.sh"><select><select_nodes/><select_attributes>
      <attribute id="1" name="standby"/></select_attributes></select>
      <recipient id="al-recipient-1" value="/tmp/log"/></alert></alerts>`);
    expect(text).toBe(
      'tag t a b\nalert al "/usr/bin/x.sh" \\\n\tselect nodes attributes { standby } \\\n\tto "/tmp/log"\n',
    );
  });

  test("prints nothing for an empty configuration", () => {
    expect(show("<crm_config/><nodes/><resources/><constraints/>")).toBe("");
  });
});

describe("showConfiguration() property sets crmsh could not read back", () => {
  test("a rule after an nvpair prints as xml (crmsh's parser reads rules first)", () => {
    const text = show(`<rsc_defaults><meta_attributes id="d"><nvpair id="n" name="a" value="1"/>
      <rule id="r" score="INFINITY"><expression id="e" attribute="x" operation="defined"/></rule>
      </meta_attributes></rsc_defaults>`);
    expect(text).toMatch(/^xml <meta_attributes id="d">/);
  });
});
