import type { XmlElement } from "../../cib/index.js";
import { childElements } from "../../cib/index.js";

/** The kinds of top-level objects, in crmsh's CLI names. */
export type ObjectKind =
  | "node"
  | "primitive"
  | "group"
  | "clone"
  | "ms"
  | "bundle"
  | "rsc_template"
  | "location"
  | "colocation"
  | "order"
  | "rsc_ticket"
  | "property"
  | "rsc_defaults"
  | "op_defaults"
  | "fencing_topology"
  | "role"
  | "user"
  | "acl_target"
  | "acl_group"
  | "tag"
  | "alert";

/** One object crmsh shows as a unit; `top` is the outermost object holding it (for XML). */
export interface ConfigurationObject {
  readonly kind: ObjectKind;
  readonly id: string;
  readonly element: XmlElement;
  /** The configuration section the top object lives in (`configuration` for fencing). */
  readonly section: string;
  readonly top: XmlElement;
  /** Depth of the element in a CIB document (`<cib>` 0, `<configuration>` 1). */
  readonly depth: number;
}

const kindByTag: Readonly<Record<string, readonly [ObjectKind, string]>> = {
  node: ["node", "nodes"],
  primitive: ["primitive", "resources"],
  group: ["group", "resources"],
  clone: ["clone", "resources"],
  master: ["ms", "resources"],
  template: ["rsc_template", "resources"],
  bundle: ["bundle", "resources"],
  rsc_location: ["location", "constraints"],
  rsc_colocation: ["colocation", "constraints"],
  rsc_order: ["order", "constraints"],
  rsc_ticket: ["rsc_ticket", "constraints"],
  cluster_property_set: ["property", "crm_config"],
  rsc_defaults: ["rsc_defaults", "rsc_defaults"],
  op_defaults: ["op_defaults", "op_defaults"],
  "fencing-topology": ["fencing_topology", "configuration"],
  acl_role: ["role", "acls"],
  acl_user: ["user", "acls"],
  acl_target: ["acl_target", "acls"],
  acl_group: ["acl_group", "acls"],
  tag: ["tag", "tags"],
  alert: ["alert", "alerts"],
};

const defaultIds: Partial<Record<ObjectKind, string>> = {
  property: "cib-bootstrap-options",
  rsc_defaults: "rsc-options",
  op_defaults: "op-options",
};

/**
 * crmsh's processing order of CIB elements: `show` sorts by id within a bucket, `show xml`
 * keeps document order within one.
 */
export const sortBucket: Readonly<Record<ObjectKind, number>> = {
  node: 0,
  rsc_template: 1,
  primitive: 2,
  bundle: 3,
  group: 4,
  ms: 5,
  clone: 6,
  tag: 8,
  location: 9,
  colocation: 9,
  order: 9,
  rsc_ticket: 10,
  fencing_topology: 10,
  property: 11,
  rsc_defaults: 12,
  op_defaults: 13,
  role: 14,
  acl_target: 15,
  acl_group: 15,
  user: 15,
  alert: 16,
};

function objectId(kind: ObjectKind, element: XmlElement): string {
  if (kind === "fencing_topology") return "fencing_topology";
  return element.attributes["id"] ?? element.attributes["uname"] ?? defaultIds[kind] ?? "";
}

/**
 * Every object of a configuration element, in document order: nested resources (group
 * members, clone children) are objects of their own; each defaults set is one object.
 */
export function collectObjects(configuration: XmlElement): ConfigurationObject[] {
  const objects: ConfigurationObject[] = [];
  const visit = (
    parent: XmlElement,
    top: XmlElement | undefined,
    section: string,
    depth: number,
  ): void => {
    for (const child of parent.children) {
      if (child.kind !== "element" || child.name === "status") continue;
      const known = kindByTag[child.name];
      if (known === undefined) {
        visit(child, top, top === undefined ? child.name : section, depth + 1);
        continue;
      }
      const [kind, home] = known;
      if (kind === "rsc_defaults" || kind === "op_defaults") {
        for (const set of childElements(child, "meta_attributes")) {
          const id = objectId(kind, set);
          objects.push({ kind, id, element: set, section: home, top: set, depth: depth + 1 });
        }
        continue;
      }
      const outer = top ?? child;
      const where = top ? section : home;
      objects.push({
        kind,
        id: objectId(kind, child),
        element: child,
        section: where,
        top: outer,
        depth,
      });
      visit(child, outer, where, depth + 1);
    }
  };
  visit(configuration, undefined, "configuration", 2);
  return objects;
}

/**
 * crmsh's `show` order: by bucket, then by id (code-unit order), ties in document order.
 * Without `byId` (crmsh's `sort-elements no`), by bucket only, in document order.
 */
export function sortObjects(
  objects: readonly ConfigurationObject[],
  options: { readonly byId: boolean } = { byId: true },
): ConfigurationObject[] {
  return objects
    .map((object, index) => ({ object, index }))
    .sort((a, b) => {
      const bucket = sortBucket[a.object.kind] - sortBucket[b.object.kind];
      if (bucket !== 0) return bucket;
      if (options.byId && a.object.id !== b.object.id) return a.object.id < b.object.id ? -1 : 1;
      return a.index - b.index;
    })
    .map(({ object }) => object);
}
