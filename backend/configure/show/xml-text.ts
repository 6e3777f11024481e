import type { XmlElement, XmlNode } from "../../cib/index.js";
import { escapeAttribute, escapeText } from "../../cib/index.js";
import { commentText } from "./object-text.js";

/**
 * XML as crmsh prints it through lxml (`etree.tostring(pretty_print=True)`, ASCII output):
 * two spaces per level, `<x/>` for empty elements, characters beyond ASCII as character
 * references.
 */
function asciiOnly(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\u0000-\u007f]/.test(text)) return text;
  let result = "";
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    result += code > 0x7f ? `&#${code};` : character;
  }
  return result;
}

function openTag(element: XmlElement): string {
  let tag = `<${element.name}`;
  for (const [name, value] of Object.entries(element.attributes)) {
    tag += ` ${name}="${asciiOnly(escapeAttribute(value))}"`;
  }
  return tag;
}

function inline(node: XmlNode): string {
  if (node.kind === "comment") return `<!--${asciiOnly(node.text)}-->`;
  if (node.kind === "text") return asciiOnly(escapeText(node.text));
  if (node.children.length === 0) return `${openTag(node)}/>`;
  return `${openTag(node)}>${node.children.map(inline).join("")}</${node.name}>`;
}

function pretty(node: XmlNode, depth: number, lines: string[]): void {
  const pad = "  ".repeat(depth);
  if (node.kind !== "element" || node.children.length === 0) {
    lines.push(pad + inline(node));
    return;
  }
  if (node.children.some((child) => child.kind === "text")) {
    lines.push(pad + inline(node));
    return;
  }
  lines.push(`${pad}${openTag(node)}>`);
  for (const child of node.children) pretty(child, depth + 1, lines);
  lines.push(`${pad}</${node.name}>`);
}

/** The element's lines, unindented at its own level. */
export function prettyXmlLines(element: XmlElement): string[] {
  const lines: string[] = [];
  pretty(element, 0, lines);
  return lines;
}

/**
 * A copy of an object element with its comments as crmsh holds them after reading a CIB:
 * trimmed, starting with `#`, and moved above the first child element. Each comment keeps
 * the whitespace that followed it in cibadmin's layout (`depth` is the element's depth in
 * the document, `<cib>` being 0), which makes lxml print the rest of the element inline.
 */
export function withNormalizedComments(element: XmlElement, depth: number): XmlElement {
  if (!element.children.some((child) => child.kind === "comment")) return element;
  const comments: XmlNode[] = [];
  const others: XmlNode[] = [];
  const last = element.children.length - 1;
  element.children.forEach((child, index) => {
    if (child.kind !== "comment") {
      others.push(child);
      return;
    }
    const tail = `\n${"  ".repeat(index === last ? depth : depth + 1)}`;
    comments.push({ kind: "comment", text: commentText(child.text) }, { kind: "text", text: tail });
  });
  return { ...element, children: [...comments, ...others] };
}

/** `xml <element …> \` … — the form of an object crmsh cannot express in its syntax. */
export function rawXmlText(element: XmlElement, depth: number): string {
  const lines = prettyXmlLines(withNormalizedComments(element, depth))
    .join("\n")
    .split("\n")
    .filter((line) => line !== "");
  return `xml ${lines.join(" \\\n")}`;
}
