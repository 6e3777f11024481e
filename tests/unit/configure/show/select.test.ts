import { describe, expect, test } from "vitest";
import { readXml } from "../../../../backend/cib/index.js";
import { showConfiguration, showObject, showXml } from "../../../../backend/configure/index.js";
import { cibOf, dummy, show } from "./support.js";

const sections = `<nodes><node id="1" uname="web1"/></nodes>
  <resources>${dummy("web")}<group id="g">${dummy("db")}${dummy("db-ip")}</group></resources>
  <constraints><rsc_location id="l-web" rsc="web" score="10" node="web1"/>
  <rsc_colocation id="c-db" score="INFINITY" rsc="g" with-rsc="web"/></constraints>
  <tags><tag id="t"><obj_ref id="web"/></tag></tags>`;

describe("showConfiguration() selections", () => {
  test("selects ids, globs, node unames, types, tags and related objects", () => {
    expect(show(sections, { ids: ["web"] })).toBe("primitive web Dummy\n");
    expect(show(sections, { ids: ["db*"] })).toBe("primitive db Dummy\nprimitive db-ip Dummy\n");
    expect(show(sections, { ids: ["web1"] })).toBe("node 1: web1\n");
    expect(show(sections, { types: ["location"] })).toBe("location l-web web 10: web1\n");
    expect(show(sections, { ids: ["tag:t"] })).toBe("primitive web Dummy\n");
    expect(show(sections, { ids: ["related:web"] })).toBe(
      "primitive web Dummy\ntag t web\ncolocation c-db inf: g web\nlocation l-web web 10: web1\n",
    );
    expect(show(sections, { ids: ["type:primitive", "and", "db*"] })).toBe(
      "primitive db Dummy\nprimitive db-ip Dummy\n",
    );
    expect(show(sections, { ids: ["changed"], changedIds: ["g"] })).toBe("group g db db-ip\n");
  });

  test("reports an unknown id as an issue", () => {
    const shown = showConfiguration(cibOf(sections), { ids: ["web", "nope"] });
    expect(shown.ok).toBe(false);
    expect(shown.issues.map((found) => found.code)).toEqual(["unknown_object"]);
    expect(shown.issues[0]?.message).toBe('Object "nope" does not exist');
  });

  test("accepts a bare <configuration> and rejects an element without one", () => {
    const read = readXml(`<configuration><resources>${dummy("a")}</resources></configuration>`);
    expect(read.ok && showConfiguration(read.value)).toMatchObject({
      ok: true,
      value: "primitive a Dummy\n",
    });
    const empty = readXml("<cib/>");
    expect(empty.ok && showConfiguration(empty.value).ok).toBe(false);
  });
});

describe("showXml()", () => {
  test("prints the selected objects' top parents in a cib with the CIB's attributes", () => {
    const shown = showXml(cibOf(sections), { ids: ["db"] });
    expect(shown.ok && shown.value).toBe(
      '<?xml version="1.0" ?>\n<cib validate-with="pacemaker-3.9" epoch="3">\n  <configuration>\n' +
        '    <crm_config/>\n    <nodes/>\n    <resources>\n      <group id="g">\n' +
        '        <primitive id="db" class="ocf" provider="heartbeat" type="Dummy"/>\n' +
        '        <primitive id="db-ip" class="ocf" provider="heartbeat" type="Dummy"/>\n' +
        "      </group>\n    </resources>\n    <constraints/>\n  </configuration>\n</cib>\n\n",
    );
  });

  test("obscures passwords and appends sections it needs", () => {
    const cib = cibOf(`<resources>${dummy(
      "a",
      `<instance_attributes id="i">
      <nvpair id="p" name="password" value="x"/></instance_attributes>`,
    )}</resources>
      <tags><tag id="t"><obj_ref id="a"/></tag></tags>`);
    const shown = showXml(cib);
    expect(shown.ok && shown.value).toContain('name="password" value="******"');
    expect(shown.ok && shown.value).toMatch(/<constraints\/>\n {4}<tags>/);
  });
});

describe("showObject()", () => {
  test("prints one element without its members and without a trailing newline", () => {
    const read = readXml(`<group id="g">${dummy("db")}</group>`);
    expect(read.ok && showObject(read.value)).toBe("group g db");
    const defaults = readXml(`<op_defaults><meta_attributes id="op-options">
      <nvpair id="1" name="timeout" value="20s"/></meta_attributes></op_defaults>`);
    expect(defaults.ok && showObject(defaults.value)).toBe(
      "op_defaults op-options: \\\n\ttimeout=20s",
    );
  });
});

describe("showConfiguration() on a CIB whose schema predates pacemaker-3.7", () => {
  test("prints objects with Promoted roles as xml and warns as crmsh does", () => {
    const read = readXml(`<cib validate-with="pacemaker-3.0"><configuration><constraints>
      <rsc_location id="l" rsc="a" role="Promoted" score="5" node="n"/>
      <rsc_location id="m" rsc="a" role="Started" score="5" node="n"/></constraints>
      </configuration></cib>`);
    const shown = read.ok ? showConfiguration(read.value) : undefined;
    expect(shown?.ok && shown.value).toBe(
      'xml <rsc_location id="l" rsc="a" role="Promoted" score="5" node="n"/>\n' +
        "location m a role=Started 5: n\n",
    );
    expect(shown?.issues).toEqual([
      expect.objectContaining({ code: "legacy_role", severity: "warning" }),
    ]);
    expect(shown?.issues[0]?.message).toMatch(/^Convert "Promoted" to "Master" since/);
  });
});
