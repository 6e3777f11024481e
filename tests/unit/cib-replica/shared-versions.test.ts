import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cibDigest,
  cloneNode,
  element,
  emptyCib,
  ensureChild,
  readXml,
  writeXml,
  type XmlElement,
  type XmlNode,
} from "../../../backend/cib/index.js";
import {
  applyPatchset,
  cibVersion,
  compactText,
  diffCib,
  heldCibDigest,
  indentedText,
  nextVersion,
  setCibVersion,
} from "../../../daemons/cib/index.js";

function xml(text: string): XmlElement {
  const read = readXml(text);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return read.value;
}

/** Random trees with text, comments, characters that need escaping and ids that match. */
function tree(depth: number): fc.Arbitrary<XmlElement> {
  const value = fc.constantFrom("1", "a&b", 'say "hi"', "<x>", "tab\there", "line\nbreak");
  const attributes = fc.dictionary(fc.constantFrom("x", "y", "z"), value, { maxKeys: 3 });
  const leaf: fc.Arbitrary<XmlNode> = fc.oneof(
    attributes.map((rest) => element("p", rest)),
    fc.constantFrom("c1", " c2 ").map((text): XmlNode => ({ kind: "comment", text })),
    fc.constantFrom("text", "a<b&c", "cr\r").map((text): XmlNode => ({ kind: "text", text })),
  );
  const child: fc.Arbitrary<XmlNode> = depth <= 0 ? leaf : fc.oneof(leaf, tree(depth - 1));
  return fc
    .record({
      id: fc.constantFrom("a", "b", "c"),
      attributes,
      children: fc.array(child, { maxLength: 4 }),
    })
    .map(({ id, attributes: rest, children }) => element("g", { id, ...rest }, children));
}

/** A CIB with `count` primitives, and the next version with one more. */
function grown(count: number): { before: XmlElement; after: XmlElement } {
  const before = emptyCib();
  const resources = ensureChild(ensureChild(before, "configuration"), "resources");
  for (let index = 0; index < count; index++) {
    resources.children.push(
      element(
        "primitive",
        { id: `p${index}`, class: "ocf", provider: "pacemaker", type: "Dummy" },
        [
          element("instance_attributes", { id: `p${index}-ia` }, [
            element("nvpair", { id: `p${index}-ia-x`, name: "x", value: String(index) }),
          ]),
        ],
      ),
    );
  }
  const after = cloneNode(before);
  ensureChild(ensureChild(after, "configuration"), "resources").children.push(
    element("template", { id: "t1", class: "ocf", provider: "pacemaker", type: "Dummy" }),
  );
  setCibVersion(after, nextVersion(cibVersion(before), true));
  return { before, after };
}

describe("cached serialization of held CIBs", () => {
  it("writes what writeXml() writes, compact and indented, for random trees", () => {
    fc.assert(
      fc.property(tree(3), (root) => {
        expect(compactText(root)).toBe(writeXml(root, { indent: 0 }));
        expect(indentedText(root)).toBe(writeXml(root));
        // Asked again (from the cache), and for a subtree at another depth.
        expect(indentedText(root)).toBe(writeXml(root));
        expect(heldCibDigest(root)).toBe(cibDigest(root));
      }),
      { numRuns: 300 },
    );
  });

  it("a patched version's text and digest are right while it shares the old one's subtrees", () => {
    const { before, after } = grown(1000); // sections beyond the whole-text cache limit
    expect(heldCibDigest(before)).toBe(cibDigest(before));
    const applied = applyPatchset(before, diffCib(before, after));
    if (!applied.ok) throw new Error(applied.issues[0]?.message);
    expect(indentedText(applied.value)).toBe(writeXml(after));
    expect(heldCibDigest(applied.value)).toBe(cibDigest(after));
    // The old version is unchanged, and still has its own text and digest.
    expect(indentedText(before)).toBe(writeXml(before));
    expect(heldCibDigest(before)).toBe(cibDigest(before));
  });
});

describe("applyPatchset() shares what it does not change", () => {
  it("copies only the elements on the paths of the changes", () => {
    const { before, after } = grown(20);
    const text = writeXml(before);
    const applied = applyPatchset(before, diffCib(before, after));
    if (!applied.ok) throw new Error(applied.issues[0]?.message);
    const result = applied.value;
    expect(writeXml(before)).toBe(text);
    const resources = (cib: XmlElement): XmlElement =>
      ensureChild(ensureChild(cib, "configuration"), "resources");
    expect(result).not.toBe(before);
    expect(resources(result)).not.toBe(resources(before));
    // Every primitive is the very same object in both versions; only the template is new.
    resources(before).children.forEach((primitive, index) => {
      expect(resources(result).children[index]).toBe(primitive);
    });
    expect(ensureChild(result, "status")).toBe(ensureChild(before, "status"));
  });

  it("changes nothing of the input when a later change fails", () => {
    const before = xml(
      '<cib admin_epoch="0" epoch="1" num_updates="0"><configuration><resources>' +
        '<primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/></resources>' +
        "</configuration><status/></cib>",
    );
    const text = writeXml(before);
    const applied = applyPatchset(before, {
      source: cibVersion(before),
      target: cibVersion(before),
      changes: [
        { kind: "delete", path: "/cib/configuration/resources/primitive[@id='a']" },
        { kind: "delete", path: "/cib/configuration/resources/primitive[@id='nope']" },
      ],
    });
    expect(applied.issues[0]?.code).toBe("path_not_found");
    expect(writeXml(before)).toBe(text);
  });
});
