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

/** Attributes that make a new element the same as an old one (crmsh `match_list`). */
const matchAttributes: Readonly<Record<string, readonly string[]>> = {
  node: ["uname"],
  nvpair: ["name"],
  op: ["name", "interval"],
  rule: ["score", "score-attribute", "role"],
  expression: ["attribute", "operation", "value"],
  "fencing-level": ["target", "devices"],
  alert: ["path"],
  recipient: ["value"],
};

/** The old version of an object being replaced, whose ids are harvested (crmsh lookup_node). */
interface Harvest {
  readonly used: Set<XmlElement>;
}

function lookupOld(node: XmlElement, old: XmlElement | undefined, harvest: Harvest) {
  if (old === undefined) return undefined;
  const names = [...(matchAttributes[node.name] ?? [])];
  if (node.attributes["id"] !== undefined) names.push("id");
  for (const candidate of old.children) {
    if (candidate.kind !== "element" || candidate.name !== node.name) continue;
    if (harvest.used.has(candidate)) continue;
    if (names.every((name) => candidate.attributes[name] === node.attributes[name])) {
      return candidate;
    }
  }
  return undefined;
}

interface Assignment {
  readonly store: IdStore;
  readonly taken: string[];
  readonly harvest: Harvest;
}

function assignId(
  node: XmlElement,
  old: XmlElement | undefined,
  prefix: string,
  assignment: Assignment,
): void {
  const { store, taken, harvest } = assignment;
  const own = node.attributes["id"];
  if (own !== undefined && own !== "") {
    if (store.has(own)) taken.push(own);
    store.save(own);
    return;
  }
  const oldId = old?.attributes["id"];
  const given = oldId ?? node.attributes["uname"];
  if (given !== undefined && given !== "") {
    if (store.has(given)) taken.push(given);
    store.save(given);
    node.attributes["id"] = given;
    if (old !== undefined) harvest.used.add(old);
    return;
  }
  node.attributes["id"] = store.generate(node, prefix);
}

function assignTree(
  node: XmlElement,
  oldParent: XmlElement | undefined,
  prefix: string,
  assignment: Assignment,
): void {
  const old = lookupOld(node, oldParent, assignment.harvest);
  if (needsId(node)) assignId(node, old, prefix, assignment);
  const childPrefix = nextPrefix(node, prefix);
  for (const child of node.children) {
    if (child.kind === "element") assignTree(child, old ?? oldParent, childPrefix, assignment);
  }
}

/**
 * Fills in every missing id of a new object, depth first in document order, as crmsh 4.4's
 * fix_node_ids does: each element's prefix is its nearest owner's id (a node's uname), user
 * ids are kept and registered, generated ones follow IdStore.generate. When the object
 * replaces `old` (load update), elements matching old ones take their ids back, and the old
 * ids stay in the store as in crmsh. Returns the given or harvested ids that were already in
 * the store (for a replacement, the caller discounts the old object's own ids).
 */
export function assignIds(object: XmlElement, store: IdStore, old?: XmlElement): string[] {
  return assignIdsUnder(object, prefixHintByTag[object.name] ?? "", store, old);
}

/** assignIds for a part of an object, given its owner's id as prefix. */
export function assignIdsUnder(
  node: XmlElement,
  prefix: string,
  store: IdStore,
  old?: XmlElement,
): string[] {
  const assignment: Assignment = { store, taken: [], harvest: { used: new Set() } };
  assignTree(node, old, prefix, assignment);
  return assignment.taken;
}
