import { describe, expect, test } from "vitest";
import { dummy, show } from "./support.js";

describe("showConfiguration() resources", () => {
  test("prints ocf:heartbeat agents bare and other agents in full", () => {
    const text = show(`<resources>${dummy("a")}
      <primitive id="b" class="ocf" provider="pacemaker" type="Stateful"/>
      <primitive id="c" class="stonith" type="fence_xvm"/>
      <primitive id="d" class="systemd" type="ssh"/></resources>`);
    expect(text).toBe(
      "primitive a Dummy\nprimitive b ocf:pacemaker:Stateful\n" +
        "primitive c stonith:fence_xvm\nprimitive d systemd:ssh\n",
    );
  });

  test("quotes values outside [\\w.-], escapes quotes, keeps valueless nvpairs bare", () => {
    const sets = `<instance_attributes id="a-ia">
      <nvpair id="1" name="path" value="/run/a"/><nvpair id="2" name="say" value='a "b"'/>
      <nvpair id="3" name="flag"/><nvpair id="4" name="empty" value=""/>
      <nvpair id="5" name="word" value="x.y-z_1"/></instance_attributes>`;
    expect(show(`<resources>${dummy("a", sets)}</resources>`)).toBe(
      'primitive a Dummy \\\n\tparams path="/run/a" say="a \\"b\\"" flag empty="" word=x.y-z_1\n',
    );
  });

  test("obscures passw* values unless told not to, or with other patterns", () => {
    const sets = `<instance_attributes id="s"><nvpair id="1" name="passwd" value="x"/>
      <nvpair id="2" name="secret" value="y"/></instance_attributes>`;
    const sections = `<resources>${dummy("a", sets)}</resources>`;
    expect(show(sections)).toContain('passwd="******" secret=y');
    expect(show(sections, { obscure: false })).toContain("passwd=x secret=y");
    expect(show(sections, { obscurePatterns: ["sec*"] })).toContain('passwd=x secret="******"');
  });

  test("prints ops with op_params/op_meta lines and the operations id", () => {
    const ops = `<operations id="ops"><op id="o1" name="monitor" interval="10s" timeout="20s">
      <instance_attributes id="o1-ia"><nvpair id="o1-l" name="OCF_CHECK_LEVEL" value="10"/>
      </instance_attributes></op><op id="o2" name="stop" interval="0"/></operations>`;
    expect(show(`<resources>${dummy("a", ops)}</resources>`)).toBe(
      "primitive a Dummy \\\n\toperations $id=ops \\\n\top monitor interval=10s timeout=20s" +
        " \\\n\top_params OCF_CHECK_LEVEL=10 \\\n\top stop interval=0\n",
    );
  });

  test("prints comments above their object, trimmed and starting with #", () => {
    const text = show(`<resources>${dummy("a", "<!-- first --><!--# second-->")}</resources>`);
    expect(text).toBe("# first\n# second\nprimitive a Dummy\n");
  });

  test("prints group, clone and ms members as objects of their own, sorted by kind and id", () => {
    const text = show(`<resources><group id="g">${dummy("z")}${dummy("b")}</group>
      <master id="ms">${dummy("m")}</master>
      <clone id="cl"><meta_attributes id="cl-m"><nvpair id="1" name="interleave" value="true"/>
      </meta_attributes>${dummy("c")}</clone></resources>`);
    expect(text).toBe(
      "primitive b Dummy\nprimitive c Dummy\nprimitive m Dummy\nprimitive z Dummy\n" +
        "group g z b\nms ms m\nclone cl c \\\n\tmeta interleave=true\n",
    );
  });

  test("prints nodes with id, type and attribute sets; default type dropped", () => {
    const text = show(`<nodes><node id="1" uname="n1" type="member"><instance_attributes id="x">
      <nvpair id="y" name="standby" value="off"/></instance_attributes></node>
      <node id="n2" uname="n2" type="normal"/></nodes>`);
    expect(text).toBe("node 1: n1:member \\\n\tattributes standby=off\nnode n2\n");
  });

  test("prints elements crmsh cannot express as xml, in lxml's layout", () => {
    const text = show(`<resources><bundle id="b"><podman image="x"/></bundle></resources>`);
    expect(text).toBe('xml <bundle id="b"> \\\n  <podman image="x"/> \\\n</bundle>\n');
  });

  test("falls back to xml for non-ASCII values, written as character references", () => {
    const sets = `<instance_attributes id="s"><nvpair id="1" name="n" value="café"/></instance_attributes>`;
    expect(show(`<resources>${dummy("a", sets)}</resources>`)).toContain('value="caf&#233;"/>');
  });
});

describe("showConfiguration() head ids and agents crmsh could not read back", () => {
  test("a node id with a dot prints as xml; one needing quotes prints as $id", () => {
    const text = show(`<nodes><node id="a.b" uname="n1"/><node id="x y" uname="n2"/></nodes>`);
    expect(text).toBe('xml <node id="a.b" uname="n1"/>\nnode $id="x y" n2\n');
  });

  test("an ocf primitive without provider prints as xml; stonith:external/ssh does not", () => {
    const text = show(`<resources><primitive id="a" class="ocf" type="Dummy"/>
      <primitive id="b" class="stonith" type="external/ssh"/></resources>`);
    expect(text).toBe(
      'xml <primitive id="a" class="ocf" type="Dummy"/>\nprimitive b stonith:external/ssh\n',
    );
  });
});

describe("showConfiguration() comments below an object's children", () => {
  test("fall back to xml, the comment keeping cibadmin's following whitespace", () => {
    const sets = `<instance_attributes id="i"><!-- nested --><nvpair id="n" name="a" value="1"/>
      </instance_attributes>`;
    expect(show(`<resources>${dummy("a", sets)}</resources>`)).toBe(
      'xml <primitive id="a" class="ocf" provider="heartbeat" type="Dummy"> \\\n' +
        '  <instance_attributes id="i"><!-- nested --> \\\n' +
        '          <nvpair id="n" name="a" value="1"/></instance_attributes> \\\n</primitive>\n',
    );
  });
});

test("an empty <operations/> without id prints as xml: crmsh would drop it", () => {
  expect(show(`<resources>${dummy("a", "<operations/>")}</resources>`)).toMatch(/^xml <primitive/);
  expect(show(`<resources>${dummy("b", '<operations id="ops"/>')}</resources>`)).toBe(
    "primitive b Dummy \\\n\toperations $id=ops\n",
  );
});
