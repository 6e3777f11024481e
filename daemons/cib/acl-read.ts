import { cloneNode, element, type XmlElement, type XmlNode } from "../../backend/cib/index.js";
import type { AclIdentity } from "./acl-rules.js";
import { aclEntriesFor, aclFlags, decides, isRestricted } from "./acl-rules.js";

/**
 * What `identity` may read of `cib`, as Pacemaker filters a query result: a copy where every
 * element the user may read is whole, an element it may not read but that holds readable ones
 * is kept as a bare skeleton (its id only), and everything else is removed. An element is
 * readable when the nearest of itself and its ancestors that a permission names grants read
 * or write (deny wins on the same element). Undefined when nothing is readable, or when the
 * user has no permissions at all (deny by default). The ACLs are the document's own.
 */
export function cibReadableBy(cib: XmlElement, identity: AclIdentity): XmlElement | undefined {
  if (!isRestricted(identity)) return cloneNode(cib);
  return readableBy(cib, cib, identity);
}

/**
 * The same filter applied to `document` (a query result, a notification's new CIB) with the
 * ACLs of `aclSource` (the CIB the cluster holds).
 */
export function readableBy(
  document: XmlElement,
  aclSource: XmlElement,
  identity: AclIdentity,
): XmlElement | undefined {
  if (!isRestricted(identity)) return cloneNode(document);
  const entries = aclEntriesFor(aclSource, identity);
  if (entries.length === 0) return undefined;
  const flags = aclFlags(document, entries);
  return filterElement(document, false, flags);
}

function filterElement(
  node: XmlElement,
  parentReadable: boolean,
  flags: ReadonlyMap<XmlElement, number>,
): XmlElement | undefined {
  const readable = decides(flags.get(node), "read") ?? parentReadable;
  const children: XmlNode[] = [];
  for (const child of node.children) {
    if (child.kind !== "element") {
      if (readable) children.push(cloneNode(child));
      continue;
    }
    const kept = filterElement(child, readable, flags);
    if (kept !== undefined) children.push(kept);
  }
  if (readable) return element(node.name, { ...node.attributes }, children);
  if (!children.some((child) => child.kind === "element")) return undefined;
  const id = node.attributes["id"];
  return element(
    node.name,
    id === undefined ? {} : { id },
    children.filter((child) => child.kind === "element"),
  );
}
