import type { XmlElement } from "../../cib/index.js";
import type { IdStore } from "./id-store.js";
import { placeholderTag } from "./draft.js";

/** The prefix crmsh starts from when a top-level element has no id of its own. */
const prefixHintByTag: Readonly<Record<string, string>> = {
  node: "node",
  primitive: "rsc",
  template: "rsc",
  master: "grp",
  group: "grp",
  clone: "grp",
  rsc_location: "location",
  "fencing-topology": "fencing",
  tags: "tag",
  alerts: "alert",
};

/** Elements that never get an id (their children take the owner's id as prefix). */
const idlessTags: ReadonlySet<string> = new Set([
  "operations",
  "fencing-topology",
  "network",
  "docker",
  "rkt",
  "podman",
  "storage",
  "select",
  "select_attributes",
  "select_fencing",
  "select_nodes",
  "select_resources",
]);

/** Reference elements: their `id` names another object (a resource, a tag member, a role). */
const referenceTags: ReadonlySet<string> = new Set([
  "resource_ref",
  "obj_ref",
  "role",
  "role_ref",
  placeholderTag,
]);

function needsId(node: XmlElement): boolean {
  if (referenceTags.has(node.name)) return false;
  return node.attributes["id-ref"] === undefined && !idlessTags.has(node.name);
}

function nextPrefix(node: XmlElement, prefix: string): string {
  const uname = node.attributes["uname"];
  if (node.name === "node" && uname !== undefined) return uname;
  return node.attributes["id"] ?? prefix;
}

function assignId(node: XmlElement, prefix: string, store: IdStore, taken: string[]): void {
  const given = node.attributes["id"] ?? node.attributes["uname"];
  if (given !== undefined && given !== "") {
    if (store.has(given)) taken.push(given);
    store.save(given);
    if (node.attributes["id"] === undefined) node.attributes["id"] = given;
    return;
  }
  node.attributes["id"] = store.generate(node, prefix);
}

function assignTree(node: XmlElement, prefix: string, store: IdStore, taken: string[]): void {
  if (needsId(node)) assignId(node, prefix, store, taken);
  const childPrefix = nextPrefix(node, prefix);
  for (const child of node.children) {
    if (child.kind === "element") assignTree(child, childPrefix, store, taken);
  }
}

/**
 * Fills in every missing id of a new object, depth first in document order, as crmsh 4.4's
 * fix_node_ids does: each element's prefix is its nearest owner's id (a node's uname), user
 * ids are kept and registered, generated ones follow IdStore.generate.
 * Returns the user-given ids that were already in use (the caller decides: an error).
 */
export function assignIds(object: XmlElement, store: IdStore): string[] {
  return assignIdsUnder(object, prefixHintByTag[object.name] ?? "", store);
}

/** assignIds for a part of an object, given its owner's id as prefix. */
export function assignIdsUnder(node: XmlElement, prefix: string, store: IdStore): string[] {
  const taken: string[] = [];
  assignTree(node, prefix, store, taken);
  return taken;
}
