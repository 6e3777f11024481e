import { describe, expect, test } from "vitest";
import { cloneNode, element, findById, type XmlElement } from "../../../backend/cib/index.js";
import { checkCibWrite } from "../../../daemons/cib/index.js";
import { aclCib, user } from "./fixture.js";

function edited(edit: (cib: XmlElement) => void): { before: XmlElement; after: XmlElement } {
  const before = aclCib();
  const after = cloneNode(before);
  edit(after);
  return { before, after };
}

function byId(cib: XmlElement, id: string): XmlElement {
  const found = findById(cib, id);
  if (found === undefined) throw new Error(`no ${id}`);
  return found;
}

function verdict(
  name: string,
  edit: (cib: XmlElement) => void,
  groups: readonly string[] = [],
): string[] {
  const { before, after } = edited(edit);
  const result = checkCibWrite(before, after, user(name, groups));
  return result.ok ? [] : result.issues.map((found) => found.message);
}

const stopDb = (cib: XmlElement): void => {
  byId(cib, "db-target-role").attributes["value"] = "Stopped";
};
const moveWeb = (cib: XmlElement): void => {
  byId(cib, "web-prefers").attributes["score"] = "200";
};
const deleteWeb = (cib: XmlElement): void => {
  const resources = byId(cib, "db");
  const parent = findParent(cib, resources);
  parent.children = parent.children.filter(
    (child) => child.kind !== "element" || child.attributes["id"] !== "web",
  );
};

function findParent(root: XmlElement, target: XmlElement): XmlElement {
  for (const child of root.children) {
    if (child === target) return root;
    if (child.kind === "element") {
      try {
        return findParent(child, target);
      } catch {
        continue;
      }
    }
  }
  throw new Error("not found");
}

describe("checkCibWrite()", () => {
  test("an unrestricted identity and root may write anything", () => {
    const { before, after } = edited(deleteWeb);
    expect(checkCibWrite(before, after, { user: "x", unrestricted: true }).ok).toBe(true);
    expect(checkCibWrite(before, after, { user: "root", unrestricted: false }).ok).toBe(true);
  });

  test("a user with no role is denied any change, but an unchanged CIB passes", () => {
    expect(verdict("mallory", stopDb)).toEqual([
      `Permission denied: user "mallory" may not change "value" of /cib/configuration/resources/primitive[@id='db']/meta_attributes[@id='db-meta']/nvpair[@id='db-target-role']`,
    ]);
    expect(verdict("mallory", () => undefined)).toEqual([]);
  });

  test("a read-only role may not write", () => {
    expect(verdict("bob", stopDb)).toHaveLength(1);
  });

  test("the operator may change target-role and locations, nothing else", () => {
    expect(verdict("carol", stopDb)).toEqual([]);
    expect(verdict("carol", moveWeb)).toEqual([]);
    expect(verdict("carol", deleteWeb)).toEqual([
      `Permission denied: user "carol" may not delete /cib/configuration/resources/primitive[@id='web']`,
    ]);
  });

  test("creating a location (object-type write) is allowed; its scaffolding too", () => {
    const addLocation = (cib: XmlElement): void => {
      const constraints = findParent(cib, byId(cib, "web-prefers"));
      constraints.children.push(
        element("rsc_location", { id: "db-avoids", rsc: "db", score: "-INFINITY", node: "node1" }),
      );
    };
    expect(verdict("carol", addLocation)).toEqual([]);
    expect(verdict("bob", addLocation)).toEqual([
      `Permission denied: user "bob" may not create /cib/configuration/constraints/rsc_location[@id='db-avoids']`,
    ]);
  });

  test("a new target-role nvpair under new scaffolding is allowed for the operator", () => {
    const addMeta = (cib: XmlElement): void => {
      byId(cib, "web").children.push(
        element("meta_attributes", { id: "web-meta" }, [
          element("nvpair", { id: "web-target-role", name: "target-role", value: "Stopped" }),
        ]),
      );
    };
    expect(verdict("carol", addMeta)).toEqual([]);
    const addParam = (cib: XmlElement): void => {
      byId(cib, "web").children.push(
        element("instance_attributes", { id: "web-params" }, [
          element("nvpair", { id: "web-port", name: "port", value: "80" }),
        ]),
      );
    };
    expect(verdict("carol", addParam)).toEqual([
      `Permission denied: user "carol" may not create /cib/configuration/resources/primitive[@id='web']/instance_attributes[@id='web-params']/nvpair[@id='web-port']`,
    ]);
  });

  test("deny below a write grant wins (the reference role may not touch valued nvpairs)", () => {
    const setDescription = (cib: XmlElement): void => {
      byId(cib, "db").attributes["description"] = "primary";
    };
    expect(verdict("erin", setDescription)).toEqual([]);
    expect(verdict("erin", stopDb)).toHaveLength(1);
  });

  test("ACLs are those of the CIB before the write: a user cannot grant itself a role", () => {
    const promote = (cib: XmlElement): void => {
      const target = byId(cib, "bob");
      target.children = [element("role", { id: "administrator" })];
      stopDb(cib);
    };
    const found = verdict("bob", promote);
    expect(found).toEqual([
      `Permission denied: user "bob" may not change "value" of /cib/configuration/resources/primitive[@id='db']/meta_attributes[@id='db-meta']/nvpair[@id='db-target-role']`,
      `Permission denied: user "bob" may not create /cib/configuration/acls/acl_target[@id='bob']/role[@id='administrator']`,
      `Permission denied: user "bob" may not delete /cib/configuration/acls/acl_target[@id='bob']/role[@id='read_all']`,
    ]);
  });

  test("a group member gets the group's roles; the version attributes are not the user's change", () => {
    const bump = (cib: XmlElement): void => {
      cib.attributes["epoch"] = "8";
      cib.attributes["num_updates"] = "0";
    };
    expect(verdict("grace", bump)).toEqual([]);
    expect(verdict("grace", deleteWeb)).toHaveLength(1);
    expect(verdict("grace", deleteWeb, ["admins"])).toEqual([]);
    expect(verdict("grace", (cib) => (cib.attributes["admin_epoch"] = "5"))).toHaveLength(1);
  });
});
