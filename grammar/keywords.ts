/**
 * Keyword tables of the crm configure language: one source for the parser, completion and
 * help (crmsh.md §1). Canonical spellings; matching is case-insensitive.
 */
import type { StatementKind } from "./ast.js";

/** Statement head words, canonical, in crmsh's documentation order. */
export const statementKeywords = [
  "node",
  "primitive",
  "monitor",
  "group",
  "clone",
  "ms",
  "rsc_template",
  "bundle",
  "location",
  "colocation",
  "order",
  "rsc_ticket",
  "property",
  "rsc_defaults",
  "op_defaults",
  "fencing_topology",
  "tag",
  "role",
  "acl_target",
  "acl_group",
  "user",
  "alert",
  "xml",
] as const;

export type StatementKeyword = (typeof statementKeywords)[number];

/** Aliases of statement head words. */
export const statementAliases: Readonly<Record<string, StatementKeyword>> = {
  master: "ms",
  collocation: "colocation",
  "fencing-topology": "fencing_topology",
  resource: "primitive",
};

/** The AST kind each head word produces. */
export const statementKindOf: Readonly<Record<StatementKeyword, StatementKind>> = {
  node: "node",
  primitive: "primitive",
  monitor: "monitor",
  group: "group",
  clone: "clone",
  ms: "ms",
  rsc_template: "rsc_template",
  bundle: "bundle",
  location: "location",
  colocation: "colocation",
  order: "order",
  rsc_ticket: "rsc_ticket",
  property: "property",
  rsc_defaults: "rsc_defaults",
  op_defaults: "op_defaults",
  fencing_topology: "fencing_topology",
  tag: "tag",
  role: "role",
  acl_target: "acl_target",
  acl_group: "acl_group",
  user: "user",
  alert: "alert",
  xml: "xml",
};

/** Words that open (and therefore end) an attribute list or a part of a statement. */
export const sectionKeywords = [
  "params",
  "meta",
  "utilization",
  "attributes",
  "operations",
  "op",
  "op_params",
  "op_meta",
  "rule",
] as const;

/** Sections each resource-like statement accepts. */
export const sectionsByStatement: Readonly<Record<string, readonly string[]>> = {
  node: ["attributes", "utilization"],
  primitive: ["params", "meta", "utilization", "operations", "op", "op_params", "op_meta"],
  rsc_template: ["params", "meta", "utilization", "operations", "op", "op_params", "op_meta"],
  group: ["params", "meta"],
  clone: ["params", "meta"],
  ms: ["params", "meta"],
  bundle: ["docker", "rkt", "podman", "network", "port-mapping", "storage", "storage-mapping",
    "meta", "primitive"],
  alert: ["attributes", "meta", "select", "to"],
};

/** Names that are `<op>` XML attributes in pacemaker-3.9; any other op name=value nests. */
export const opAttributeNames: ReadonlySet<string> = new Set([
  "id",
  "name",
  "interval",
  "timeout",
  "description",
  "start-delay",
  "interval-origin",
  "enabled",
  "record-pending",
  "role",
  "on-fail",
]);

/** Common op names (completion; any name is accepted). */
export const opNames = [
  "monitor",
  "start",
  "stop",
  "promote",
  "demote",
  "migrate_to",
  "migrate_from",
  "notify",
  "reload",
  "reload-agent",
  "meta-data",
  "validate-all",
] as const;

/** Roles, canonical spelling (input is matched case-insensitively). */
export const roleNames = [
  "Started",
  "Stopped",
  "Promoted",
  "Unpromoted",
  "Master",
  "Slave",
] as const;

/** Order kinds, canonical spelling. */
export const orderKinds = ["Mandatory", "Optional", "Serialize"] as const;

/** Actions of order members. */
export const orderActions = ["start", "stop", "promote", "demote"] as const;

/** Node types the parser accepts (`normal` is rejected later by the 3.x schema). */
export const nodeTypes = ["normal", "member", "ping", "remote"] as const;

/** rsc_ticket loss policies. */
export const lossPolicies = ["stop", "demote", "fence", "freeze"] as const;

/** Rule expression operators. */
export const binaryOperations = ["lt", "gt", "lte", "gte", "eq", "ne"] as const;
export const unaryOperations = ["defined", "not_defined"] as const;
export const expressionTypes = ["string", "integer", "number", "version"] as const;
export const dateOperations = ["lt", "gt", "in_range", "in", "date_spec", "spec"] as const;

/** Keys of date_spec and duration (`in_range` also takes start= and end=). */
export const dateSpecKeys = [
  "hours",
  "monthdays",
  "weekdays",
  "yearsdays",
  "yeardays",
  "months",
  "weeks",
  "years",
  "weekyears",
  "moon",
  "minutes",
  "seconds",
] as const;

/** ACL spec keywords with their aliases, to the canonical keyword. */
export const aclSpecAliases = {
  xpath: "xpath",
  ref: "ref",
  reference: "ref",
  type: "type",
  tag: "type",
  attr: "attr",
  attribute: "attr",
  meta: "meta",
  params: "params",
  utilization: "utilization",
  location: "location",
  property: "property",
  nodeattr: "nodeattr",
  nodeutil: "nodeutil",
  node: "node",
  status: "status",
  cib: "cib",
} as const;

/** ACL rights. */
export const aclRights = ["read", "write", "deny"] as const;

/** Alert select kinds. */
export const alertSelectKinds = ["nodes", "fencing", "resources", "attributes"] as const;

/** Bundle container kinds. */
export const bundleContainers = ["docker", "rkt", "podman"] as const;
