import { describe, expect, test } from "vitest";
import { readXml, type XmlElement } from "../../../backend/cib/index.js";
import { validateCibWrite } from "../../../daemons/cib/index.js";

function cib(configuration: string, status = "<status/>"): XmlElement {
  const text =
    `<cib admin_epoch="0" epoch="3" num_updates="0" validate-with="pacemaker-3.9">` +
    `<configuration><crm_config/><nodes><node id="1" uname="node1"/></nodes>` +
    `${configuration}</configuration>${status}</cib>`;
  const read = readXml(text);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return read.value;
}

const dummy = `<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"/>`;

function messages(configuration: string): string[] {
  const result = validateCibWrite(cib(configuration));
  return result.ok ? [] : result.issues.map((found) => found.message);
}

describe("validateCibWrite()", () => {
  test("accepts a small valid configuration", () => {
    const result = validateCibWrite(
      cib(
        `<resources>${dummy}</resources><constraints>` +
          `<rsc_location id="l1" rsc="d1" score="-INFINITY" node="node1"/></constraints>`,
      ),
    );
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test("rejects an unknown attribute, naming the element path and the nearest name", () => {
    const found = messages(
      `<resources><primitive id="d1" class="ocf" provider="pacemaker" typo="x" type="Dummy"/>` +
        `</resources><constraints/>`,
    );
    expect(found).toEqual([
      `/cib/configuration/resources/primitive[@id='d1']: attribute "typo" is not allowed on <primitive> (did you mean "type"?)`,
    ]);
  });

  test("rejects a bad score, boolean, role and kind", () => {
    const found = messages(
      `<resources>${dummy}<primitive id="d2" class="lsb" type="x"/></resources><constraints>` +
        `<rsc_location id="l1" rsc="d1" score="lots" node="node1" role="Boss"/>` +
        `<rsc_order id="o1" first="d1" then="d2" kind="Sometimes" symmetrical="yes"/>` +
        `</constraints>`,
    );
    expect(found).toHaveLength(4);
    expect(found[0]).toContain(`bad value "lots" for attribute "score"`);
    expect(found[1]).toContain(`bad value "Boss" for attribute "role"`);
    expect(found[2]).toContain(`bad value "Sometimes" for attribute "kind"`);
    expect(found[3]).toContain(`bad value "yes" for attribute "symmetrical"`);
  });

  test("rejects an ocf primitive without provider and an lsb one with a provider", () => {
    const found = messages(
      `<resources><primitive id="a" class="ocf" type="Dummy"/>` +
        `<primitive id="b" class="lsb" provider="x" type="y"/></resources><constraints/>`,
    );
    expect(found).toEqual([
      `/cib/configuration/resources/primitive[@id='a']: class "ocf" expects attribute "provider"`,
      `/cib/configuration/resources/primitive[@id='b']: attributes "provider" are not allowed with class "lsb"`,
    ]);
  });

  test("rejects a missing section, an unknown element and text content", () => {
    const found = messages(`<resources>${dummy}<primitve id="x"/>text</resources>`);
    expect(found).toContain(
      `/cib/configuration/resources/primitve[@id='x']: <primitve> is not allowed in <resources>; ` +
        `expected <primitive>, <template>, <group>, <clone>, <master>, <bundle> (did you mean <primitive>?)`,
    );
    expect(found).toContain(`/cib/configuration/resources: text is not allowed here`);
    expect(found).toContain(`/cib/configuration: <configuration> expects a <constraints> child`);
  });

  test("rejects duplicate ids and constraints naming missing or non-resource ids", () => {
    const found = messages(
      `<resources>${dummy}${dummy}</resources><constraints>` +
        `<rsc_colocation id="c1" score="INFINITY" rsc="d1" with-rsc="d9"/>` +
        `<rsc_order id="o1" first="d1" then="c1"/></constraints>`,
    );
    expect(found).toEqual([
      `/cib/configuration/resources/primitive[@id='d1']: id "d1" is already used by <primitive> at /cib/configuration/resources/primitive[@id='d1']`,
      `/cib/configuration/constraints/rsc_colocation[@id='c1']: attribute "with-rsc" names "d9", which no element has as its id (did you mean "d1"?)`,
      `/cib/configuration/constraints/rsc_order[@id='o1']: attribute "then" names "c1", a <rsc_colocation>; expected a resource, template or tag`,
    ]);
  });

  test("a group needs a primitive, a clone exactly one child", () => {
    const found = messages(
      `<resources><group id="g"/><clone id="c">${dummy}<group id="g2">` +
        `<primitive id="d3" class="lsb" type="x"/></group></clone></resources><constraints/>`,
    );
    expect(found).toEqual([
      `/cib/configuration/resources/group[@id='g']: <group> expects a <primitive> child`,
      `/cib/configuration/resources/clone[@id='c']: expected exactly one "primitive" or "group" child`,
    ]);
  });

  test("the status section may hold anything", () => {
    const result = validateCibWrite(
      cib(
        `<resources/><constraints/>`,
        `<status><node_state id="1" x="y"><any/></node_state></status>`,
      ),
    );
    expect(result.ok).toBe(true);
  });

  test("an unknown node in a location is a warning, not an error", () => {
    const result = validateCibWrite(
      cib(
        `<resources>${dummy}</resources><constraints><rsc_location id="l" rsc="d1" score="1" node="node2"/></constraints>`,
      ),
    );
    expect(result.ok).toBe(true);
    expect(result.issues.map((found) => found.severity)).toEqual(["warning"]);
  });

  test("an ACL permission takes exactly one of xpath, reference, object-type", () => {
    const found = messages(
      `<resources>${dummy}</resources><constraints/><acls><acl_role id="r">` +
        `<acl_permission id="p" kind="read" xpath="/cib" reference="d1"/>` +
        `<acl_permission id="q" kind="write" attribute="x"/>` +
        `<acl_permission id="u" kind="read" xpath="//a | //b"/></acl_role></acls>`,
    );
    expect(found).toEqual([
      `/cib/configuration/acls/acl_role[@id='r']/acl_permission[@id='p']: expected only one of the attributes "xpath", "reference"`,
      `/cib/configuration/acls/acl_role[@id='r']/acl_permission[@id='q']: expected one of the attributes "xpath", "reference", "object-type"`,
      `/cib/configuration/acls/acl_role[@id='r']/acl_permission[@id='q']: attribute "attribute" is allowed only with "object-type"`,
      `/cib/configuration/acls/acl_role[@id='r']/acl_permission[@id='u']: Unsupported xpath "//a | //b": unexpected "|" at column 5`,
    ]);
  });

  test("cluster options Pacemaker dropped are refused; cluster-infrastructure needs a value", () => {
    const text =
      `<cib admin_epoch="0" epoch="1" num_updates="0"><configuration><crm_config>` +
      `<cluster_property_set id="o"><nvpair id="a" name="stonith_enabled" value="true"/>` +
      `<nvpair id="b" name="cluster-infrastructure"/><nvpair id="c" name="cluster-infrastructure" value="cman"/>` +
      `</cluster_property_set></crm_config><nodes/><resources/><constraints/></configuration></cib>`;
    const read = readXml(text);
    const result = read.ok ? validateCibWrite(read.value) : read;
    expect(result.issues.map((found) => found.message)).toEqual([
      `/cib/configuration/crm_config/cluster_property_set[@id='o']/nvpair[@id='a']: nvpair name "stonith_enabled" is not allowed here (Pacemaker no longer supports it)`,
      `/cib/configuration/crm_config/cluster_property_set[@id='o']/nvpair[@id='b']: cluster-infrastructure expects attribute "value"`,
      `/cib/configuration/crm_config/cluster_property_set[@id='o']/nvpair[@id='c']: cluster-infrastructure "cman" is not allowed (no longer supported)`,
    ]);
  });
});
