import { describe, expect, it } from "vitest";
import { applyStatements } from "../../../../backend/configure/to-cib/index.js";
import type { XmlElement } from "../../../../backend/cib/index.js";
import { emptyCib } from "../../../../backend/cib/index.js";
import type { ResourceSet, Statement } from "../../../../grammar/index.js";
import { group, primitive, ref, score, sectionXml, span } from "./ast-builders.js";

function applied(statements: Statement[], cib: XmlElement = emptyCib()): XmlElement {
  const result = applyStatements(cib, statements, { mode: "update" });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  return result.value;
}

function set(members: string[], extra: Partial<ResourceSet> = {}): ResourceSet {
  return {
    kind: "resource_set",
    bracket: "none",
    sequential: true,
    requireAll: true,
    members: members.map(ref),
    span: span(),
    ...extra,
  };
}

const base = () => ["a", "b", "c"].map((id) => primitive(id, "Dummy"));

describe("applyStatements() constraints and other objects", () => {
  it("numbers resource sets <constraint>-0, -1 and writes only non-default flags", () => {
    const colocation: Statement = {
      kind: "colocation",
      id: "col",
      score: score("inf"),
      resources: {
        form: "sets",
        sets: [
          set(["a", "b"], { bracket: "brackets", sequential: false, requireAll: false }),
          set(["c"], { role: "Promoted" }),
        ],
      },
      comments: [],
      span: span(),
    };
    expect(sectionXml(applied([...base(), colocation]), "constraints")).toBe(
      [
        "<constraints>",
        '  <rsc_colocation id="col" score="INFINITY">',
        '    <resource_set require-all="false" sequential="false" id="col-0">',
        '      <resource_ref id="a"/>',
        '      <resource_ref id="b"/>',
        "    </resource_set>",
        '    <resource_set role="Promoted" id="col-1">',
        '      <resource_ref id="c"/>',
        "    </resource_set>",
        "  </rsc_colocation>",
        "</constraints>",
      ].join("\n"),
    );
  });

  it("turns an order score into a kind and writes symmetrical", () => {
    const order: Statement = {
      kind: "order",
      id: "o",
      orderKindRaw: "0",
      score: score("0"),
      resources: {
        form: "pair",
        first: { resource: ref("a"), action: "start" },
        then: { resource: ref("b") },
      },
      symmetrical: false,
      comments: [],
      span: span(),
    };
    expect(sectionXml(applied([...base(), order]), "constraints")).toContain(
      '<rsc_order id="o" kind="Optional" symmetrical="false" first="a" first-action="start" then="b"/>',
    );
  });

  it("creates a group's processing order: primitives first even when written after", () => {
    const cib = applied([group("g", ["a", "b"]), ...base()]);
    expect(sectionXml(cib, "resources")).toMatch(/<group id="g">\s*<primitive id="a"/);
  });

  it("expands ACL shortcuts and numbers permissions <role>-N", () => {
    const role: Statement = {
      kind: "role",
      id: "admin",
      permissions: [
        {
          kind: "acl_permission",
          right: "write",
          specs: [{ keyword: "meta", keywordRaw: "meta", value: "db:target-role", span: span() }],
          span: span(),
        },
        {
          kind: "acl_permission",
          right: "read",
          specs: [
            { keyword: "type", keywordRaw: "type", value: "nvpair", span: span() },
            { keyword: "attr", keywordRaw: "attr", value: "uname", span: span() },
          ],
          span: span(),
        },
      ],
      comments: [],
      span: span(),
    };
    expect(sectionXml(applied([role]), "acls")).toBe(
      [
        "<acls>",
        '  <acl_role id="admin">',
        '    <acl_permission kind="write" xpath="//primitive[@id=\'db\']/meta_attributes/nvpair[@name=\'target-role\']" id="admin-0"/>',
        '    <acl_permission kind="read" object-type="nvpair" attribute="uname" id="admin-1"/>',
        "  </acl_role>",
        "</acls>",
      ].join("\n"),
    );
  });

  it("numbers alert recipients from 1 and select attributes <alert>-N", () => {
    const alert: Statement = {
      kind: "alert",
      id: "log",
      path: "/bin/log.sh",
      sets: [],
      select: {
        items: [{ kind: "nodes" }, { kind: "attributes", attributeNames: ["standby"] }],
        span: span(),
      },
      recipients: [{ value: "/var/log/a", sets: [], braces: false, span: span() }],
      comments: [],
      span: span(),
    };
    const xml = sectionXml(applied([alert]), "alerts");
    expect(xml).toContain('<attribute name="standby" id="log-0"/>');
    expect(xml).toContain('<recipient id="log-recipient-1" value="/var/log/a"/>');
  });

  it("adds a monitor op to an existing primitive and inserts raw XML verbatim", () => {
    const monitor: Statement = {
      kind: "monitor",
      resource: ref("a"),
      role: "Promoted",
      interval: "15s",
      comments: [],
      span: span(),
    };
    const raw: Statement = {
      kind: "xml",
      text: '<primitive id="x1" class="ocf" provider="heartbeat" type="Dummy"><meta_attributes><nvpair name="n" value="v"/></meta_attributes></primitive>',
      comments: [],
      span: span(),
    };
    const xml = sectionXml(applied([...base(), monitor, raw]), "resources");
    expect(xml).toContain('<op name="monitor" role="Promoted" interval="15s" id="a-monitor-15s"/>');
    expect(xml).toContain('<nvpair name="n" value="v" id="x1-meta_attributes-n"/>');
  });

  it("rejects an invalid object id, a doubled group child and a group of a group", () => {
    const invalid = applyStatements(emptyCib(), [primitive("1abc", "Dummy")]);
    expect(invalid.ok).toBe(false);
    expect(invalid.issues[0]?.code).toBe("invalid_id");
    const doubled = applyStatements(emptyCib(), [...base(), group("g", ["a", "a"])]);
    expect(doubled.ok).toBe(false);
    const nested = applyStatements(emptyCib(), [...base(), group("g", ["a"]), group("h", ["g"])]);
    expect(nested.ok).toBe(false);
    expect(nested.issues[0]?.code).toBe("wrong_child_kind");
  });

  it("refuses a monitor whose interval the primitive already has (10s = 10000ms)", () => {
    const withOp = primitive("a", "Dummy", { ops: [] });
    const cib = applied([{ ...withOp }]);
    const monitor = (interval: string): Statement => ({
      kind: "monitor",
      resource: ref("a"),
      interval,
      comments: [],
      span: span(),
    });
    const once = applyStatements(cib, [monitor("10s")]);
    if (!once.ok) throw new Error("first monitor failed");
    const twice = applyStatements(once.value, [monitor("10000ms")]);
    expect(twice.ok).toBe(false);
    expect(twice.issues[0]?.message).toContain("already has a monitor op with interval 10000ms");
  });

  it("turns an order set left with two resources into first/then when grouping", () => {
    const order: Statement = {
      kind: "order",
      id: "o",
      orderKindRaw: "-inf",
      score: score("-inf"),
      resources: { form: "sets", sets: [set(["a", "b", "c"])] },
      comments: [],
      span: span(),
    };
    const cib = applied([...base(), order]);
    const grouped = applyStatements(cib, [group("g", ["a", "b"])]);
    if (!grouped.ok) throw new Error("group failed");
    expect(sectionXml(grouped.value, "constraints")).toContain(
      '<rsc_order id="o" kind="Mandatory" first="g" then="c"/>',
    );
  });

  it("asks ocfProviders for a provider-less OCF agent", () => {
    const result = applyStatements(emptyCib(), [primitive("a", "Custom")], {
      ocfProviders: () => ["acme"],
    });
    if (!result.ok) throw new Error("apply failed");
    expect(sectionXml(result.value, "resources")).toContain(
      '<primitive id="a" class="ocf" provider="acme" type="Custom"/>',
    );
  });

  it("rejects malformed raw XML, a schema-invalid node type and <acl_user>", () => {
    const raw: Statement = { kind: "xml", text: "<primitive id=", comments: [], span: span() };
    const node: Statement = {
      kind: "node",
      uname: "n1",
      type: "normal",
      sets: [],
      comments: [],
      span: span(),
    };
    const user: Statement = {
      kind: "user",
      id: "carol",
      entries: [{ kind: "role_ref", role: ref("ro") }],
      comments: [],
      span: span(),
    };
    const codes = [raw, node, user].map((statement) => {
      const result = applyStatements(emptyCib(), [statement]);
      expect(result.ok).toBe(false);
      return result.issues[0]?.code;
    });
    expect(codes).toEqual(["invalid_xml", "invalid_node_type", "unsupported"]);
  });
});
