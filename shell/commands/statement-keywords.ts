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
  Record<string, { readonly help: string; readonly usage: string; readonly example?: string }>
> = {
  node: {
    help: "Define a cluster node",
    usage: "[ID:]UNAME[:TYPE] [attributes NAME=VALUE...] [utilization ...]",
    example: "node node1 attributes rack=r1",
  },
  primitive: {
    help: "Define a resource",
    usage: "ID [CLASS:[PROVIDER:]]TYPE|@TEMPLATE [params ...] [meta ...] [op NAME ...]",
    example: "primitive vip ocf:heartbeat:IPaddr2 params ip=192.0.2.10 op monitor interval=10s",
  },
  monitor: {
    help: "Add a monitor operation to a primitive",
    usage: "RSC[:ROLE] INTERVAL[:TIMEOUT]",
    example: "monitor vip 30s:20s",
  },
  group: {
    help: "Define a group of resources",
    usage: "ID RSC... [meta ...]",
    example: "group g-web vip web",
  },
  clone: {
    help: "Define a clone",
    usage: "ID RSC [meta ...]",
    example: "clone cl-ping ping meta interleave=true",
  },
  ms: {
    help: "Define a promotable (master/slave) clone (deprecated: clone with promotable=true)",
    usage: "ID RSC [meta ...]",
    example: "ms ms-db db meta promoted-max=1",
  },
  rsc_template: {
    help: "Define a resource template",
    usage: "ID [CLASS:[PROVIDER:]]TYPE [params ...] [meta ...] [op ...]",
    example:
      "rsc_template web-template ocf:heartbeat:apache params configfile=/etc/apache2/apache2.conf",
  },
  bundle: {
    help: "Define a container bundle",
    usage: "ID docker|rkt|podman OPTION=VALUE... [network ...] [storage ...] [primitive RSC]",
    example: "bundle httpd docker image=pcmk:httpd replicas=2 network control-port=3121",
  },
  location: {
    help: "Define a location constraint",
    usage: "ID RSC {SCORE: NODE | rule ...}",
    example: "location loc-web g-web 100: node1",
  },
  colocation: {
    help: "Define a colocation constraint",
    usage: "ID SCORE: RSC[:ROLE] RSC[:ROLE]...",
    example: "colocation web-with-db inf: g-web db",
  },
  order: {
    help: "Define an order constraint",
    usage: "ID [KIND:] RSC[:ACTION] RSC[:ACTION]... [symmetrical=BOOL]",
    example: "order db-before-web Mandatory: db g-web",
  },
  rsc_ticket: {
    help: "Define a resource ticket dependency",
    usage: "ID TICKET: RSC[:ROLE]... [loss-policy=POLICY]",
    example: "rsc_ticket web-needs-ticket ticketA: g-web loss-policy=stop",
  },
  property: {
    help: "Set cluster properties",
    usage: "[SET-ID:] NAME=VALUE...",
    example: "property stonith-enabled=true no-quorum-policy=stop",
  },
  rsc_defaults: {
    help: "Set resource defaults",
    usage: "[SET-ID:] NAME=VALUE...",
    example: "rsc_defaults resource-stickiness=100",
  },
  op_defaults: {
    help: "Set operation defaults",
    usage: "[SET-ID:] NAME=VALUE...",
    example: "op_defaults timeout=60s",
  },
  fencing_topology: {
    help: "Define fencing levels",
    usage: "[TARGET:] DEVICE[,DEVICE]...",
    example: "fencing_topology node1: fence-ipmi-1 node2: fence-ipmi-2",
  },
  tag: {
    help: "Define a tag of resources",
    usage: "ID[:] RSC...",
    example: "tag web-stack: vip web",
  },
  role: {
    help: "Define an ACL role",
    usage: "ID {read|write|deny} {xpath:X|ref:ID|type:T}...",
    example: 'role readers read xpath:"//configuration"',
  },
  acl_target: {
    help: "Define an ACL target (user)",
    usage: "ID ROLE...",
    example: "acl_target alice readers",
  },
  acl_group: {
    help: "Define an ACL group",
    usage: "ID ROLE...",
    example: "acl_group operators readers",
  },
  user: {
    help: "Define an ACL user (old ACL syntax)",
    usage: "ID {role:ROLE|RIGHT...}...",
    example: "user alice role:readers",
  },
  alert: {
    help: "Define an alert agent",
    usage: "ID PATH [attributes ...] [meta ...] [select ...] [to RECIPIENT]",
    example:
      "alert notify /usr/share/pacemaker/alerts/alert_file.sh to /var/log/cluster-alerts.log",
  },
  xml: {
    help: "Add raw CIB XML",
    usage: "<XML>",
    example: 'xml <primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"/>',
  },
};
