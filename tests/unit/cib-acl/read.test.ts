import { describe, expect, test } from "vitest";
import { descendants, findById, writeXml } from "../../../backend/cib/index.js";
import { cibReadableBy, validateCibWrite } from "../../../daemons/cib/index.js";
import { aclCib, user } from "./fixture.js";

function ids(name: string, groups: readonly string[] = []): string[] {
  const readable = cibReadableBy(aclCib(), user(name, groups));
  if (readable === undefined) return [];
  return [...descendants(readable)].flatMap((node) => node.attributes["id"] ?? []);
}

describe("cibReadableBy()", () => {
  test("the fixture is a valid CIB", () => {
    expect(validateCibWrite(aclCib()).issues).toEqual([]);
  });

  test("root, an unrestricted client and hacluster read everything", () => {
    const cib = aclCib();
    for (const identity of [
      { user: "root", unrestricted: false },
      { user: "hacluster", unrestricted: false },
      { user: "anyone", unrestricted: true },
    ]) {
      const readable = cibReadableBy(cib, identity);
      expect(readable && writeXml(readable)).toBe(writeXml(cib));
    }
  });

  test("a user with no ACL entry, or a target without roles, is denied everything", () => {
    expect(cibReadableBy(aclCib(), user("mallory"))).toBeUndefined();
    expect(cibReadableBy(aclCib(), user("nobody"))).toBeUndefined();
  });

  test("a read-only role reads the whole CIB", () => {
    const readable = cibReadableBy(aclCib(), user("bob"));
    expect(readable && writeXml(readable)).toBe(writeXml(aclCib()));
  });

  test("deny wins below a grant, and a more specific read under a deny is kept", () => {
    const readable = cibReadableBy(aclCib(), user("alice"));
    expect(readable).toBeDefined();
    if (readable === undefined) return;
    // resources readable, but their instance_attributes denied (the password with them)
    expect(findById(readable, "db")?.attributes["type"]).toBe("pgsql");
    expect(findById(readable, "db-password")).toBeUndefined();
    expect(findById(readable, "db-params")).toBeUndefined();
    expect(findById(readable, "db-target-role")?.attributes["value"]).toBe("Started");
    // the standby nvpair is read through a skeleton of its (denied) ancestors
    expect(findById(readable, "node1-standby")?.attributes["value"]).toBe("off");
    expect(findById(readable, "node1-rack")).toBeUndefined();
    expect(findById(readable, "node1-attrs")?.attributes).toEqual({ id: "node1-attrs" });
    expect(findById(readable, "1")?.attributes).toEqual({ id: "1" });
    expect(readable.attributes).toEqual({});
    // acls, constraints, crm_config and status are not readable
    expect(findById(readable, "web-prefers")).toBeUndefined();
    expect(findById(readable, "read_all")).toBeUndefined();
    expect(findById(readable, "cib-bootstrap-options")).toBeUndefined();
  });

  test("a reference reads the element and its subtree; object-type with attribute matches elements having it", () => {
    const readable = cibReadableBy(aclCib(), user("erin"));
    expect(readable).toBeDefined();
    if (readable === undefined) return;
    expect(findById(readable, "db")?.attributes["provider"]).toBe("heartbeat");
    expect(findById(readable, "db-params")).toBeDefined();
    // nvpairs carrying a value are denied as whole elements (Pacemaker applies ACLs per element)
    expect(findById(readable, "db-password")).toBeUndefined();
    expect(findById(readable, "web")).toBeUndefined();
    expect(ids("erin")).toEqual(["db", "db-params", "db-meta"]);
  });

  test("deny on an attribute (object-type + attribute) hides the elements carrying it", () => {
    const readable = cibReadableBy(aclCib(), user("frank"));
    expect(readable).toBeDefined();
    if (readable === undefined) return;
    expect(findById(readable, "db")).toBeUndefined();
    expect(findById(readable, "web")?.attributes["type"]).toBe("apache");
    expect(findById(readable, "web-prefers")).toBeDefined();
  });

  test("an acl_target's name, not its id, names the user", () => {
    expect(ids("dave")).toContain("db-password");
    expect(ids("dave-entry")).toEqual([]);
  });

  test("an acl_group applies to the user's groups", () => {
    expect(ids("grace")).toEqual([]);
    expect(ids("grace", ["admins"])).toContain("db-password");
  });
});
