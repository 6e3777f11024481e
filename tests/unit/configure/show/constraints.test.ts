import { describe, expect, test } from "vitest";
import { show } from "./support.js";

const constraints = (body: string): string => `<constraints>${body}</constraints>`;

describe("showConfiguration() constraints", () => {
  test("prints location scores with inf, patterns, roles and rules", () => {
    const text = show(
      constraints(`
      <rsc_location id="l1" rsc="a" score="+INFINITY" node="n1"/>
      <rsc_location id="l2" rsc-pattern="^d" role="Promoted" score="-INFINITY" node="n2"/>
      <rsc_location id="l3" rsc="a"><rule id="r" score="INFINITY" boolean-op="or">
        <expression id="e1" attribute="#uname" operation="eq" value="n1" type="string"/>
        <expression id="e2" attribute="pingd" operation="not_defined"/></rule>
        <rule id="r2" score-attribute="pingd"><date_expression id="d" operation="lt" end="2030-01-01"/>
      </rule></rsc_location>`),
    );
    expect(text).toBe(
      "location l1 a +inf: n1\nlocation l2 /^d/ role=Promoted -inf: n2\n" +
        "location l3 a \\\n\trule #uname eq n1 or not_defined pingd \\\n" +
        "\trule pingd: date lt 2030-01-01\n",
    );
  });

  test("prints $id of a rule only when another rule refers to it", () => {
    const text = show(
      constraints(`
      <rsc_location id="l1" rsc="a"><rule id="shared" score="5">
        <expression id="e" attribute="x" operation="defined"/></rule></rsc_location>
      <rsc_location id="l2" rsc="b"><rule id-ref="shared"/></rsc_location>`),
    );
    expect(text).toBe(
      "location l1 a \\\n\trule $id=shared 5: defined x\nlocation l2 b \\\n\trule $id-ref=shared\n",
    );
  });

  test("prints colocation and order pairs with roles, actions, kinds and options", () => {
    const text = show(
      constraints(`
      <rsc_colocation id="c1" score="INFINITY" rsc="a" rsc-role="Started" with-rsc="b"
        with-rsc-role="Promoted" node-attribute="rack"/>
      <rsc_order id="o1" kind="Optional" first="a" first-action="stop" then="b" symmetrical="false"/>
      <rsc_order id="o2" first="a" then="b"/>`),
    );
    expect(text).toBe(
      "colocation c1 inf: a:Started b:Promoted node-attribute=rack\n" +
        "order o1 Optional: a:stop b symmetrical=false\norder o2 a b\n",
    );
  });

  test("prints resource sets with ( ), [ ] and the degenerate _rsc_set_ marker", () => {
    const text = show(
      constraints(`
      <rsc_colocation id="c1" score="100">
        <resource_set id="s0" sequential="false"><resource_ref id="a"/><resource_ref id="b"/></resource_set>
        <resource_set id="s1" require-all="false"><resource_ref id="c"/></resource_set>
      </rsc_colocation>
      <rsc_order id="o1" kind="Mandatory"><resource_set id="s2" sequential="true">
        <resource_ref id="a"/><resource_ref id="b"/></resource_set></rsc_order>
      <rsc_ticket id="t1" ticket="T" loss-policy="stop"><resource_set id="s3" role="Promoted">
        <resource_ref id="a"/><resource_ref id="b"/></resource_set></rsc_ticket>`),
    );
    expect(text).toBe(
      "colocation c1 100: ( a b ) [ c sequential=true ]\n" +
        "order o1 Mandatory: _rsc_set_ a b\n" +
        "rsc_ticket t1 T: a:Promoted b:Promoted loss-policy=stop\n",
    );
  });

  test("sorts locations, colocations and orders together by id", () => {
    const text = show(
      constraints(`
      <rsc_order id="b-order" first="a" then="b"/>
      <rsc_location id="c-loc" rsc="a" score="1" node="n"/>
      <rsc_colocation id="a-col" score="1" rsc="a" with-rsc="b"/>`),
    );
    expect(text.split("\n").map((line) => line.split(" ")[1])).toEqual([
      "a-col",
      "b-order",
      "c-loc",
      undefined,
    ]);
  });

  test("falls back to xml for an order score and a rule without a score", () => {
    const text = show(
      constraints(`
      <rsc_order id="o" score="INFINITY" first="a" then="b"/>
      <rsc_location id="l" rsc="a"><rule id="r"><expression id="e" attribute="x" operation="defined"/>
      </rule></rsc_location>`),
    );
    expect(text).toBe(
      'xml <rsc_location id="l" rsc="a"> \\\n  <rule id="r"> \\\n' +
        '    <expression id="e" attribute="x" operation="defined"/> \\\n  </rule> \\\n' +
        '</rsc_location>\nxml <rsc_order id="o" score="INFINITY" first="a" then="b"/>\n',
    );
  });
});

describe("showConfiguration() falls back to xml where crmsh's parser would read differently", () => {
  test("two adjacent plain sets with the same action would merge into one", () => {
    const text = show(
      constraints(`<rsc_order id="o"><resource_set id="s1"><resource_ref id="a"/>
      <resource_ref id="b"/></resource_set><resource_set id="s2"><resource_ref id="c"/>
      </resource_set></rsc_order>
      <rsc_order id="p"><resource_set id="t1" action="start"><resource_ref id="a"/></resource_set>
      <resource_set id="t2" action="stop"><resource_ref id="b"/></resource_set></rsc_order>`),
    );
    expect(text).toMatch(/^xml <rsc_order id="o">/);
    expect(text).toContain("\norder p _rsc_set_ a:start b:stop\n");
  });
});

describe("showConfiguration() rule expressions", () => {
  test("value-source param prints as param{…}; an explicit literal source prints as xml", () => {
    const location = (source: string): string =>
      constraints(`<rsc_location id="l" rsc="a"><rule id="r" score="INFINITY">
        <expression id="e" attribute="site" operation="eq" value="x" value-source="${source}"/>
        </rule></rsc_location>`);
    expect(show(location("param"))).toBe("location l a \\\n\trule site eq param{x}\n");
    expect(show(location("literal"))).toMatch(/^xml <rsc_location id="l" rsc="a">/);
  });
});

test("a colocation without a score prints as xml: crmsh's parser requires one", () => {
  const text = show(constraints(`<rsc_colocation id="c" rsc="a" with-rsc="b"/>`));
  expect(text).toBe('xml <rsc_colocation id="c" rsc="a" with-rsc="b"/>\n');
});
