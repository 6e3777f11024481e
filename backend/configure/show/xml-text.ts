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

/** Elements crmsh handles as objects: their own comments are normalised when it reads a CIB. */
export const objectTags: ReadonlySet<string> = new Set([
  "node",
  "primitive",
  "group",
  "clone",
  "master",
  "template",
  "bundle",
  "rsc_location",
  "rsc_colocation",
  "rsc_order",
  "rsc_ticket",
  "cluster_property_set",
  "fencing-topology",
  "acl_role",
  "acl_user",
  "acl_target",
  "acl_group",
  "tag",
  "alert",
]);

function isDefaultsSet(parent: XmlElement, child: XmlElement): boolean {
  return (
    child.name === "meta_attributes" &&
    (parent.name === "rsc_defaults" || parent.name === "op_defaults")
  );
}

/**
 * A copy of an element with its comments as crmsh holds them after reading a CIB. Each
 * comment keeps the whitespace that followed it in cibadmin's layout (`depth` is the
 * element's depth in the document, `<cib>` being 0), which makes lxml print the rest of its
 * parent inline. Comments directly inside an object are also trimmed, made to start with
 * `#` and moved above its first child element.
 */
export function withCommentTails(
  element: XmlElement,
  depth: number,
  isObject: boolean,
): XmlElement {
  const comments: XmlNode[] = [];
  const others: XmlNode[] = [];
  const last = element.children.length - 1;
  element.children.forEach((child, index) => {
    if (child.kind === "element") {
      const childIsObject = objectTags.has(child.name) || isDefaultsSet(element, child);
      others.push(withCommentTails(child, depth + 1, childIsObject));
      return;
    }
    if (child.kind !== "comment") {
      others.push(child);
      return;
    }
    const tail: XmlNode = {
      kind: "text",
      text: `\n${"  ".repeat(index === last ? depth : depth + 1)}`,
    };
    if (isObject) comments.push({ kind: "comment", text: commentText(child.text) }, tail);
    else others.push(child, tail);
  });
  return { ...element, children: [...comments, ...others] };
}

/** `xml <element …> \` … — the form of an object crmsh cannot express in its syntax. */
export function rawXmlText(element: XmlElement, depth: number): string {
  const lines = prettyXmlLines(withCommentTails(element, depth, true))
    .join("\n")
    .split("\n")
    .filter((line) => line !== "");
  return `xml ${lines.join(" \\\n")}`;
}
