import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  cloneNode,
  descendants,
  element,
  firstChild,
  type XmlElement,
} from "../../../backend/cib/index.js";
import { cibReadableBy, parseXpath, selectElements } from "../../../daemons/cib/index.js";
import { aclCib } from "./fixture.js";

/**
 * Properties of cibReadableBy() on the fixture CIB under random roles for one user: an element
 * appears with its content exactly when a read or write permission reaches it with no deny on
 * the way (denied elements never show more than their id), and every other element shown is
 * an id-only skeleton leading to readable ones.
 */
const xpaths = [
  "/cib",
  "/cib/configuration",
  "/cib/configuration/resources",
  "/cib/configuration/nodes",
  "/cib/status",
  "//primitive",
  "//primitive[@id='db']",
  "//nvpair",
  "//nvpair[@name='password']",
  "//nvpair[@name='target-role']",
  "//instance_attributes",
  "//meta_attributes/nvpair",
  "//*[@value]",
  "//*[@id='node1-attrs']/*",
  "//acls",
  "//rsc_location",
  "//node_state",
  "//primitive/@description",
];

const permission = fc.record({
  kind: fc.constantFrom("read", "write", "deny"),
  xpath: fc.constantFrom(...xpaths),
});

function withRole(permissions: readonly { kind: string; xpath: string }[]): XmlElement {
  const cib = aclCib();
  const configuration = firstChild(cib, "configuration");
  const acls = configuration === undefined ? undefined : firstChild(configuration, "acls");
  if (acls === undefined) throw new Error("fixture has acls");
  acls.children.push(
    element(
      "acl_role",
      { id: "random-role" },
      permissions.map((entry, index) =>
        element("acl_permission", { id: `random-${index}`, ...entry }),
      ),
    ),
    element("acl_target", { id: "tess" }, [element("role", { id: "random-role" })]),
  );
  let counter = 0;
  for (const node of descendants(cib)) node.attributes["qid"] = `${counter++}`;
  return cib;
}

function matched(
  cib: XmlElement,
  permissions: readonly { kind: string; xpath: string }[],
  kind: string,
): Set<XmlElement> {
  const found = new Set<XmlElement>();
  for (const entry of permissions.filter((candidate) => candidate.kind === kind)) {
    const parsed = parseXpath(entry.xpath);
    if (parsed.ok) for (const node of selectElements(cib, parsed.value)) found.add(node);
  }
  return found;
}

/** qids of the elements a role grants: reached by read/write, no deny from there down. */
function granted(
  cib: XmlElement,
  permissions: readonly { kind: string; xpath: string }[],
): Set<string> {
  const denied = matched(cib, permissions, "deny");
  const allowed = new Set([
    ...matched(cib, permissions, "read"),
    ...matched(cib, permissions, "write"),
  ]);
  const result = new Set<string>();
  const visit = (node: XmlElement, readable: boolean): void => {
    const here = denied.has(node) ? false : allowed.has(node) ? true : readable;
    if (here) result.add(node.attributes["qid"] ?? "");
    for (const child of node.children) if (child.kind === "element") visit(child, here);
  };
  visit(cib, false);
  return result;
}

describe("cibReadableBy() properties", () => {
  test("shows exactly the granted elements whole; denied ones never show more than an id", () => {
    fc.assert(
      fc.property(fc.array(permission, { minLength: 1, maxLength: 6 }), (permissions) => {
        const cib = withRole(permissions);
        const expected = granted(cib, permissions);
        const readable = cibReadableBy(cloneNode(cib), { user: "tess", unrestricted: false });
        const shown = new Set<string>();
        for (const node of readable === undefined ? [] : descendants(readable)) {
          const qid = node.attributes["qid"];
          if (qid !== undefined) shown.add(qid);
          else {
            expect(Object.keys(node.attributes).filter((name) => name !== "id")).toEqual([]);
            expect(node.children.some((child) => child.kind === "element")).toBe(true);
          }
        }
        expect([...shown].sort()).toEqual([...expected].sort());
        const denied = matched(cib, permissions, "deny");
        for (const node of denied) expect(shown.has(node.attributes["qid"] ?? "")).toBe(false);
      }),
      { numRuns: Number(process.env["ACL_PROPERTY_RUNS"] ?? "150") },
    );
  });
});
