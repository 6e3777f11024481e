import {
  escapeAttribute,
  escapeText,
  md5Hex,
  type XmlElement,
  type XmlNode,
} from "../../backend/cib/index.js";

/**
 * The XML text of held CIB trees, made from cached pieces. A held CIB is never mutated: a
 * write makes a new tree that shares every untouched subtree with the old one (see
 * applyPatchset), so the text of a new version is its few new elements around the cached
 * text of the rest. The text of a subtree up to `cachedTextMax` characters is cached whole;
 * a larger one (a section, the status of a node) is given as the pieces of its children, so
 * no version copies the text of the sections it changed, and its digest is one pass of MD5
 * over the pieces. The output is byte for byte what backend/cib's writeXml() writes (compact,
 * and cibadmin's 2-space layout). Only trees that are never mutated afterwards may be given.
 */
const cachedTextMax = 64 * 1024;
const compactTexts = new WeakMap<XmlElement, string>();
const indentedTexts = new WeakMap<XmlElement, { readonly depth: number; readonly text: string }>();
const digests = new WeakMap<XmlElement, string>();

/** MD5 of the UTF-8 bytes of the pieces' concatenation, as 32 hex digits. */
export type TextHash = (pieces: readonly string[]) => string;

const pureMd5: TextHash = (pieces) => md5Hex(pieces.join(""));

function openTag(node: XmlElement): string {
  let tag = `<${node.name}`;
  for (const name in node.attributes) {
    tag += ` ${name}="${escapeAttribute(node.attributes[name] as string)}"`;
  }
  return tag;
}

/**
 * The whole text of the pieces from `start`, when it is worth caching: an element holding
 * elements (a leaf is as quick to write as to look up), and no longer than cachedTextMax.
 */
function wholeText(node: XmlElement, out: readonly string[], start: number): string | undefined {
  if (!node.children.some((child) => child.kind === "element")) return undefined;
  let length = 0;
  for (let index = start; index < out.length; index++) {
    length += (out[index] as string).length;
    if (length > cachedTextMax) return undefined;
  }
  return out.slice(start).join("");
}

function compactPieces(node: XmlNode, out: string[]): void {
  if (node.kind === "comment") return void out.push(`<!--${node.text}-->`);
  if (node.kind === "text") return void out.push(escapeText(node.text));
  const cached = compactTexts.get(node);
  if (cached !== undefined) return void out.push(cached);
  if (node.children.length === 0) return void out.push(`${openTag(node)}/>`);
  const start = out.length;
  out.push(`${openTag(node)}>`);
  for (const child of node.children) compactPieces(child, out);
  out.push(`</${node.name}>`);
  const text = wholeText(node, out, start);
  if (text !== undefined) compactTexts.set(node, text);
}

/** `writeXml(node, { indent: 0 })`. */
export function compactText(node: XmlElement): string {
  const out: string[] = [];
  compactPieces(node, out);
  return out.join("");
}

function indentedPieces(node: XmlNode, depth: number, out: string[]): void {
  const pad = "  ".repeat(depth);
  if (node.kind === "comment") return void out.push(`${pad}<!--${node.text}-->\n`);
  if (node.kind === "text") return void out.push(`${pad}${escapeText(node.text)}\n`);
  const cached = indentedTexts.get(node);
  if (cached?.depth === depth) return void out.push(cached.text);
  const tag = openTag(node);
  if (node.children.length === 0) return void out.push(`${pad}${tag}/>\n`);
  const start = out.length;
  if (node.children.every((child) => child.kind === "text")) {
    out.push(`${pad}${tag}>`);
    for (const child of node.children) compactPieces(child, out);
    out.push(`</${node.name}>\n`);
  } else {
    out.push(`${pad}${tag}>\n`);
    for (const child of node.children) indentedPieces(child, depth + 1, out);
    out.push(`${pad}</${node.name}>\n`);
  }
  const text = wholeText(node, out, start);
  if (text !== undefined) indentedTexts.set(node, { depth, text });
}

/** `writeXml(node)` (2 spaces a level), as written at `depth`. */
export function indentedText(node: XmlElement, depth = 0): string {
  const out: string[] = [];
  indentedPieces(node, depth, out);
  return out.join("");
}

/**
 * Pacemaker's v2 digest of a held CIB (MD5 of its compact XML, as backend/cib's cibDigest()),
 * computed once per tree, over the cached pieces of the subtrees it shares.
 */
export function heldCibDigest(cib: XmlElement, hash: TextHash = pureMd5): string {
  let digest = digests.get(cib);
  if (digest === undefined) {
    const pieces: string[] = [];
    compactPieces(cib, pieces);
    digest = hash(pieces);
    digests.set(cib, digest);
  }
  return digest;
}
