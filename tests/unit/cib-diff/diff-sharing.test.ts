import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { XmlElement, XmlNode } from "../../../backend/cib/index.js";
import { cloneNode, diffCib, element, writeXml } from "../../../backend/cib/index.js";
import { applyPatchset } from "../../../daemons/cib/index.js";

/** Small CIB-like trees whose ids come from a pool, so that diffs match, move and delete. */
function tree(depth: number): fc.Arbitrary<XmlElement> {
  const id = fc.constantFrom("a", "b", "c", "d");
  const attributes = fc.dictionary(fc.constantFrom("x", "y"), fc.constantFrom("1", "2"), {
    maxKeys: 2,
  });
  const leaf = fc
    .record({ id, attributes })
    .map(({ id: value, attributes: rest }) => element("p", { id: value, ...rest }));
  const child: fc.Arbitrary<XmlNode> = depth <= 0 ? leaf : fc.oneof(leaf, tree(depth - 1));
  return fc
    .record({ id, attributes, children: fc.array(child, { maxLength: 3 }) })
    .map(({ id: value, attributes: rest, children }) =>
      element("g", { id: value, ...rest }, unique(children)),
    );
}

function unique<T extends XmlNode>(children: readonly T[]): T[] {
  const seen = new Set<string>();
  return children.filter((node) => {
    if (node.kind !== "element") return true;
    const key = `${node.name}/${node.attributes["id"] ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cib(children: readonly XmlNode[], epoch: number): XmlElement {
  return element("cib", { admin_epoch: "0", epoch: String(epoch), num_updates: "0" }, [
    element("configuration", {}, unique(children)),
  ]);
}

/** What a staged edit keeps, changes or adds: the old object itself, a changed copy, a new one. */
type Edit = { kind: "keep" } | { kind: "reorder_attributes" } | { kind: "new"; tree: XmlElement };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant<Edit>({ kind: "keep" }),
  fc.constant<Edit>({ kind: "reorder_attributes" }),
  tree(1).map((made): Edit => ({ kind: "new", tree: made })),
);

/** The new CIB: the old objects (shared, not copied) in place, or edited, and in any order. */
function staged(old: readonly XmlElement[], edits: readonly Edit[], order: number[]): XmlNode[] {
  const children = old.map((child, index): XmlElement => {
    const chosen = edits[index] ?? { kind: "keep" };
    if (chosen.kind === "keep") return child;
    if (chosen.kind === "new") return chosen.tree;
    const reversed = Object.entries(child.attributes).reverse();
    return element(child.name, Object.fromEntries(reversed), child.children);
  });
  return order
    .map((index) => children[index % Math.max(children.length, 1)])
    .flatMap((child) => (child === undefined ? [] : [child]));
}

describe("diffCib on a staged CIB that shares the original's unchanged objects", () => {
  it("gives the patchset of an unshared copy, and applying it yields the staged CIB", () => {
    fc.assert(
      fc.property(
        fc.array(tree(2), { maxLength: 4 }),
        fc.array(edit, { maxLength: 4 }),
        fc.array(fc.nat(8), { maxLength: 5 }),
        (children, edits, order) => {
          const before = cib(children, 1);
          const old = (before.children[0] as XmlElement).children as XmlElement[];
          const after = cib(staged(old, edits, order), 2);
          const patchset = diffCib(before, after);
          expect(patchset).toEqual(diffCib(before, cloneNode(after)));
          const applied = applyPatchset(before, patchset);
          expect(applied.issues).toEqual([]);
          expect(applied.ok && writeXml(applied.value)).toBe(writeXml(after));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("a change of attribute order alone is a modify (the walk does not skip it as equal)", () => {
    const before = cib([element("g", { id: "a", x: "1", y: "2" })], 1);
    const after = cib([element("g", { id: "a", y: "2", x: "1" })], 2);
    const changes = diffCib(before, after, { digest: false }).changes;
    expect(changes.map((change) => `${change.kind} ${change.path}`)).toEqual([
      "modify /cib",
      "modify /cib/configuration/g[@id='a']",
    ]);
  });

  it("an unchanged CIB gives no changes, and without digest none is computed", () => {
    const before = cib([element("g", { id: "a" }, [element("p", { id: "b" })])], 1);
    const patchset = diffCib(before, cloneNode(before), { digest: false });
    expect(patchset.changes).toEqual([]);
    expect(patchset.digest).toBeUndefined();
    expect(diffCib(before, before).digest).toMatch(/^[0-9a-f]{32}$/);
  });
});
