import { describe, expect, test } from "vitest";
import fc from "fast-check";
import type { XmlElement } from "../../../backend/cib/index.js";
import {
  element,
  escapeAttribute,
  escapeText,
  forbiddenXmlCharacters,
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
