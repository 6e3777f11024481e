import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readXml, writeXml, type XmlElement } from "../../../backend/cib/index.js";
import {
  CibIdIndex,
  applyPatchset,
  diffCib,
  validateCibChange,
  validateCibWrite,
} from "../../../daemons/cib/index.js";
import { corpusDir, corpusFiles } from "../../support/corpus.js";
import { mutate, mutations } from "./mutate.js";

function xml(text: string): XmlElement {
  const read = readXml(text);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return read.value;
}

/**
 * `after` as a write makes it from `before`: a patched tree sharing the untouched parts.
 * Undefined where a patchset cannot say the change (siblings with the same tag and id).
 */
function patchedOrNot(before: XmlElement, after: XmlElement): XmlElement | undefined {
  const applied = applyPatchset(before, diffCib(before, after));
  return applied.ok ? applied.value : undefined;
}

function patched(before: XmlElement, after: XmlElement): XmlElement {
  const applied = patchedOrNot(before, after);
  if (applied === undefined) throw new Error("The change does not apply as a patch");
  return applied;
}

const base = xml(`<cib admin_epoch="0" epoch="1" num_updates="0" validate-with="pacemaker-3.9">
  <configuration>
    <crm_config/>
    <nodes><node id="1" uname="node1"/></nodes>
    <resources>
      <primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/>
      <primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/>
      <template id="t" class="ocf" provider="pacemaker" type="Dummy"/>
    </resources>
    <constraints>
      <rsc_colocation id="c" rsc="a" with-rsc="b" score="INFINITY"/>
    </constraints>
    <tags><tag id="g"><obj_ref id="b"/></tag></tags>
  </configuration>
  <status/>
</cib>`);

/** The base with one edit of its text. */
function edited(from: string, to: string): XmlElement {
  const text = writeXml(base);
  expect(text).toContain(from);
  return xml(text.replace(from, to));
}

describe("validateCibChange()", () => {
  test.each([
    ["a new primitive", "<tags>", "<fencing-topology/><tags>"],
    ["a changed score", 'score="INFINITY"', 'score="100"'],
  ])("accepts a valid change: %s", (_name, from, to) => {
    const index = new CibIdIndex();
    expect(validateCibChange(base, patched(base, edited(from, to)), index).ok).toBe(true);
  });

  test.each([
    [
      "a deleted primitive a colocation names",
      '<primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/>',
      "",
    ],
    [
      "a deleted primitive a tag names",
      '<primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/>',
      "",
    ],
    ["an id used twice", '<template id="t"', '<template id="a"'],
    ["a reference to nothing", 'with-rsc="b"', 'with-rsc="nope"'],
    ["a reference to the wrong kind", 'with-rsc="b"', 'with-rsc="g-none"'],
    [
      "a primitive's template that is a primitive",
      'id="b" class="ocf" provider="pacemaker" type="Dummy"',
      'id="b" template="a"',
    ],
    ["a bad score", 'score="INFINITY"', 'score="lots"'],
    ["an unknown element", "<status/>", "<status/><bogus/>"],
  ])("refuses %s with the issues of the whole check", (_name, from, to) => {
    const after = patched(base, edited(from, to));
    const whole = validateCibWrite(after);
    const index = new CibIdIndex();
    const change = validateCibChange(base, after, index);
    expect(change.ok).toBe(false);
    expect(change.issues).toEqual(whole.issues);
  });

  test("follows the held CIB from version to version", () => {
    const index = new CibIdIndex();
    const first = patched(base, edited("<tags>", '<tags><tag id="h"><obj_ref id="a"/></tag>'));
    expect(validateCibChange(base, first, index).ok).toBe(true);
    // The index moves to `first`: deleting "a" is now refused (the new tag names it too).
    const withoutColocation = patched(
      first,
      xml(writeXml(first).replace(/<rsc_colocation[^>]*>/, "")),
    );
    expect(validateCibChange(first, withoutColocation, index).ok).toBe(true);
    const gone = xml(
      writeXml(withoutColocation).replace(
        '<primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/>',
        "",
      ),
    );
    expect(validateCibChange(withoutColocation, patched(withoutColocation, gone), index).ok).toBe(
      false,
    );
    expect(index.root).toBe(withoutColocation);
  });
});

const corpus = corpusDir("scheduler");

describe.runIf(corpus !== undefined)("validateCibChange() agrees with validateCibWrite()", () => {
  test("on seeded damage to every valid corpus CIB", () => {
    const files = corpus === undefined ? [] : corpusFiles(corpus, ".xml");
    let compared = 0;
    let refused = 0;
    files.forEach((name, fileIndex) => {
      const read = readXml(readFileSync(join(corpus ?? "", `${name}.xml`), "utf8"));
      if (!read.ok || !validateCibWrite(read.value).ok) return;
      const before = read.value;
      const index = new CibIdIndex();
      for (let round = 0; round < 3; round++) {
        const kind = mutations[(fileIndex + round * 5) % mutations.length] ?? "drop_element";
        const mutated = mutate(before, kind, fileIndex * 7 + round);
        if (mutated === undefined) continue;
        const after = patchedOrNot(before, mutated);
        if (after === undefined) continue;
        const whole = validateCibWrite(after);
        const change = validateCibChange(before, after, index);
        expect({ name, kind, ok: change.ok }).toEqual({ name, kind, ok: whole.ok });
        if (!whole.ok) expect(change.issues).toEqual(whole.issues);
        compared += 1;
        if (!whole.ok) refused += 1;
      }
    });
    expect(compared).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(100);
  });
});
