import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { element, readXml, writeXml } from "../../../backend/cib/index.js";

describe("readXml()", () => {
  test("reads elements, attributes, comments and entities", () => {
    const parsed = readXml(
      '<?xml version="1.0"?>\n<cib a="1" b=\'x &amp; &lt;y&gt; &#9;&#x41;\'>\n  <!--# note-->\n  <nodes/>\n</cib>',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.attributes).toEqual({ a: "1", b: "x & <y> \tA" });
    expect(parsed.value.children).toEqual([
      { kind: "comment", text: "# note" },
      { kind: "element", name: "nodes", attributes: {}, children: [] },
    ]);
  });

  test("normalises raw tabs and newlines in attribute values to spaces", () => {
    const parsed = readXml('<a v="x\ty\nz"/>');
    expect(parsed.ok && parsed.value.attributes["v"]).toBe("x y z");
  });

  test.each([
    ["<a><b></a>", "line 1, column 7: Expected </b> but found </a>"],
    ["<a>\n<b x=1/></a>", "line 2, column 4: Expected an attribute"],
    ['<a x="1" x="2"/>', 'Attribute "x" is repeated'],
    ["<a>", "Element <a> is not closed"],
    ["", "Document has no root element"],
    ["<a/><b/>", "Extra content after the document element"],
    ['<a v="&bogus;"/>', "Unknown or unterminated entity"],
  ])("reports %j as an issue", (text, message) => {
    const parsed = readXml(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.issues[0]?.message).toContain(message);
  });
});

describe("writeXml()", () => {
  test("indents by two spaces and self-closes empty elements", () => {
    const tree = element("cib", { epoch: "1" }, [element("configuration", {}, [element("nodes")])]);
    expect(writeXml(tree)).toBe(
      '<cib epoch="1">\n  <configuration>\n    <nodes/>\n  </configuration>\n</cib>\n',
    );
  });

  test("attribute values survive a write and read, whatever they hold", () => {
    const value = fc
      .string({ unit: "binary" })
      // eslint-disable-next-line no-control-regex
      .filter((text) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/.test(text));
    fc.assert(
      fc.property(value, (text) => {
        const written = writeXml(element("nvpair", { value: text }), { indent: 0 });
        const back = readXml(written);
        return back.ok && back.value.attributes["value"] === text;
      }),
      { numRuns: 2000 },
    );
  });
});
