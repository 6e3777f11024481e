import { describe, expect, test } from "vitest";
import type { XmlElement } from "../../../../backend/cib/index.js";
import { emptyCib, readXml } from "../../../../backend/cib/index.js";
import { verifyConfiguration } from "../../../../backend/configure/index.js";

function cibOf(resources: string, constraints = "", extra = ""): XmlElement {
  const parsed = readXml(
    `<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/></nodes><resources>${resources}</resources>` +
      `<constraints>${constraints}</constraints>${extra}</configuration><status/></cib>`,
  );
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return parsed.value;
}
const dummy = (id: string, body = ""): string =>
  `<primitive id="${id}" class="ocf" provider="heartbeat" type="Dummy">${body}</primitive>`;

function messages(cib: XmlElement): string[] {
  return verifyConfiguration(cib).map((found) => `${found.code}: ${found.message}`);
}

describe("verifyConfiguration()", () => {
  test("accepts an empty CIB and a sound configuration", () => {
    expect(verifyConfiguration(emptyCib())).toEqual([]);
    const sound = cibOf(
      `${dummy("a")}<clone id="c"><group id="g">${dummy("b")}</group></clone>`,
      `<rsc_colocation id="co" score="INFINITY" rsc="a" with-rsc="c"/>` +
        `<rsc_order id="o" kind="Mandatory" first="a" then="c"/>` +
        `<rsc_location id="l" rsc="a" score="-INFINITY" node="n1"/>`,
    );
    expect(messages(sound)).toEqual([]);
  });

  test("reports duplicate ids, naming the object", () => {
    const found = verifyConfiguration(cibOf(`${dummy("a")}<group id="g">${dummy("a")}</group>`));
    expect(found.map((item) => item.code)).toContain("duplicate_id");
    expect(found[0]?.path).toEqual(["a"]);
  });

  test("reports references to missing resources, templates, tags and devices", () => {
    const cib = cibOf(
      `${dummy("a")}<primitive id="p" template="nothing"/>`,
      `<rsc_colocation id="co" score="INFINITY" rsc="a" with-rsc="ghost"/>` +
        `<rsc_order id="o"><resource_set id="o-0"><resource_ref id="ghost2"/></resource_set></rsc_order>`,
      `<tags><tag id="t"><obj_ref id="ghost3"/></tag></tags>` +
        `<fencing-topology><fencing-level id="f" index="1" target="n1" devices="ghost4"/></fencing-topology>`,
    );
    expect(messages(cib)).toEqual([
      'missing_reference: Primitive "p" refers to missing template "nothing"',
      'missing_reference: Colocation "co" refers to missing resource "ghost"',
      'missing_reference: Order "o" refers to missing resource "ghost2"',
      'missing_reference: Tag "t" refers to missing object "ghost3"',
      'missing_reference: Fencing level "f" refers to missing fencing device "ghost4"',
    ]);
  });

  test("reports bad scores, roles, kinds and unknown operations (a warning)", () => {
    const cib = cibOf(
      dummy("a", `<operations><op id="a-x" name="frobnicate" interval="0"/></operations>`),
      `<rsc_location id="l" rsc="a" score="inf" node="n1"/>` +
        `<rsc_location id="l2" rsc="a" role="Boss" score="1" node="n1"/>` +
        `<rsc_order id="o" kind="Sometimes" first="a" then="a"/>`,
    );
    expect(messages(cib)).toEqual([
      'unknown_operation: Primitive "a" has an unknown operation "frobnicate"',
      'bad_score: Location "l" has a bad score "inf" (an integer or [+-]INFINITY)',
      'unknown_role: Location "l2" has an unknown role "Boss"',
      'bad_value: Order "o" has an unknown order kind "Sometimes"',
    ]);
    const operation = verifyConfiguration(cib).find((item) => item.code === "unknown_operation");
    expect(operation?.severity).toBe("warning");
  });

  test("reports illegal nesting and empty containers", () => {
    const cib = cibOf(
      `<clone id="c1"><clone id="c2">${dummy("a")}</clone></clone>` +
        `<group id="g1"><group id="g2">${dummy("b")}</group></group><group id="g3"/>`,
    );
    expect(messages(cib)).toEqual([
      'illegal_nesting: Clone "c2" cannot be inside clone "c1"',
      'illegal_nesting: Group "g2" cannot be inside group "g1"',
      'empty_container: Group "g3" has no resources',
    ]);
  });

  test("warns, as crmsh does, about unknown nodes and repeated operations", () => {
    const cib = cibOf(
      dummy(
        "a",
        `<operations><op id="a-m1" name="monitor" interval="10s"/>` +
          `<op id="a-m2" name="monitor" interval="10s"/></operations>`,
      ),
      `<rsc_location id="l" rsc="a" score="1" node="nowhere"/>`,
    );
    const found = verifyConfiguration(cib);
    expect(found.map((item) => `${item.severity}: ${item.message}`)).toEqual([
      'warning: Primitive "a": interval in monitor must be unique',
      'warning: Location "l": referenced node "nowhere" does not exist',
    ]);
  });

  test("puts the script position of the object on its issues", () => {
    const span = { line: 3, column: 1, offset: 40, length: 20 };
    const cib = cibOf("", `<rsc_location id="l" rsc="ghost" score="1" node="n1"/>`);
    const found = verifyConfiguration(cib, { positions: new Map([["l", span]]) });
    expect(found[0]?.span).toEqual(span);
  });
});
