import type { XmlElement } from "../../cib/index.js";
import { element, firstChild } from "../../cib/index.js";

/** The `<configuration>` section each top-level CIB element lives in. */
const sectionByTag: Readonly<Record<string, string>> = {
  node: "nodes",
  primitive: "resources",
  template: "resources",
  group: "resources",
  clone: "resources",
  master: "resources",
  bundle: "resources",
  rsc_location: "constraints",
  rsc_colocation: "constraints",
  rsc_order: "constraints",
  rsc_ticket: "constraints",
  cluster_property_set: "crm_config",
  tag: "tags",
  acl_role: "acls",
  acl_target: "acls",
  acl_group: "acls",
  acl_user: "acls",
  alert: "alerts",
};

/** The section of a top-level element, or undefined when it is not a configuration object. */
export function sectionOf(tag: string): string | undefined {
  return sectionByTag[tag];
}

/**
 * crmsh's processing order for a batch (xmlutil `_sort_xml_order`): simple objects first,
 * so containers find their children and constraints their resources. Ties keep input order.
 */
const processingOrder: readonly (readonly string[])[] = [
  ["node"],
  ["template"],
  ["primitive"],
  ["bundle"],
  ["group"],
  ["master"],
  ["clone"],
  ["op"],
  ["tag"],
  ["rsc_location", "rsc_colocation", "rsc_order"],
  ["rsc_ticket", "fencing-topology"],
  ["cluster_property_set"],
  ["rsc_defaults"],
  ["op_defaults"],
  ["acl_role"],
  ["acl_target", "acl_group", "acl_user"],
  ["alert"],
];

const rankByTag = new Map<string, number>(
  processingOrder.flatMap((tags, rank) => tags.map((tag) => [tag, rank] as const)),
);

/** Lower ranks are created first; unknown tags last. */
export function processingRank(tag: string): number {
  return rankByTag.get(tag) ?? processingOrder.length;
}

/** The section element under `<configuration>`, appended (as crmsh does) when missing. */
export function ensureSection(configuration: XmlElement, name: string): XmlElement {
  const existing = firstChild(configuration, name);
  if (existing !== undefined) return existing;
  const created = element(name);
  configuration.children.push(created);
  return created;
}
