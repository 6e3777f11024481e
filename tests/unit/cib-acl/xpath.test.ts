import { describe, expect, test } from "vitest";
import { parseXpath, selectElements } from "../../../daemons/cib/index.js";
import { aclCib } from "./fixture.js";

function ids(xpath: string): string[] {
  const parsed = parseXpath(xpath);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return selectElements(aclCib(), parsed.value).map((node) => node.attributes["id"] ?? node.name);
}

describe("ACL xpaths", () => {
  test("absolute and descendant paths, names and *", () => {
    expect(ids("/cib")).toEqual(["cib"]);
    expect(ids("/")).toEqual(["cib"]);
    expect(ids("/cib/configuration/resources/*")).toEqual(["db", "web"]);
    expect(ids("//primitive")).toEqual(["db", "web"]);
    expect(ids("//resources//nvpair")).toEqual(["db-password", "db-target-role"]);
  });

  test("predicates: attributes, comparisons, and/or/not, positions, functions", () => {
    expect(ids("//nvpair[@name='standby']")).toEqual(["node1-standby"]);
    expect(ids(`//nvpair[@name="standby" or @name='rack']`)).toEqual([
      "node1-standby",
      "node1-rack",
    ]);
    expect(ids("//primitive[@description and @type='pgsql']")).toEqual(["db"]);
    expect(ids("//primitive[not(@description)]")).toEqual(["web"]);
    expect(ids("//primitive[1]")).toEqual(["db"]);
    expect(ids("//primitive[last()]")).toEqual(["web"]);
    expect(ids("//acl_target[starts-with(@id, 'da')]")).toEqual(["dave-entry"]);
    expect(ids("//acl_permission[contains(@xpath, 'target-role')]")).toEqual([
      "operator-target-role",
    ]);
    expect(ids("//primitive[meta_attributes/nvpair/@value='Started']")).toEqual(["db"]);
    expect(ids("//rsc_location[@score > 50]")).toEqual(["web-prefers"]);
    expect(ids("//acl_target[count(role) = 0]")).toEqual(["nobody"]);
  });

  test("an attribute or text match stands for its element; .. and . step", () => {
    expect(ids("//primitive/@description")).toEqual(["db"]);
    expect(ids("//nvpair[@name='password']/..")).toEqual(["db-params"]);
    expect(ids("//primitive[@id='web']/.")).toEqual(["web"]);
  });

  test("what the subset does not read is an issue naming where", () => {
    const union = parseXpath("//primitive | //group");
    expect(union.ok).toBe(false);
    expect(union.issues[0]?.message).toBe(
      `Unsupported xpath "//primitive | //group": unexpected "|" at column 13`,
    );
    expect(parseXpath("//primitive[@id=").issues[0]?.message).toContain("ends too early");
    expect(parseXpath("//primitive[translate(@id)]").issues[0]?.message).toContain(
      "unsupported function translate()",
    );
    expect(parseXpath("//a[").ok).toBe(false);
  });
});
