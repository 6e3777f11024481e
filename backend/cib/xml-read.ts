import type { Issue, Result } from "../base/index.js";
import { fail, ok } from "../base/index.js";
import type { XmlElement } from "./xml-node.js";

export type XmlReadCode = "xml_syntax";

export interface XmlReadOptions {
  /** Keep `<!-- -->` comments as nodes (default true: crmsh stores comments in the CIB). */
  readonly keepComments?: boolean;
  /** Refuse documents nested deeper than this (default 512). */
  readonly depthMax?: number;
}

const namePattern = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const attributePattern = /\s*([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const entityPattern = /&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const whitespaceOnly = /^[ \t\r\n]*$/;

class XmlSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

function decodeEntity(_match: string, body: string): string {
  switch (body) {
    case "lt": return "<";
    case "gt": return ">";
    case "amp": return "&";
    case "quot": return '"';
    case "apos": return "'";
  }
  const code = body[1] === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  if (!Number.isFinite(code) || code > 0x10ffff || code === 0) return "\uFFFD";
  return String.fromCodePoint(code);
}

function decode(raw: string, offset: number, isAttribute: boolean): string {
  let text = raw;
  if (isAttribute && /[\t\n\r]/.test(text)) text = text.replace(/\r\n|[\t\n\r]/g, " ");
  // XML end-of-line handling: a literal CR LF or lone CR in text reads as LF.
  else if (!isAttribute && text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
  if (text.indexOf("&") < 0) return text;
  const bad = /&(?!(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);)/.exec(text);
  if (bad !== null) throw new XmlSyntaxError(offset + bad.index, "Unknown or unterminated entity");
  return text.replace(entityPattern, decodeEntity);
}

/** Line and column (1-based) of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf("\n"); index >= 0 && index < offset; ) {
    line++;
    lineStart = index + 1;
    index = text.indexOf("\n", lineStart);
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses an XML document into an element tree. Never throws on bad input: a syntax error
 * comes back as an issue naming line and column.
 */
export function readXml(text: string, options: XmlReadOptions = {}): Result<XmlElement, XmlReadCode> {
  try {
    return ok(new XmlReader(text, options).document());
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    const { line, column } = positionOf(text, error.offset);
    const failure: Issue<XmlReadCode> = {
      code: "xml_syntax",
      message: `XML syntax error at line ${line}, column ${column}: ${error.message}`,
      span: { line, column, offset: error.offset, length: 1 },
    };
    return fail([failure]);
  }
}

class XmlReader {
  #at = 0;
  readonly #keepComments: boolean;
  readonly #depthMax: number;

  constructor(
    private readonly text: string,
    options: XmlReadOptions,
  ) {
    this.#keepComments = options.keepComments ?? true;
    this.#depthMax = options.depthMax ?? 512;
  }

  document(): XmlElement {
    let root: XmlElement | undefined;
    const stack: XmlElement[] = [];
    const text = this.text;
    while (this.#at < text.length) {
      const open = text.indexOf("<", this.#at);
      const end = open < 0 ? text.length : open;
      if (end > this.#at) this.#text(stack, this.#at, end);
      if (open < 0) break;
      this.#at = open;
      const next = text.charCodeAt(open + 1);
      if (next === 0x2f /* / */) this.#closeTag(stack);
      else if (next === 0x21 /* ! */) this.#bang(stack);
      else if (next === 0x3f /* ? */) this.#processingInstruction();
      else {
        const opened = this.#openTag(stack, root === undefined);
        if (stack.length === 0 && opened !== undefined) {
          if (root !== undefined) this.#fail(open, "Extra content after the document element");
          root = opened.element;
        }
        if (opened !== undefined && !opened.selfClosing) stack.push(opened.element);
        if (root === undefined && opened?.selfClosing) root = opened.element;
      }
    }
    if (stack.length > 0) this.#fail(text.length, `Element <${stack.at(-1)?.name}> is not closed`);
    if (root === undefined) this.#fail(this.#at, "Document has no root element");
    return root as XmlElement;
  }

  #fail(offset: number, message: string): never {
    throw new XmlSyntaxError(offset, message);
  }

  #text(stack: XmlElement[], start: number, end: number): void {
    const raw = this.text.slice(start, end);
    if (whitespaceOnly.test(raw)) return;
    const parent = stack.at(-1);
    if (parent === undefined) this.#fail(start, "Text outside the document element");
    if (raw.includes(">") && raw.includes("]]>")) this.#fail(start, "Unexpected ']]>'");
    parent.children.push({ kind: "text", text: decode(raw, start, false) });
  }

  #openTag(stack: XmlElement[], isFirst: boolean): { element: XmlElement; selfClosing: boolean } {
    const start = this.#at;
    if (stack.length === 0 && !isFirst) this.#fail(start, "Extra content after the document element");
    if (stack.length >= this.#depthMax) this.#fail(start, `Nesting deeper than ${this.#depthMax}`);
    namePattern.lastIndex = start + 1;
    const nameMatch = namePattern.exec(this.text);
    if (nameMatch === null) this.#fail(start + 1, "Expected an element name after '<'");
    const element: XmlElement = { kind: "element", name: nameMatch[0], attributes: {}, children: [] };
    let at = namePattern.lastIndex;
    for (;;) {
      attributePattern.lastIndex = at;
      const attribute = attributePattern.exec(this.text);
      if (attribute === null) break;
      const name = attribute[1] as string;
      if (Object.hasOwn(element.attributes, name)) this.#fail(at, `Attribute "${name}" is repeated`);
      const raw = attribute[2] ?? attribute[3] ?? "";
      element.attributes[name] = decode(raw, at, true);
      at = attributePattern.lastIndex;
    }
    while (at < this.text.length && /\s/.test(this.text[at] as string)) at++;
    const selfClosing = this.text.startsWith("/>", at);
    if (!selfClosing && this.text[at] !== ">") {
      this.#fail(at, `Expected an attribute, '>' or '/>' in <${element.name}>`);
    }
    this.#at = at + (selfClosing ? 2 : 1);
    stack.at(-1)?.children.push(element);
    return { element, selfClosing };
  }

  #closeTag(stack: XmlElement[]): void {
    const start = this.#at;
    const close = this.text.indexOf(">", start);
    if (close < 0) this.#fail(start, "Unterminated closing tag");
    const name = this.text.slice(start + 2, close).trim();
    const open = stack.pop();
    if (open === undefined) this.#fail(start, `Closing tag </${name}> without an open element`);
    if (open.name !== name) this.#fail(start, `Expected </${open.name}> but found </${name}>`);
    this.#at = close + 1;
  }

  #bang(stack: XmlElement[]): void {
    const start = this.#at;
    const text = this.text;
    if (text.startsWith("<!--", start)) {
      const end = text.indexOf("-->", start + 4);
      if (end < 0) this.#fail(start, "Unterminated comment");
      const parent = stack.at(-1);
      if (this.#keepComments && parent !== undefined) {
        parent.children.push({ kind: "comment", text: text.slice(start + 4, end) });
      }
      this.#at = end + 3;
    } else if (text.startsWith("<![CDATA[", start)) {
      const end = text.indexOf("]]>", start);
      if (end < 0) this.#fail(start, "Unterminated CDATA section");
      const parent = stack.at(-1);
      if (parent === undefined) this.#fail(start, "CDATA outside the document element");
      parent.children.push({ kind: "text", text: text.slice(start + 9, end) });
      this.#at = end + 3;
    } else if (text.startsWith("<!DOCTYPE", start)) {
      if (stack.length > 0) this.#fail(start, "DOCTYPE inside an element");
      const end = text.indexOf(">", start);
      if (end < 0 || text.slice(start, end).includes("[")) {
        this.#fail(start, "Internal DTD subsets are not supported");
      }
      this.#at = end + 1;
    } else {
      this.#fail(start, "Expected a comment, CDATA section or DOCTYPE after '<!'");
    }
  }

  #processingInstruction(): void {
    const end = this.text.indexOf("?>", this.#at);
    if (end < 0) this.#fail(this.#at, "Unterminated processing instruction");
    this.#at = end + 2;
  }
}
