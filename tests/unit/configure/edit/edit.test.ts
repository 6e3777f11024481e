import { describe, expect, test } from "vitest";
import type { XmlElement } from "../../../../backend/cib/index.js";
import { readXml, writeXml } from "../../../../backend/cib/index.js";
import {
  deleteObjects,
  eraseConfiguration,
  loadConfigurationXml,
  modifyGroup,
  prepareLoad,
  renameObject,
} from "../../../../backend/configure/index.js";

function cibOf(resources: string, constraints = "", extra = ""): XmlElement {
  const text = `<cib epoch="1" num_updates="0" admin_epoch="0"><configuration>
<crm_config/><nodes><node id="1" uname="node1"/></nodes>
<resources>${resources}</resources><constraints>${constraints}</constraints>${extra}
</configuration><status/></cib>`;
  const parsed = readXml(text);
  if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
  return parsed.value;
}
const dummy = (id: string): string =>
  `<primitive id="${id}" class="ocf" provider="heartbeat" type="Dummy"/>`;
const set = (id: string, ...ids: string[]): string =>
  `<resource_set id="${id}">${ids.map((r) => `<resource_ref id="${r}"/>`).join("")}</resource_set>`;

/** The crmsh cascade example: group g a b in clone c, constraints on a, g, c. */
function cascadeCib(): XmlElement {
  return cibOf(
    `${dummy("x")}<clone id="c"><group id="g">${dummy("a")}${dummy("b")}</group></clone>`,
    `<rsc_location id="l1" rsc="c" score="100" node="node1"/>` +
      `<rsc_colocation id="co" score="INFINITY" rsc="a" with-rsc="x"/>` +
      `<rsc_order id="o1" kind="Mandatory">${set("o1-0", "a", "b", "x")}</rsc_order>`,
    `<tags><tag id="t1"><obj_ref id="a"/><obj_ref id="x"/></tag></tags>`,
  );
}

function ids(cib: XmlElement): string[] {
  return [...writeXml(cib).matchAll(/ id="([^"]+)"/g)].map((match) => match[1] ?? "");
}

describe("deleteObjects()", () => {
  test("removes a resource from its group, sets and tags, and deletes hanging constraints", () => {
    const before = cascadeCib();
    const text = writeXml(before);
    const result = deleteObjects(before, ["a"]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(writeXml(before)).toBe(text);
    expect(result.value.notes).toEqual([
      "hanging colocation:co deleted",
      "constraint order:o1 updated",
    ]);
    const after = ids(result.value.cib);
    expect(after).not.toContain("a");
    expect(after).not.toContain("co");
    expect(writeXml(result.value.cib)).toContain(
      '<rsc_order id="o1" kind="Mandatory" first="b" then="x"/>',
    );
    expect(writeXml(result.value.cib)).toMatch(/<tag id="t1">\s*<obj_ref id="x"\/>\s*<\/tag>/);
  });

  test("deleting the last member removes the group, its clone and the location on the clone", () => {
    const first = deleteObjects(cascadeCib(), ["a"]);
    if (!first.ok) throw new Error("setup");
    const result = deleteObjects(first.value.cib, ["b"]);
    if (!result.ok) throw new Error(result.issues[0]?.message);
    const after = ids(result.value.cib);
    for (const gone of ["b", "g", "c", "l1", "o1"]) expect(after).not.toContain(gone);
    expect(after).toContain("x");
  });

  test("deleting a group in a clone keeps its members and moves the location to the first", () => {
    const result = deleteObjects(cascadeCib(), ["g"]);
    if (!result.ok) throw new Error(result.issues[0]?.message);
    expect(result.value.notes).toEqual([
      "modified location:l1 from c to g",
      "modified location:l1 from g to a",
    ]);
    const xml = writeXml(result.value.cib);
    expect(xml).toContain('<rsc_location id="l1" rsc="a"');
    expect(xml).not.toContain("<clone");
    expect(xml).not.toContain("<group");
    expect(ids(result.value.cib)).toEqual(expect.arrayContaining(["a", "b", "x"]));
  });

  test("reports a missing object and changes nothing", () => {
    const result = deleteObjects(cascadeCib(), ["nope"]);
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.message).toBe('Cannot delete "nope": no such object');
  });

  test("refuses to delete a template a primitive uses", () => {
    const cib = cibOf(
      `<template id="tm" class="ocf" provider="heartbeat" type="Dummy"/><primitive id="p" template="tm"/>`,
    );
    const result = deleteObjects(cib, ["tm"]);
    expect(result.issues[0]?.code).toBe("in_use");
  });
});

describe("renameObject()", () => {
  test("renames the id and every reference", () => {
    const result = renameObject(cascadeCib(), "a", "a2");
    if (!result.ok) throw new Error(result.issues[0]?.message);
    const xml = writeXml(result.value.cib);
    expect(xml).toContain('<primitive id="a2"');
    expect(xml).toContain('rsc="a2" with-rsc="x"');
    expect(xml).toContain('<resource_ref id="a2"/>');
    expect(xml).toContain('<obj_ref id="a2"/>');
    expect(result.value.notes).toContain("modified colocation:co from a to a2");
    expect(result.value.notes).toContain("modified order:o1 from a to a2");
  });

  test("refuses an id in use or an invalid id", () => {
    expect(renameObject(cascadeCib(), "a", "x").issues[0]?.code).toBe("id_in_use");
    expect(renameObject(cascadeCib(), "a", "1a").issues[0]?.code).toBe("invalid_id");
    expect(renameObject(cascadeCib(), "zz", "y").issues[0]?.code).toBe("no_such_object");
  });
});

describe("modifyGroup()", () => {
  test("adds a top-level primitive before a member and removes it again", () => {
    const added = modifyGroup(cascadeCib(), "g", {
      kind: "add",
      resource: "x",
      position: { where: "before", member: "b" },
    });
    if (!added.ok) throw new Error(added.issues[0]?.message);
    expect(ids(added.value.cib).join(" ")).toContain("g a x b");
    const removed = modifyGroup(added.value.cib, "g", { kind: "remove", resource: "x" });
    if (!removed.ok) throw new Error(removed.issues[0]?.message);
    expect(ids(removed.value.cib).join(" ")).toContain("g a b");
  });

  test("refuses a grouped resource, a non-group and removing the last member", () => {
    expect(modifyGroup(cascadeCib(), "c", { kind: "add", resource: "x" }).issues[0]?.code).toBe(
      "not_a_group",
    );
    const grouped = cibOf(
      `<group id="g1">${dummy("p")}</group><group id="g2">${dummy("q")}</group>`,
    );
    expect(modifyGroup(grouped, "g1", { kind: "add", resource: "q" }).issues[0]?.code).toBe(
      "already_grouped",
    );
    expect(modifyGroup(grouped, "g1", { kind: "remove", resource: "p" }).issues[0]?.code).toBe(
      "last_in_group",
    );
  });
});

describe("eraseConfiguration() and loads", () => {
  test("erase keeps nodes and the required empty sections", () => {
    const result = eraseConfiguration(cascadeCib());
    if (!result.ok) throw new Error("erase");
    expect(ids(result.value.cib)).toEqual(["1"]);
    expect(writeXml(result.value.cib)).toContain("<resources/>");
    const all = eraseConfiguration(cascadeCib(), { nodes: true });
    if (!all.ok) throw new Error("erase");
    expect(ids(all.value.cib)).toEqual([]);
  });

  test("push clears nodes, replace keeps them, update keeps everything", () => {
    const keep = (mode: "update" | "replace" | "push"): string[] => {
      const result = prepareLoad(cascadeCib(), mode);
      return result.ok ? ids(result.value.cib) : [];
    };
    expect(keep("push")).toEqual([]);
    expect(keep("replace")).toEqual(["1"]);
    expect(keep("update")).toEqual(ids(cascadeCib()));
  });

  test("load xml update replaces objects by id wholesale and appends new ones", () => {
    const incoming = cibOf(
      `<primitive id="x" class="ocf" provider="pacemaker" type="Stateful"/>${dummy("y")}`,
    );
    const result = loadConfigurationXml(cascadeCib(), incoming, "update");
    if (!result.ok) throw new Error("load");
    const xml = writeXml(result.value.cib);
    expect(xml).toContain('<primitive id="x" class="ocf" provider="pacemaker" type="Stateful"/>');
    expect(ids(result.value.cib)).toEqual(expect.arrayContaining(["y", "c", "l1"]));
  });
});
