import { describe, expect, test } from "vitest";
import type { Result } from "../../../backend/base/index.js";
import type { AdminChange } from "../../../backend/admin/index.js";
import {
  banResource,
  cleanupResource,
  clearResource,
  deleteFailCount,
  deleteResourceAttribute,
  locateLines,
  locateResource,
  moveResource,
  setDeepMeta,
  setPromotedRole,
  setResourceAttribute,
  setTargetRole,
  showFailCount,
  showResourceAttribute,
} from "../../../backend/admin/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import { findById, writeXml } from "../../../backend/cib/index.js";
import { hasTool } from "../../support/oracle.js";
import { fixtureCib, runOracle, sectionsText } from "./oracle-cib.js";

const base = fixtureCib();
const keep = { overrideChildren: false };

function changed(result: Result<AdminChange>): AdminChange {
  if (!result.ok) throw new Error(result.issues.map((found) => found.message).join("; "));
  return result.value;
}

function xmlOf(cib: XmlElement, id: string): string {
  const found = findById(cib, id);
  return found === undefined ? "" : writeXml(found).trim();
}

const oracleCases: readonly (readonly [string, () => Result<AdminChange>, readonly string[]])[] = [
  [
    "stop d1 (target-role on the primitive)",
    () => setTargetRole(base, ["d1"], "Stopped", keep),
    ["crm_resource", "--meta", "-r", "d1", "-p", "target-role", "-v", "Stopped"],
  ],
  [
    "move d1 node2",
    () => moveResource(base, { resource: "d1", node: "node2", now: 0 }),
    ["crm_resource", "--move", "-r", "d1", "-N", "node2"],
  ],
  [
    "ban d2 node1",
    () => banResource(base, { resource: "d2", node: "node1", now: 0 }),
    ["crm_resource", "--ban", "-r", "d2", "-N", "node1"],
  ],
  [
    "param d1 set fake 2",
    () => setResourceAttribute(base, { resource: "d1", kind: "param", name: "fake", value: "2" }),
    ["crm_resource", "-r", "d1", "-p", "fake", "-v", "2"],
  ],
  [
    "utilization d1 set cpu 2",
    () =>
      setResourceAttribute(base, { resource: "d1", kind: "utilization", name: "cpu", value: "2" }),
    ["crm_resource", "--utilization", "-r", "d1", "-p", "cpu", "-v", "2"],
  ],
  [
    "promote ms",
    () => setPromotedRole(base, "ms", "Promoted"),
    ["crm_resource", "--meta", "-r", "ms", "-p", "target-role", "-v", "Promoted"],
  ],
  [
    "failcount d2 delete node2",
    () => deleteFailCount(base, { resource: "d2", node: "node2" }),
    ["crm_attribute", "-N", "node2", "-l", "reboot", "-P", "(fail-count|last-failure)-d2#.*", "-D"],
  ],
];

describe("resource transformations", () => {
  test.each(oracleCases)("%s writes what Pacemaker's tool writes", (_name, ours, command) => {
    const result = changed(ours());
    if (!hasTool(command[0] ?? "")) return;
    expect(sectionsText(result.cib)).toBe(sectionsText(runOracle(base, command)));
  });

  test("stop on a clone's primitive sets target-role on the clone (crmsh's topmost rule)", () => {
    const result = changed(setTargetRole(base, ["st"], "Stopped", keep));
    expect(xmlOf(result.cib, "ms-meta_attributes")).toContain(
      '<nvpair id="ms-meta_attributes-target-role" name="target-role" value="Stopped"/>',
    );
    expect(findById(result.cib, "st-meta_attributes")).toBeUndefined();
  });

  test("start on a group member sets it on the member, and an existing value is updated", () => {
    const stopped = changed(setTargetRole(base, ["d3"], "Stopped", keep)).cib;
    const started = changed(setTargetRole(stopped, ["d3"], "Started", keep)).cib;
    expect(xmlOf(started, "d3-meta_attributes")).toBe(
      [
        '<meta_attributes id="d3-meta_attributes">',
        '  <nvpair id="d3-meta_attributes-target-role" name="target-role" value="Started"/>',
        "</meta_attributes>",
      ].join("\n"),
    );
  });

  test("unmanage a group with -F removes members' is-managed and maintenance", () => {
    const member = changed(
      setDeepMeta(base, { resource: "d3", name: "maintenance", value: "true" }, keep),
    ).cib;
    const kept = changed(
      setDeepMeta(member, { resource: "g", name: "is-managed", value: "false" }, keep),
    );
    expect(findById(kept.cib, "d3-meta_attributes")).toBeDefined();
    const forced = changed(
      setDeepMeta(
        member,
        { resource: "g", name: "is-managed", value: "false" },
        { overrideChildren: true },
      ),
    );
    expect(findById(forced.cib, "d3-meta_attributes")).toBeUndefined();
    expect(xmlOf(forced.cib, "g-meta_attributes-is-managed")).toContain('value="false"');
  });

  test("move with a lifetime writes crm_resource's rule, ending at now + lifetime", () => {
    const now = Date.UTC(2026, 10, 22, 5, 9, 36) / 1000;
    const result = changed(
      moveResource(base, { resource: "d1", node: "node1", lifetime: "PT1H", now }),
    );
    expect(xmlOf(result.cib, "cli-prefer-d1")).toBe(
      [
        '<rsc_location id="cli-prefer-d1" rsc="d1" role="Started">',
        '  <rule id="cli-prefer-rule-d1" score="INFINITY" boolean-op="and">',
        '    <expression id="cli-prefer-expr-d1" attribute="#uname" operation="eq" value="node1" type="string"/>',
        '    <date_expression id="cli-prefer-lifetime-end-d1" operation="lt" end="2026-11-22 06:09:36Z"/>',
        "  </rule>",
        "</rsc_location>",
      ].join("\n"),
    );
    expect(result.notes[0]).toBe("Migration will take effect until: 2026-11-22 06:09:36Z");
  });

  test("ban without a node bans where the resource runs; clear removes both kinds", () => {
    const banned = changed(banResource(base, { resource: "d1", now: 0 }));
    expect(findById(banned.cib, "cli-ban-d1-on-node1")?.attributes).toMatchObject({
      score: "-INFINITY",
      node: "node1",
    });
    const moved = changed(moveResource(banned.cib, { resource: "d1", node: "node2", now: 0 }));
    const cleared = changed(clearResource(moved.cib, "d1"));
    expect(findById(cleared.cib, "cli-ban-d1-on-node1")).toBeUndefined();
    expect(findById(cleared.cib, "cli-prefer-d1")).toBeUndefined();
    const notRunning = banResource(changed(setTargetRole(base, ["d1"], "Stopped", keep)).cib, {
      resource: "nope",
      now: 0,
    });
    expect(notRunning.ok).toBe(false);
  });

  test("a bad lifetime and an unknown resource are issues with a hint", () => {
    const bad = moveResource(base, { resource: "d1", node: "node1", lifetime: "1h", now: 0 });
    expect(bad.issues[0]?.code).toBe("bad_lifetime");
    const unknown = setTargetRole(base, ["dl"], "Stopped", keep);
    expect(unknown.issues[0]).toMatchObject({
      code: "unknown_resource",
      suggestion: 'did you mean "d1"?',
    });
  });

  test("locate reads the status section's history, as crm_resource --locate prints", () => {
    const located = locateResource(base, "ms");
    if (!located.ok) throw new Error("locate");
    expect(locateLines("ms", located.value)).toEqual([
      "resource ms is running on: node1",
      "resource ms is running on: node2",
    ]);
    const d2 = locateResource(base, "d2");
    expect(d2.ok && locateLines("d2", d2.value)).toEqual(["resource d2 is running on: node2"]);
  });

  test("cleanup drops failed history and fail counts; refresh drops all of the resource's", () => {
    expect(showFailCount(base, "d2", "node2")).toMatchObject({
      ok: true,
      value: "scope=status  name=fail-count-d2 value=1",
    });
    const cleaned = changed(cleanupResource(base, { resource: "d2", mode: "cleanup" }));
    expect(cleaned.notes).toEqual(["Cleaned up d2 on node2"]);
    expect(writeXml(cleaned.cib)).not.toContain("fail-count-d2");
    expect(writeXml(cleaned.cib)).toContain('lrm_resource id="d1"');
    const refreshed = changed(
      cleanupResource(base, { resource: "d1", node: "node1", mode: "refresh" }),
    );
    expect(refreshed.notes).toEqual(["Refreshed d1 on node1"]);
    expect(showFailCount(cleaned.cib, "d2", "node2")).toMatchObject({
      value: "scope=status  name=fail-count-d2 value=0",
    });
  });

  test("param show and delete as crm_resource prints them", () => {
    const set = changed(
      setResourceAttribute(base, { resource: "d1", kind: "meta", name: "priority", value: "3" }),
    );
    expect(set.notes).toEqual([
      "Set 'd1' option: id=d1-meta_attributes-priority set=d1-meta_attributes name=priority value=3",
    ]);
    expect(
      showResourceAttribute(set.cib, { resource: "d1", kind: "meta", name: "priority" }),
    ).toMatchObject({
      value: { value: "3" },
    });
    const deleted = changed(
      deleteResourceAttribute(set.cib, { resource: "d1", kind: "meta", name: "priority" }),
    );
    expect(deleted.notes).toEqual([
      "Deleted 'd1' option: id=d1-meta_attributes-priority name=priority",
    ]);
  });
});
