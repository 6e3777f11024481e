import type { XmlElement, XmlNode } from "./xml-node.js";

export interface XmlWriteOptions {
  /** Spaces per level; 0 writes everything on one line (default 2, as cibadmin writes). */
  readonly indent?: number;
  /** Prefix `<?xml version="1.0"?>` and a newline. */
  readonly declaration?: boolean;
}

const attributeEscapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};
const textEscapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "\r": "&#13;",
};

/**
 * Characters XML 1.0 forbids anywhere (C0 controls other than tab, LF, CR; lone surrogates;
 * U+FFFE/U+FFFF). Values holding them cannot be written; callers validate first.
 */
// eslint-disable-next-line no-control-regex
export const forbiddenXmlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Escapes an attribute value so that it survives XML attribute-value normalisation: tabs and
 * line breaks become character references, as libxml2 writes them.
 */
export function escapeAttribute(value: string): string {
  return /[&<>"\t\n\r]/.test(value)
    ? value.replace(/[&<>"\t\n\r]/g, (character) => attributeEscapes[character] ?? character)
    : value;
}

/** Escapes text content; CR becomes `&#13;` because readers turn a literal CR into LF. */
export function escapeText(value: string): string {
  return /[&<>\r]/.test(value)
    ? value.replace(/[&<>\r]/g, (character) => textEscapes[character] ?? character)
    : value;
}

function openTag(node: XmlElement): string {
  let tag = `<${node.name}`;
  for (const name in node.attributes) {
    tag += ` ${name}="${escapeAttribute(node.attributes[name] as string)}"`;
  }
  return tag;
}

function writeCompact(node: XmlNode, out: string[]): void {
  if (node.kind === "comment") {
    out.push(`<!--${node.text}-->`);
    return;
  }
  if (node.kind === "text") {
    out.push(escapeText(node.text));
    return;
  }
  const tag = openTag(node);
  if (node.children.length === 0) {
    out.push(`${tag}/>`);
    return;
  }
  out.push(`${tag}>`);
  for (const child of node.children) writeCompact(child, out);
  out.push(`</${node.name}>`);
}

function writeIndented(node: XmlNode, depth: number, unit: string, out: string[]): void {
  const pad = unit.repeat(depth);
  if (node.kind === "comment") {
    out.push(`${pad}<!--${node.text}-->\n`);
    return;
  }
  if (node.kind === "text") {
    out.push(`${pad}${escapeText(node.text)}\n`);
    return;
  }
  const tag = openTag(node);
  if (node.children.length === 0) {
    out.push(`${pad}${tag}/>\n`);
    return;
  }
  if (node.children.every((child) => child.kind === "text")) {
    out.push(`${pad}${tag}>`);
    for (const child of node.children) writeCompact(child, out);
    out.push(`</${node.name}>\n`);
    return;
  }
  out.push(`${pad}${tag}>\n`);
  for (const child of node.children) writeIndented(child, depth + 1, unit, out);
  out.push(`${pad}</${node.name}>\n`);
}

/** Serialises an element tree. Indented output ends with a newline. */
export function writeXml(root: XmlElement, options: XmlWriteOptions = {}): string {
  const indent = options.indent ?? 2;
  const out: string[] = options.declaration ? ['<?xml version="1.0"?>\n'] : [];
  if (indent === 0) writeCompact(root, out);
  else writeIndented(root, 0, " ".repeat(indent), out);
  return out.join("");
}
