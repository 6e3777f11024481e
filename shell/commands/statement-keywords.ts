/**
 * The head words of crm configure statements, for the configure level's commands. The
 * grammar's `statementKeywords` / `statementAliases` are the source of truth; this copy exists
 * only because importing grammar/ loads the parser (≈0.3 s of CPU), which a one-shot
 * `crm configure show` must not pay. tests/unit/shell/statement-keywords.test.ts keeps the
 * two equal.
 */
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

export const statementAliases: Readonly<Record<string, string>> = {
  master: "ms",
  collocation: "colocation",
  "fencing-topology": "fencing_topology",
  resource: "primitive",
};

/** One-line help and a synopsis for each statement command (crmsh's help texts, our words). */
export const statementHelp: Readonly<
  Record<string, { readonly help: string; readonly usage: string }>
> = {
  node: {
    help: "Define a cluster node",
    usage: "[ID:]UNAME[:TYPE] [attributes NAME=VALUE...] [utilization ...]",
  },
  primitive: {
    help: "Define a resource",
    usage: "ID [CLASS:[PROVIDER:]]TYPE|@TEMPLATE [params ...] [meta ...] [op NAME ...]",
  },
  monitor: {
    help: "Add a monitor operation to a primitive",
    usage: "RSC[:ROLE] INTERVAL[:TIMEOUT]",
  },
  group: { help: "Define a group of resources", usage: "ID RSC... [meta ...]" },
  clone: { help: "Define a clone", usage: "ID RSC [meta ...]" },
  ms: {
    help: "Define a promotable (master/slave) clone (deprecated: clone with promotable=true)",
    usage: "ID RSC [meta ...]",
  },
  rsc_template: {
    help: "Define a resource template",
    usage: "ID [CLASS:[PROVIDER:]]TYPE [params ...] [meta ...] [op ...]",
  },
  bundle: {
    help: "Define a container bundle",
    usage: "ID docker|rkt|podman OPTION=VALUE... [network ...] [storage ...] [primitive RSC]",
  },
  location: { help: "Define a location constraint", usage: "ID RSC {SCORE: NODE | rule ...}" },
  colocation: {
    help: "Define a colocation constraint",
    usage: "ID SCORE: RSC[:ROLE] RSC[:ROLE]...",
  },
  order: {
    help: "Define an order constraint",
    usage: "ID [KIND:] RSC[:ACTION] RSC[:ACTION]... [symmetrical=BOOL]",
  },
  rsc_ticket: {
    help: "Define a resource ticket dependency",
    usage: "ID TICKET: RSC[:ROLE]... [loss-policy=POLICY]",
  },
  property: { help: "Set cluster properties", usage: "[SET-ID:] NAME=VALUE..." },
  rsc_defaults: { help: "Set resource defaults", usage: "[SET-ID:] NAME=VALUE..." },
  op_defaults: { help: "Set operation defaults", usage: "[SET-ID:] NAME=VALUE..." },
  fencing_topology: { help: "Define fencing levels", usage: "[TARGET:] DEVICE[,DEVICE]..." },
  tag: { help: "Define a tag of resources", usage: "ID[:] RSC..." },
  role: { help: "Define an ACL role", usage: "ID {read|write|deny} {xpath:X|ref:ID|type:T}..." },
  acl_target: { help: "Define an ACL target (user)", usage: "ID ROLE..." },
  acl_group: { help: "Define an ACL group", usage: "ID ROLE..." },
  user: { help: "Define an ACL user (old ACL syntax)", usage: "ID {roles ROLE...|RIGHT...}" },
  alert: {
    help: "Define an alert agent",
    usage: "ID PATH [attributes ...] [meta ...] [select ...] [to RECIPIENT]",
  },
  xml: { help: "Add raw CIB XML", usage: "<XML>" },
};
