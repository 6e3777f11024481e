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
