import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cloneNode,
  element,
  readXml,
  writeXml,
  type XmlElement,
  type XmlNode,
} from "../../../backend/cib/index.js";
import {
  applyPatchset,
  cibDigest,
  diffCib,
  md5Hex,
  patchsetFromXml,
  patchsetToXml,
  type Patchset,
} from "../../../daemons/cib/index.js";

function xml(text: string): XmlElement {
  const read = readXml(text);
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return read.value;
}

const before = xml(
  `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="2" num_updates="0" admin_epoch="0"><configuration><crm_config/><nodes><node id="1" uname="n1"/></nodes><resources><primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="d1-meta"><nvpair id="d1-m1" name="a" value="1"/></meta_attributes></primitive><primitive id="d2" class="ocf" provider="pacemaker" type="Dummy"/><primitive id="d3" class="ocf" provider="pacemaker" type="Dummy"/></resources><constraints/></configuration><status/></cib>`,
);
const after = xml(
  `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="3" num_updates="0" admin_epoch="0"><configuration><crm_config/><nodes><node id="1" uname="n1" type="member"/></nodes><resources><primitive id="d3" class="ocf" provider="pacemaker" type="Dummy"/><primitive id="d1" class="ocf" provider="heartbeat" type="Dummy"><meta_attributes id="d1-meta"><nvpair id="d1-m1" name="a" value="2"/></meta_attributes></primitive></resources><constraints/></configuration><status/></cib>`,
);

function summary(patchset: Patchset): string[] {
  return patchset.changes.map((change) => {
    const position =
      "position" in change && change.position !== undefined ? ` @${change.position}` : "";
    return `${change.kind} ${change.path}${position}`;
  });
}

describe("md5Hex()", () => {
  it.each([
    ["", "d41d8cd98f00b204e9800998ecf8427e"],
    ["abc", "900150983cd24fb0d6963f7d28e17f72"],
    ["The quick brown fox jumps over the lazy dog", "9e107d9d372bb6826bd81d3542a419d6"],
    ["é€😀", "3b07a39fef0ac5d7ef21575e7315a482"],
  ])("hashes %j as RFC 1321 does", (text, expected) => {
    expect(md5Hex(text)).toBe(expected);
  });

  it("hashes inputs across the 56-byte padding boundary", () => {
    expect(md5Hex("a".repeat(56))).toBe("3b0c8ac703f828b04c6c197006d17218");
    expect(md5Hex("a".repeat(64))).toBe("014842d480b571495a4a0363793f7367");
  });
});

describe("cibDigest()", () => {
  it("equals the digest crm_diff -c puts on a patchset to this CIB", () => {
    expect(cibDigest(after)).toBe("fd39219dae263306b48086e674571606");
  });
});

describe("diffCib()", () => {
  it("writes the changes crm_diff writes, deletions first and paths with id predicates", () => {
    expect(summary(diffCib(before, after))).toEqual([
      "delete /cib/configuration/resources/primitive[@id='d2']",
      "modify /cib",
      "modify /cib/configuration/nodes/node[@id='1']",
      "move /cib/configuration/resources/primitive[@id='d3'] @0",
      "modify /cib/configuration/resources/primitive[@id='d1']",
      "modify /cib/configuration/resources/primitive[@id='d1']/meta_attributes[@id='d1-meta']/nvpair[@id='d1-m1']",
    ]);
  });

  it("records the versions and the digest of the new CIB", () => {
    const patchset = diffCib(before, after);
    expect(patchset.source).toEqual({ adminEpoch: 0, epoch: 2, numUpdates: 0 });
    expect(patchset.target).toEqual({ adminEpoch: 0, epoch: 3, numUpdates: 0 });
    expect(patchset.digest).toBe("fd39219dae263306b48086e674571606");
  });

  it("creates a new element under its parent at its position", () => {
    const grown = cloneNode(before);
    grown.attributes["epoch"] = "3";
    const resources = grown.children[0] as XmlElement;
    (resources.children[2] as XmlElement).children.splice(1, 0, element("primitive", { id: "d4" }));
    const patchset = diffCib(before, grown);
    expect(summary(patchset)).toContain("create /cib/configuration/resources @1");
  });
});

describe("applyPatchset()", () => {
  it("turns the old CIB into the new one", () => {
    const applied = applyPatchset(before, diffCib(before, after));
    expect(applied.ok && writeXml(applied.value)).toBe(writeXml(after));
  });

  it("survives the trip through XML text", () => {
    const text = writeXml(patchsetToXml(diffCib(before, after)));
    const read = patchsetFromXml(xml(text));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const applied = applyPatchset(before, read.value);
    expect(applied.ok && cibDigest(applied.value)).toBe(cibDigest(after));
  });

  it("refuses a CIB of another version with a conflict and leaves it unchanged", () => {
    const patchset = diffCib(before, after);
    const moved = cloneNode(before);
    moved.attributes["epoch"] = "5";
    const applied = applyPatchset(moved, patchset);
    expect(applied.ok).toBe(false);
    expect(applied.issues[0]?.code).toBe("version_conflict");
    expect(moved.attributes["epoch"]).toBe("5");
  });

  it("refuses a result whose digest differs", () => {
    const patchset = { ...diffCib(before, after), digest: "0".repeat(32) };
    expect(applyPatchset(before, patchset).issues[0]?.code).toBe("digest_mismatch");
  });

  it("reports a path that names no element", () => {
    const patchset: Patchset = {
      ...diffCib(before, before),
      digest: undefined as never,
      changes: [{ kind: "delete", path: "/cib/configuration/resources/primitive[@id='nope']" }],
    };
    const { digest: _unused, ...withoutDigest } = patchset;
    expect(applyPatchset(before, withoutDigest).issues[0]?.code).toBe("path_not_found");
  });
});

describe("patchsetFromXml()", () => {
  it.each([
    [`<diff format="1"/>`],
    [`<diff format="2"><version><source epoch="x"/></version></diff>`],
    [
      `<diff format="2"><version><source admin_epoch="0" epoch="1" num_updates="0"/><target admin_epoch="0" epoch="1" num_updates="0"/></version><change operation="frobnicate" path="/cib"/></diff>`,
    ],
  ])("rejects %s with an issue", (text) => {
    const read = patchsetFromXml(xml(text));
    expect(read.ok).toBe(false);
    expect(read.issues[0]?.code).toBe("bad_patchset");
  });
});

/** Random CIB-like trees: ids from a small pool so that diffs match, move and delete. */
function tree(depth: number): fc.Arbitrary<XmlElement> {
  const id = fc.constantFrom("a", "b", "c", "d", "e");
  const attributes = fc.dictionary(fc.constantFrom("x", "y", "z"), fc.constantFrom("1", "2"), {
    maxKeys: 2,
  });
  const leaf: fc.Arbitrary<XmlNode> = fc.oneof(
    fc
      .record({ id, attributes })
      .map(({ id: value, attributes: rest }) => element("p", { id: value, ...rest })),
    fc.constantFrom("c1", "c2").map((text): XmlNode => ({ kind: "comment", text })),
  );
  const child: fc.Arbitrary<XmlNode> = depth <= 0 ? leaf : fc.oneof(leaf, tree(depth - 1));
  return fc
    .record({ id, attributes, children: fc.array(child, { maxLength: 4 }) })
    .map(({ id: value, attributes: rest, children }) => {
      const seen = new Set<string>();
      const unique = children.filter((node) => {
        if (node.kind !== "element") return true;
        const key = `${node.name}/${node.attributes["id"] ?? ""}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      return element(depth % 2 === 0 ? "g" : "h", { id: value, ...rest }, unique);
    });
}

/** Sibling ids are unique, as CIB ids are. */
function cib(children: XmlElement[], epoch: number): XmlElement {
  const unique = children.filter(
    (child, index) =>
      children.findIndex((other) => other.attributes["id"] === child.attributes["id"]) === index,
  );
  return element("cib", { admin_epoch: "0", epoch: String(epoch), num_updates: "0" }, [
    element("configuration", {}, unique),
  ]);
}

describe("diff and apply round trip", () => {
  it("applyPatchset(a, diffCib(a, b)) is b for random trees", () => {
    fc.assert(
      fc.property(
        fc.array(tree(2), { maxLength: 3 }),
        fc.array(tree(2), { maxLength: 3 }),
        (left, right) => {
          const a = cib(left, 1);
          const b = cib(right, 2);
          const applied = applyPatchset(a, diffCib(a, b));
          expect(applied.issues).toEqual([]);
          expect(applied.ok && writeXml(applied.value)).toBe(writeXml(b));
        },
      ),
      { numRuns: 400 },
    );
  });
});
