import { describe, expect, test } from "vitest";
import { permanentAttribute } from "../../../daemons/agents/tools/permanent-attribute.js";

const cib = `<cib><configuration><nodes>
<node id="1" uname="node1"><instance_attributes id="a"><nvpair id="a1" name="site" value="east"/>
</instance_attributes></node><node id="2" uname="node2"/></nodes></configuration></cib>`;

describe("permanentAttribute()", () => {
  test("finds a node's nvpair by uname; undefined for a missing node, name or bad XML", () => {
    expect(permanentAttribute(cib, "node1", "site")).toBe("east");
    expect(permanentAttribute(cib, "node2", "site")).toBeUndefined();
    expect(permanentAttribute(cib, "node3", "site")).toBeUndefined();
    expect(permanentAttribute(cib, "node1", "rack")).toBeUndefined();
    expect(permanentAttribute("<cib", "node1", "site")).toBeUndefined();
  });
});
