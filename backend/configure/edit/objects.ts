import type { XmlElement } from "../../cib/index.js";
import { childElements, descendants, firstChild } from "../../cib/index.js";

/** Resource element names; group, clone, master and bundle contain other resources. */
export const resourceTags: ReadonlySet<string> = new Set([
  "primitive",
  "group",
  "clone",
  "master",
  "bundle",
  "template",
]);
export const containerTags: ReadonlySet<string> = new Set(["group", "clone", "master"]);

/** crm configure keywords of CIB elements, for messages (`hanging location:l1 deleted`). */
export const keywordOfTag: Readonly<Record<string, string>> = {
  node: "node",
  primitive: "primitive",
  group: "group",
  clone: "clone",
  master: "ms",
  bundle: "bundle",
  template: "rsc_template",
  rsc_location: "location",
  rsc_colocation: "colocation",
  rsc_order: "order",
  rsc_ticket: "rsc_ticket",
  tag: "tag",
  cluster_property_set: "property",
  "fencing-level": "fencing_topology",
  alert: "alert",
  acl_role: "role",
  acl_target: "acl_target",
  acl_group: "acl_group",
};

export function describeObject(element: XmlElement): string {
  return `${keywordOfTag[element.name] ?? element.name}:${element.attributes["id"] ?? ""}`;
}

/** Element names whose ids are crm configure objects (what `delete` and `rename` accept). */
const objectParents: Readonly<Record<string, ReadonlySet<string>>> = {
  crm_config: new Set(["cluster_property_set"]),
  rsc_defaults: new Set(["meta_attributes"]),
  op_defaults: new Set(["meta_attributes"]),
  nodes: new Set(["node"]),
  resources: resourceTags,
  group: new Set(["primitive"]),
  clone: new Set(["primitive", "group"]),
  master: new Set(["primitive", "group"]),
  bundle: new Set(["primitive"]),
  constraints: new Set(["rsc_location", "rsc_colocation", "rsc_order", "rsc_ticket"]),
  tags: new Set(["tag"]),
  acls: new Set(["acl_target", "acl_group", "acl_role", "acl_user"]),
  "fencing-topology": new Set(["fencing-level"]),
  alerts: new Set(["alert"]),
};

export interface Located {
  readonly element: XmlElement;
  readonly parent: XmlElement;
}

/** Every configuration object with its parent, in document order. */
export function configurationObjects(configuration: XmlElement): Located[] {
  const found: Located[] = [];
  const visit = (parent: XmlElement): void => {
    const allowed = objectParents[parent.name];
    if (allowed === undefined) return;
    for (const child of childElements(parent)) {
      if (!allowed.has(child.name) || child.attributes["id"] === undefined) continue;
      found.push({ element: child, parent });
      visit(child);
    }
  };
  for (const section of childElements(configuration)) visit(section);
  return found;
}

export function objectsById(configuration: XmlElement): Map<string, Located> {
  const byId = new Map<string, Located>();
  for (const located of configurationObjects(configuration)) {
    const id = located.element.attributes["id"];
    if (id !== undefined && !byId.has(id)) byId.set(id, located);
  }
  return byId;
}

/** Resources held directly by a container (its meta/instance attributes excluded). */
export function childResources(container: XmlElement): XmlElement[] {
  return childElements(container).filter((child) => resourceTags.has(child.name));
}

export function configurationOf(cib: XmlElement): XmlElement | undefined {
  return firstChild(cib, "configuration");
}

export function removeChild(parent: XmlElement, child: XmlElement): number {
  const index = parent.children.indexOf(child);
  if (index >= 0) parent.children.splice(index, 1);
  return index;
}

/** Object ids follow crmsh: a letter or underscore, then letters, digits, `_`, `.`, `-`. */
export const objectIdPattern = /^[A-Za-z_][\w.-]*$/;

/** The constraint, tag or fencing level that holds `element` (itself when top-level). */
export function ownerOf(configuration: XmlElement, element: XmlElement): XmlElement {
  let current = element;
  for (;;) {
    const parent = findParent(configuration, current);
    if (parent === undefined || sectionNames.has(parent.name)) return current;
    current = parent;
  }
}

const sectionNames: ReadonlySet<string> = new Set([
  "constraints",
  "tags",
  "fencing-topology",
  "resources",
  "acls",
]);

export function findParent(root: XmlElement, target: XmlElement): XmlElement | undefined {
  for (const node of descendants(root)) {
    if (node.children.includes(target)) return node;
  }
  return undefined;
}
