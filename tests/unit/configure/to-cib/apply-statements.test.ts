import { describe, expect, it } from "vitest";
import { applyStatements } from "../../../../backend/configure/to-cib/index.js";
import type { XmlElement } from "../../../../backend/cib/index.js";
import { emptyCib, nodesEqual, writeXml } from "../../../../backend/cib/index.js";
import type { Statement } from "../../../../grammar/index.js";
import {
  group,
  location,
  meta,
  op,
  params,
  primitive,
  property,
  ref,
  section,
  sectionXml,
  span,
} from "./ast-builders.js";

function applied(
  statements: Statement[],
  cib: XmlElement = emptyCib(),
  mode?: "update",
): XmlElement {
  const result = applyStatements(cib, statements, mode === undefined ? {} : { mode });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  return result.value;
}

describe("applyStatements()", () => {
  it("writes a primitive with crmsh's attribute order and generated ids", () => {
    const cib = applied([
      primitive("vip", "IPaddr2", {
        sets: [params({ ip: "10.0.0.1" })],
        ops: [op("monitor", { interval: "10s", timeout: "20s" }), op("start")],
        comments: ["# The floating IP"],
      }),
    ]);
    expect(sectionXml(cib, "resources")).toBe(
      [
        "<resources>",
        '  <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2">',
        "    <!--# The floating IP-->",
        '    <instance_attributes id="vip-instance_attributes">',
        '      <nvpair name="ip" value="10.0.0.1" id="vip-instance_attributes-ip"/>',
        "    </instance_attributes>",
        "    <operations>",
        '      <op name="monitor" interval="10s" timeout="20s" id="vip-monitor-10s"/>',
        '      <op name="start" interval="0" id="vip-start-0"/>',
        "    </operations>",
        "  </primitive>",
        "</resources>",
      ].join("\n"),
    );
  });

  it("suffixes repeated sets -0 and picks pacemaker for pacemaker-only agents", () => {
    const cib = applied([
      primitive("p", "ping", { sets: [params({ a: "1" }), params({ b: "2" })] }),
    ]);
    const xml = sectionXml(cib, "resources");
    expect(xml).toContain('provider="pacemaker"');
    expect(xml).toContain('<nvpair name="b" value="2" id="p-instance_attributes-0-b"/>');
  });

  it("moves group children in, after the group's own sets", () => {
    const grouped: Statement = {
      ...(group("g", ["a", "b"]) as Statement & { kind: "group" }),
      sets: [meta({ x: "1" })],
    };
    const cib = applied([primitive("a", "Dummy"), primitive("b", "Dummy"), grouped]);
    const resources = section(cib, "resources");
    expect(resources.children).toHaveLength(1);
    expect(writeXml(resources)).toMatch(
      /<group id="g">\s*<meta_attributes id="g-meta_attributes">[\s\S]*<primitive id="a"[\s\S]*<primitive id="b"/,
    );
  });

  it("never changes the CIB it is given", () => {
    const before = emptyCib();
    const copy = emptyCib();
    applied([primitive("a", "Dummy")], before);
    expect(nodesEqual(before, copy)).toBe(true);
  });

  it("rejects a constraint on a missing resource and changes nothing", () => {
    const result = applyStatements(emptyCib(), [location("l1", "ghost", "100", "node1")]);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: "missing_reference" });
    expect(result.issues[0]?.message).toContain('"ghost"');
    expect(result.issues[0]?.span).toBeDefined();
  });

  it("suggests the nearest resource id for a misspelt reference", () => {
    const result = applyStatements(emptyCib(), [
      primitive("web", "Dummy"),
      location("l1", "wbe", "100", "node1"),
    ]);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: "missing_reference", suggestion: "web" });
  });

  it("rejects an existing id outside of update mode, naming the statement", () => {
    const cib = applied([primitive("a", "Dummy")]);
    const again = primitive("a", "Dummy");
    const result = applyStatements(cib, [again]);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: "duplicate_id", span: again.span });
  });

  it("replaces an existing object in place in update mode", () => {
    const cib = applied([
      primitive("a", "Dummy", { sets: [params({ x: "1" })] }),
      primitive("b", "Dummy"),
    ]);
    const updated = applied(
      [primitive("a", "Dummy", { sets: [params({ y: "2" })] })],
      cib,
      "update",
    );
    const xml = sectionXml(updated, "resources");
    expect(xml.indexOf('id="a"')).toBeLessThan(xml.indexOf('id="b"'));
    expect(xml).toContain('id="a-instance_attributes-y"');
    expect(xml).not.toContain('name="x"');
  });

  it("refuses a child that is already in another group", () => {
    const cib = applied([primitive("a", "Dummy"), group("g1", ["a"])]);
    const second = group("g2", ["a"]);
    const result = applyStatements(cib, [second]);
    expect(result.ok).toBe(false);
    const childSpan = second.kind === "group" ? second.children[0]?.span : undefined;
    expect(result.issues[0]).toMatchObject({ code: "child_in_use", span: childSpan });
  });

  it("merges property statements into the existing set", () => {
    const cib = applied([property({ "stonith-enabled": "false" })]);
    const merged = applied([property({ "stonith-enabled": "true", "cluster-name": "demo" })], cib);
    expect(sectionXml(merged, "crm_config")).toBe(
      [
        "<crm_config>",
        '  <cluster_property_set id="cib-bootstrap-options">',
        '    <nvpair name="stonith-enabled" value="true" id="cib-bootstrap-options-stonith-enabled"/>',
        '    <nvpair name="cluster-name" value="demo" id="cib-bootstrap-options-cluster-name"/>',
        "  </cluster_property_set>",
        "</crm_config>",
      ].join("\n"),
    );
  });

  it("rejects two property statements for one set in a load update", () => {
    const result = applyStatements(emptyCib(), [property({ a: "1" }), property({ b: "2" })], {
      mode: "update",
    });
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.message).toContain("cib-bootstrap-options");
  });

  it("expands a target-less fencing_topology to the nodes known before the batch", () => {
    const nodes: Statement[] = ["n2", "n1"].map((uname) => ({
      kind: "node",
      uname,
      sets: [],
      comments: [],
      span: span(),
    }));
    const cib = applied(nodes);
    const topology: Statement = {
      kind: "fencing_topology",
      targets: [
        {
          levels: [
            { devices: [ref("f1")], span: span() },
            { devices: [ref("f2"), ref("f3")], span: span() },
          ],
        },
      ],
      comments: [],
      span: span(),
    };
    const xml = sectionXml(applied([topology], cib), "fencing-topology");
    expect(xml).toContain('<fencing-level target="n1" index="1" devices="f1" id="fencing"/>');
    expect(xml).toContain('<fencing-level target="n1" index="2" devices="f2,f3" id="fencing-0"/>');
    expect(xml).toContain('<fencing-level target="n2" index="2" devices="f2,f3" id="fencing-2"/>');
  });

  it("redirects constraints on new group members to the group, as crmsh does", () => {
    const colocation: Statement = {
      kind: "colocation",
      id: "co",
      score: { raw: "inf", form: "infinity", value: "INFINITY", span: span() },
      resources: {
        form: "pair",
        resource: { resource: ref("a") },
        withResource: { resource: ref("b") },
      },
      comments: [],
      span: span(),
    };
    const cib = applied([
      primitive("a", "Dummy"),
      primitive("b", "Dummy"),
      location("l1", "a", "100", "n1"),
      colocation,
    ]);
    const result = applyStatements(cib, [group("g", ["a", "b"])]);
    if (!result.ok) throw new Error("group failed");
    const constraints = sectionXml(result.value, "constraints");
    expect(constraints).toContain('<rsc_location id="l1" rsc="g" score="100" node="n1"/>');
    expect(constraints).not.toContain("rsc_colocation");
    expect(result.issues.map((issue) => issue.severity)).toEqual([
      "warning",
      "warning",
      "warning",
      "warning",
    ]);
  });

  it("replace mode keeps the nodes and replaces everything else (load replace)", () => {
    const node: Statement = { kind: "node", uname: "n1", sets: [], comments: [], span: span() };
    const topology = (device: string): Statement => ({
      kind: "fencing_topology",
      targets: [{ levels: [{ devices: [ref(device)], span: span() }] }],
      comments: [],
      span: span(),
    });
    const cib = applied([node, primitive("a", "Dummy")]);
    const first = applied([topology("a"), primitive("b", "Dummy")], cib, "update");
    const result = applyStatements(first, [topology("b"), primitive("b", "Dummy")], {
      mode: "replace",
    });
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
    expect(sectionXml(result.value, "nodes")).toContain('<node uname="n1" id="n1"/>');
    expect(sectionXml(result.value, "resources")).not.toContain('id="a"');
    const configuration = writeXml(section(result.value, "resources"));
    expect(configuration).toContain('id="b"');
    const whole = writeXml(result.value);
    expect(whole.match(/<fencing-topology>/g)).toHaveLength(1);
    expect(whole).toContain('<fencing-level target="n1" index="1" devices="b" id="fencing"/>');
  });
});
