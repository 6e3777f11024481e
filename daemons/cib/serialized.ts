import {
  escapeAttribute,
  escapeText,
  md5Hex,
  type XmlElement,
  type XmlNode,
} from "../../backend/cib/index.js";

/**
 * The XML text of held CIB trees, cached per element. A held CIB is never mutated: a write
 * makes a new tree that shares every untouched subtree with the old one (see applyPatchset),
 * so the text of a new version is its few new elements around the cached text of the rest,
 * and its digest costs one pass of MD5 instead of a serialization of the whole document.
 * The output is byte for byte what backend/cib's writeXml() writes (compact, and cibadmin's
 * 2-space layout). Only trees that are never mutated afterwards may be given here.
 */
const compactTexts = new WeakMap<XmlElement, string>();
const indentedTexts = new WeakMap<XmlElement, { readonly depth: number; readonly text: string }>();
const digests = new WeakMap<XmlElement, string>();

function openTag(node: XmlElement): string {
  let tag = `<${node.name}`;
  for (const name in node.attributes) {
    tag += ` ${name}="${escapeAttribute(node.attributes[name] as string)}"`;
  }
  return tag;
}

/** Elements with element children are cached; a leaf is as quick to write as to look up. */
function cacheable(node: XmlElement): boolean {
  return node.children.some((child) => child.kind === "element");
}

function writeCompact(node: XmlNode, out: string[]): void {
  if (node.kind === "comment") out.push(`<!--${node.text}-->`);
  else if (node.kind === "text") out.push(escapeText(node.text));
  else if (cacheable(node)) out.push(compactText(node));
  else if (node.children.length === 0) out.push(`${openTag(node)}/>`);
  else {
    out.push(`${openTag(node)}>`);
    for (const child of node.children) writeCompact(child, out);
    out.push(`</${node.name}>`);
  }
}

/**
 * `writeXml(node, { indent: 0 })`, cached for the element. Texts are joined flat (not left as
 * chains of concatenations), so hashing or writing one does not first copy it.
 */
export function compactText(node: XmlElement): string {
  const cached = compactTexts.get(node);
  if (cached !== undefined) return cached;
  if (node.children.length === 0) return `${openTag(node)}/>`;
  const out = [`${openTag(node)}>`];
  for (const child of node.children) writeCompact(child, out);
  out.push(`</${node.name}>`);
  const text = out.join("");
  if (cacheable(node)) compactTexts.set(node, text);
  return text;
}

function writeIndented(node: XmlNode, depth: number, out: string[]): void {
  const pad = "  ".repeat(depth);
  if (node.kind === "comment") out.push(`${pad}<!--${node.text}-->\n`);
  else if (node.kind === "text") out.push(`${pad}${escapeText(node.text)}\n`);
  else out.push(indentedText(node, depth));
}

/** `writeXml(node)` (2 spaces a level) as written at `depth`, cached for the element. */
export function indentedText(node: XmlElement, depth = 0): string {
  const cached = indentedTexts.get(node);
  if (cached?.depth === depth) return cached.text;
  const pad = "  ".repeat(depth);
  const tag = openTag(node);
  if (node.children.length === 0) return `${pad}${tag}/>\n`;
  const out: string[] = [];
  if (node.children.every((child) => child.kind === "text")) {
    out.push(`${pad}${tag}>`);
    for (const child of node.children) writeCompact(child, out);
    out.push(`</${node.name}>\n`);
  } else {
    out.push(`${pad}${tag}>\n`);
    for (const child of node.children) writeIndented(child, depth + 1, out);
    out.push(`${pad}</${node.name}>\n`);
  }
  const text = out.join("");
  if (cacheable(node)) indentedTexts.set(node, { depth, text });
  return text;
}

/** MD5 of a text's UTF-8 bytes as 32 hex digits; a host may pass a native one. */
export type TextHash = (text: string) => string;

/**
 * Pacemaker's v2 digest of a held CIB (MD5 of its compact XML, as backend/cib's cibDigest()),
 * computed once per tree and from the cached text of the subtrees it shares.
 */
export function heldCibDigest(cib: XmlElement, hash: TextHash = md5Hex): string {
  let digest = digests.get(cib);
  if (digest === undefined) {
    digest = hash(compactText(cib));
    digests.set(cib, digest);
  }
  return digest;
}
