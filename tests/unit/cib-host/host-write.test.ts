import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  childElements,
  cloneNode,
  element,
  emptyCib,
  firstChild,
  nodesEqual,
  readXml,
} from "../../../backend/cib/index.js";
import type { XmlElement } from "../../../backend/cib/index.js";
import {
  applyPatchset,
  cibVersion,
  configurationChanged,
  erasedCib,
  nextVersion,
  queryCibXpath,
  setCibVersion,
  writePatchset,
} from "../../../daemons/cib/index.js";
import { writeXml } from "../../../backend/cib/index.js";
import { corpusDir, corpusFiles } from "../../support/corpus.js";
import { mutate, mutations } from "../cib-validate/mutate.js";

function resourcesOf(cib: XmlElement): XmlElement {
  const configuration = firstChild(cib, "configuration");
  const resources =
    configuration === undefined ? undefined : firstChild(configuration, "resources");
  if (resources === undefined) throw new Error("the CIB has no resources section");
  return resources;
}

function withPrimitive(id: string): XmlElement {
  const cib = emptyCib();
  resourcesOf(cib).children.push(
    element("primitive", { id, class: "ocf", provider: "pacemaker", type: "Dummy" }),
  );
  return cib;
}

describe("writePatchset: versions as Pacemaker moves them", () => {
  test("a configuration change at the same version bumps the epoch", () => {
    const before = emptyCib();
    const after = withPrimitive("d1");
    const patchset = writePatchset(before, after);
    expect(patchset.ok && patchset.value?.target).toEqual({
      adminEpoch: 0,
      epoch: 2,
      numUpdates: 0,
    });
    const applied =
      patchset.ok && patchset.value ? applyPatchset(before, patchset.value) : undefined;
    expect(applied?.ok && cibVersion(applied.value).epoch).toBe(2);
  });

  test("a status-only change bumps num_updates", () => {
    const before = emptyCib();
    const after = cloneNode(before);
    firstChild(after, "status")?.children.push(element("node_state", { id: "1", uname: "node1" }));
    const patchset = writePatchset(before, after);
    expect(patchset.ok && patchset.value?.target).toEqual({
      adminEpoch: 0,
      epoch: 1,
      numUpdates: 1,
    });
  });

  test("no change writes nothing; a newer version is kept; an older one is a conflict", () => {
    expect(writePatchset(emptyCib(), emptyCib())).toMatchObject({ ok: true, value: undefined });
    const newer = withPrimitive("d1");
    setCibVersion(newer, { adminEpoch: 3, epoch: 1, numUpdates: 0 });
    const kept = writePatchset(emptyCib(), newer);
    expect(kept.ok && kept.value?.target.adminEpoch).toBe(3);
    const current = emptyCib();
    setCibVersion(current, { adminEpoch: 0, epoch: 9, numUpdates: 0 });
    const older = writePatchset(current, withPrimitive("d1"));
    expect(older.ok ? "" : older.issues[0]?.code).toBe("version_conflict");
    const wrongRoot = writePatchset(emptyCib(), element("configuration"));
    expect(wrongRoot.ok ? "" : wrongRoot.issues[0]?.code).toBe("invalid_cib");
  });

  test("erase empties the sections and raises admin_epoch", () => {
    const before = withPrimitive("d1");
    setCibVersion(before, { adminEpoch: 0, epoch: 5, numUpdates: 3 });
    const erased = erasedCib(before);
    expect(cibVersion(erased)).toEqual({ adminEpoch: 1, epoch: 5, numUpdates: 3 });
    expect(writeXml(erased)).not.toContain("primitive");
    expect(erased.attributes["validate-with"]).toBe(before.attributes["validate-with"]);
  });
});

describe("queryCibXpath: what cibadmin -Q --xpath answers", () => {
  const cib = withPrimitive("d1");
  resourcesOf(cib).children.push(
    element("primitive", { id: "d2", class: "ocf", provider: "pacemaker", type: "Dummy" }),
  );

  test("one element is answered as itself", () => {
    const one = queryCibXpath(cib, "//primitive[@id='d2']");
    expect(one.ok && writeXml(one.value)).toContain('<primitive id="d2"');
    const section = queryCibXpath(cib, "/cib/configuration/resources");
    expect(section.ok && section.value.name).toBe("resources");
  });

  test("several are wrapped in <xpath-query> in document order", () => {
    const several = queryCibXpath(cib, "/cib/configuration/resources/primitive");
    expect(several.ok && several.value.name).toBe("xpath-query");
    expect(
      several.ok &&
        several.value.children.map((child) =>
          child.kind === "element" ? child.attributes["id"] : "",
        ),
    ).toEqual(["d1", "d2"]);
  });

  test("nothing selected is no_match; a bad xpath is bad_xpath", () => {
    const none = queryCibXpath(cib, "//primitive[@id='d3']");
    expect(none.ok ? "" : none.issues[0]?.code).toBe("no_match");
    const bad = queryCibXpath(cib, "//primitive[");
    expect(bad.ok ? "" : bad.issues[0]?.code).toBe("bad_xpath");
  });
});

const corpus = corpusDir("scheduler");

describe.runIf(corpus !== undefined)("writePatchset on corpus CIBs", () => {
  test("moves the version as configurationChanged() says and applies back to the edit", () => {
    const files = corpus === undefined ? [] : corpusFiles(corpus, ".xml").slice(0, 150);
    let configuration = 0;
    let status = 0;
    files.forEach((name, index) => {
      const read = readXml(readFileSync(join(corpus ?? "", `${name}.xml`), "utf8"));
      if (!read.ok) return;
      const before = read.value;
      const edits = [
        mutate(before, mutations[index % mutations.length] ?? "drop_attribute", index),
        statusEdit(before),
        cloneNode(before),
      ];
      for (const edit of edits) {
        if (edit === undefined) continue;
        const expected = nodesEqual(before, edit)
          ? undefined
          : nextVersion(cibVersion(before), configurationChanged(before, edit));
        const written = writePatchset(before, cloneNode(edit));
        expect(written.ok).toBe(true);
        if (!written.ok) continue;
        expect({ name, target: written.value?.target }).toEqual({ name, target: expected });
        if (written.value === undefined || expected === undefined) continue;
        if (expected.numUpdates === 0) configuration += 1;
        else status += 1;
        const applied = applyPatchset(before, written.value);
        const wanted = cloneNode(edit);
        setCibVersion(wanted, expected);
        if (applied.ok) expect(writeXml(applied.value)).toBe(writeXml(wanted));
      }
    });
    expect(configuration).toBeGreaterThan(50);
    expect(status).toBeGreaterThan(50);
  });
});

/** A change of the status section alone: a transient attribute on the first node_state. */
function statusEdit(cib: XmlElement): XmlElement | undefined {
  const copy = cloneNode(cib);
  const state = childElements(firstChild(copy, "status") ?? copy, "node_state")[0];
  if (state === undefined) return undefined;
  state.attributes["crm-debug-origin"] = "host-write-test";
  return copy;
}
