import { describe, expect, test } from "vitest";
import fc from "fast-check";
import type { XmlElement, XmlNode } from "../../../backend/cib/index.js";
import {
  element,
  escapeAttribute,
  escapeText,
  forbiddenXmlCharacters,
  nodesEqual,
  readXml,
  writeXml,
} from "../../../backend/cib/index.js";

/** Characters that need care in XML, mixed with any other grapheme. */
const tricky = fc.constantFrom(
  '"',
  "'",
  "&",
  "<",
  ">",
  "\t",
  "\n",
  "\r",
  "\r\n",
  " ",
  "]]>",
  "&amp;",
  "&#10;",
  "é",
  "😀",
  "中",
  ";",
  "#",
);
const xmlString = fc
  .string({ unit: fc.oneof(tricky, fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })) })
  .filter((value) => !forbiddenXmlCharacters.test(value));

function roundTrip(root: XmlElement, indent: number): XmlElement {
  const read = readXml(writeXml(root, { indent }));
  if (!read.ok) throw new Error(read.issues[0]?.message);
  return read.value;
}

describe("XML escaping (writeXml → readXml)", () => {
  test("attribute values come back unchanged, whatever they hold", () => {
    fc.assert(
      fc.property(xmlString, xmlString, fc.constantFrom(0, 2), (first, second, indent) => {
        const nvpair = element("nvpair", { name: "x", value: second });
        const root = element("cib", { a: first }, [nvpair]);
        const back = roundTrip(root, indent);
        expect(back.attributes["a"]).toBe(first);
        const child = back.children[0];
        expect(child?.kind === "element" && child.attributes["value"]).toBe(second);
      }),
      { numRuns: 300 },
    );
  });

  test("text content that is not only whitespace comes back unchanged", () => {
    fc.assert(
      fc.property(
        xmlString.filter((text) => /[^ \t\r\n]/.test(text)),
        (text) => {
          const back = roundTrip(element("a", {}, [element("b", {}, [{ kind: "text", text }])]), 2);
          const inner = back.children[0];
          expect(inner?.kind === "element" && inner.children).toEqual([{ kind: "text", text }]);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("escapes attribute specials and whitespace as libxml2 does", () => {
    expect(escapeAttribute(`a"b'c&d<e>f\tg\nh\ri`)).toBe(
      "a&quot;b'c&amp;d&lt;e&gt;f&#9;g&#10;h&#13;i",
    );
    expect(escapeText("a&b<c>d\re")).toBe("a&amp;b&lt;c&gt;d&#13;e");
  });

  test("readXml() normalises literal line ends in text to LF, as XML requires", () => {
    const read = readXml("<a>x\r\ny\rz&#13;</a>");
    expect(read.ok && read.value.children).toEqual([{ kind: "text", text: "x\ny\nz\r" }]);
  });

  test("readXml() turns literal CR LF in an attribute into one space, keeps &#13;", () => {
    const read = readXml('<a v="x\r\ny&#13;&#10;z"/>');
    expect(read.ok && read.value.attributes["v"]).toBe("x y\r\nz");
  });
});

/** Trees of elements with tricky attribute values, comments and (optionally) text. */
function treeOf(withText: boolean): fc.Arbitrary<XmlElement> {
  const name = fc.constantFrom("cib", "nvpair", "op", "rule", "a-b", "x_y.z", "ns:tag");
  const attributes = fc.dictionary(
    fc.constantFrom("id", "name", "value", "x-y", "a:b"),
    xmlString,
    {
      maxKeys: 3,
    },
  );
  const commentText = xmlString.filter((text) => !text.includes("--") && !text.endsWith("-"));
  const text = xmlString.filter((value) => /[^ \t\r\n]/.test(value));
  const { tree } = fc.letrec<{ tree: XmlElement; node: XmlNode }>((self) => ({
    tree: fc.record({
      kind: fc.constant("element" as const),
      name,
      attributes,
      children: fc.array(self("node"), { maxLength: 4, depthIdentifier: "xml" }),
    }),
    node: fc.oneof(
      { maxDepth: 3, depthIdentifier: "xml" },
      fc.record({ kind: fc.constant("comment" as const), text: commentText }),
      ...(withText ? [fc.record({ kind: fc.constant("text" as const), text })] : []),
      self("tree"),
    ),
  }));
  // Adjacent text nodes read back as one: keep at most one text node in a row.
  return tree.map((root) => withoutAdjacentText(root));
}

function withoutAdjacentText(element: XmlElement): XmlElement {
  const children: XmlNode[] = [];
  for (const child of element.children) {
    if (child.kind === "text" && children.at(-1)?.kind === "text") continue;
    children.push(child.kind === "element" ? withoutAdjacentText(child) : child);
  }
  return { ...element, children };
}

describe("XML trees (writeXml → readXml)", () => {
  test("compact output reads back to the same tree, mixed content included", () => {
    fc.assert(
      fc.property(treeOf(true), (tree) => {
        expect(nodesEqual(roundTrip(tree, 0), tree)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test("indented output (cibadmin's layout) reads back to the same tree without text", () => {
    fc.assert(
      fc.property(treeOf(false), (tree) => {
        expect(nodesEqual(roundTrip(tree, 2), tree)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
