/**
 * Ids by kind from a CIB, for CompletionContext.idsByKind. Typed structurally so this pure
 * area needs no import of backend/cib: its XmlElement fits `CibElementLike`.
 */
import type { IdKind } from "./context.js";

export interface CibElementLike {
  readonly kind: string;
  readonly name?: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly children?: readonly CibElementLike[];
  /** Text and comment nodes. */
  readonly text?: string;
}

const kindOfElement: Readonly<Record<string, IdKind>> = {
  primitive: "primitive",
  group: "group",
  clone: "clone",
  master: "clone",
  bundle: "bundle",
  template: "template",
  rsc_location: "constraint",
  rsc_colocation: "constraint",
  rsc_order: "constraint",
  rsc_ticket: "constraint",
  tag: "tag",
  acl_role: "acl_role",
  cluster_property_set: "property_set",
};

/** Node unames, then resource, constraint, tag and ACL role ids of `<configuration>`. */
export function idsFromCib(cib: CibElementLike): ReadonlyMap<IdKind, readonly string[]> {
  const ids = new Map<IdKind, string[]>();
  const add = (kind: IdKind, id: string | undefined): void => {
    if (id === undefined || id === "") return;
    const list = ids.get(kind) ?? [];
    if (!list.includes(id)) list.push(id);
    ids.set(kind, list);
  };
  const configuration = childNamed(cib, "configuration") ?? cib;
  for (const node of childNamed(configuration, "nodes")?.children ?? []) {
    if (node.kind === "element" && node.name === "node") {
      add("node", node.attributes?.["uname"] ?? node.attributes?.["id"]);
    }
  }
  const visit = (element: CibElementLike): void => {
    for (const child of element.children ?? []) {
      if (child.kind !== "element" || child.name === "status") continue;
      const kind = kindOfElement[child.name ?? ""];
      if (kind !== undefined) add(kind, child.attributes?.["id"]);
      if (child.name !== "nodes") visit(child);
    }
  };
  visit(configuration);
  for (const defaults of ["rsc_defaults", "op_defaults"]) {
    for (const set of childNamed(configuration, defaults)?.children ?? []) {
      if (set.kind === "element" && set.name === "meta_attributes") {
        add("property_set", set.attributes?.["id"]);
      }
    }
  }
  return ids;
}

function childNamed(element: CibElementLike, name: string): CibElementLike | undefined {
  return element.children?.find((child) => child.kind === "element" && child.name === name);
}
