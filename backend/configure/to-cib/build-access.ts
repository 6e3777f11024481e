import type { XmlElement } from "../../cib/index.js";
import { element } from "../../cib/index.js";
import type {
  AclPermission,
  AclSpec,
  AclTargetStatement,
  AlertRecipient,
  AlertStatement,
  RoleStatement,
  UserStatement,
} from "../../../grammar/index.js";
import type { BuildContext } from "./build-context.js";
import { hasModernAcls, issueAt } from "./build-context.js";
import { buildAttributeSet } from "./build-sets.js";
import type { Draft } from "./draft.js";
import { commentNodes, inInputOrder } from "./draft.js";

/** crmsh's XPath shortcuts: pieces, each `@@` filled by one `:`-separated argument. */
const shortcuts: Readonly<Record<string, readonly string[]>> = {
  meta: ["//primitive[@id='@@']/meta_attributes", "/nvpair[@name='@@']"],
  params: ["//primitive[@id='@@']/instance_attributes", "/nvpair[@name='@@']"],
  utilization: ["//primitive[@id='@@']/utilization"],
  location: ["//rsc_location[@id='cli-prefer-@@' and @rsc='@@']"],
  property: ["//crm_config/cluster_property_set", "/nvpair[@name='@@']"],
  nodeattr: ["//nodes/node/instance_attributes", "/nvpair[@name='@@']"],
  nodeutil: ["//nodes/node/utilization", "[@uname='@@']"],
  node: ["//nodes/node", "[@uname='@@']"],
  status: ["/cib/status"],
  cib: ["/cib"],
};

/** Expands a shortcut as crmsh 4.4 does; undefined when arguments do not fit. */
function expandShortcut(pieces: readonly string[], value: string | undefined) {
  if (value === undefined) return pieces[0]?.includes("@@") ? undefined : pieces[0];
  let xpath = "";
  let index = 0;
  for (const argument of value.split(":")) {
    const piece = pieces[index];
    if (piece === undefined) return undefined;
    if (!piece.includes("@@")) {
      xpath += piece;
      index++;
    }
    const next = pieces[index];
    if (next === undefined) return undefined;
    xpath += next.replaceAll("@@", argument);
    index++;
  }
  return xpath;
}

const directSpecs: Readonly<Record<string, string>> = {
  xpath: "xpath",
  ref: "reference",
  type: "object-type",
  attr: "attribute",
};

function specAttribute(spec: AclSpec, context: BuildContext): [string, string] | undefined {
  const direct = directSpecs[spec.keyword];
  if (direct !== undefined) {
    if (spec.value !== undefined) return [direct, spec.value];
  } else {
    const pieces = shortcuts[spec.keyword];
    const xpath = pieces === undefined ? undefined : expandShortcut(pieces, spec.value);
    if (xpath !== undefined) return ["xpath", xpath];
  }
  const message = `Cannot expand ACL spec "${spec.keywordRaw}:${spec.value ?? ""}"`;
  context.report(issueAt("invalid_acl_spec", message, spec.span));
  return undefined;
}

/** One right → one `<acl_permission>` per kind of target it names (xpath, reference, type). */
function buildPermissions(permission: AclPermission, context: BuildContext): XmlElement[] {
  const found = new Map<string, string>();
  for (const spec of permission.specs) {
    const attribute = specAttribute(spec, context);
    if (attribute !== undefined) found.set(attribute[0], attribute[1]);
  }
  const base: Record<string, string> = { kind: permission.right };
  if (permission.id !== undefined) base["id"] = permission.id;
  if (permission.description !== undefined) base["description"] = permission.description;
  const built: XmlElement[] = [];
  for (const name of ["xpath", "reference", "object-type"]) {
    const value = found.get(name);
    if (value === undefined) continue;
    const attributes = { ...base, [name]: value };
    const attribute = found.get("attribute");
    if (name === "object-type" && attribute !== undefined) attributes["attribute"] = attribute;
    built.push(element("acl_permission", attributes));
  }
  if (found.has("attribute") && !found.has("object-type")) {
    const message = "attribute is only valid in combination with tag/object-type";
    context.report(issueAt("invalid_acl_spec", message, permission.span));
  }
  return built;
}

function accessDraft(
  statement: Draft["statement"] & { readonly id: string },
  built: XmlElement,
): Draft {
  built.children.unshift(...commentNodes(statement.comments));
  return {
    id: statement.id,
    element: built,
    placement: { kind: "object", section: "acls" },
    children: [],
    references: [],
    statement,
    span: statement.span,
  };
}

/** role ID [description=] PERMISSION… → `<acl_role>` (pacemaker-2.0+ ACL schema). */
export function buildRole(statement: RoleStatement, context: BuildContext): Draft {
  const attributes: Record<string, string> = { id: statement.id };
  if (statement.description !== undefined) attributes["description"] = statement.description;
  const permissions = statement.permissions.flatMap((p) => buildPermissions(p, context));
  return accessDraft(statement, element("acl_role", attributes, permissions));
}

/** acl_target / acl_group ID ROLE… */
export function buildAclTarget(statement: AclTargetStatement): Draft {
  const roles = statement.roles.map((role) => element("role", { id: role.id }));
  return accessDraft(statement, element(statement.kind, { id: statement.id }, roles));
}

/** user ID … → the pre-2.0 `<acl_user>` (the pacemaker-3.x schema rejects it, as in crmsh). */
export function buildUser(statement: UserStatement, context: BuildContext): Draft {
  if (hasModernAcls(context.validateWith())) {
    const message =
      `Cannot create user "${statement.id}": <acl_user> does not conform to the CIB schema ` +
      `${context.validateWith()}; use role and acl_target`;
    context.report(issueAt("unsupported", message, statement.span));
  }
  const children = statement.entries.map((entry) => {
    if (entry.kind === "role_ref") return element("role_ref", { id: entry.role.id });
    const attributes: Record<string, string> = {};
    for (const spec of entry.specs) {
      const attribute = specAttribute(spec, context);
      if (attribute === undefined) continue;
      attributes[attribute[0] === "reference" ? "ref" : attribute[0]] = attribute[1];
    }
    return element(entry.right, attributes);
  });
  return accessDraft(statement, element("acl_user", { id: statement.id }, children));
}

function buildRecipient(recipient: AlertRecipient, id: string): XmlElement {
  const attributes: Record<string, string> = { id, value: recipient.value };
  if (recipient.description !== undefined) attributes["description"] = recipient.description;
  return element(
    "recipient",
    attributes,
    recipient.sets.map((set) => buildAttributeSet(set)),
  );
}

function buildSelect(select: NonNullable<AlertStatement["select"]>): XmlElement {
  return element(
    "select",
    {},
    select.items.map((item) =>
      element(
        `select_${item.kind}`,
        {},
        (item.attributeNames ?? []).map((name) => element("attribute", { name })),
      ),
    ),
  );
}

/** alert: path, description, sets, select, recipients `<alert>-recipient-N` (N from 1). */
export function buildAlert(statement: AlertStatement): Draft {
  const attributes: Record<string, string> = { id: statement.id, path: statement.path };
  if (statement.description !== undefined) attributes["description"] = statement.description;
  const parts = statement.sets.map((set) => ({
    offset: set.span.offset,
    value: buildAttributeSet(set),
  }));
  if (statement.select !== undefined) {
    parts.push({ offset: statement.select.span.offset, value: buildSelect(statement.select) });
  }
  statement.recipients.forEach((recipient, index) => {
    const id = `${statement.id}-recipient-${index + 1}`;
    parts.push({ offset: recipient.span.offset, value: buildRecipient(recipient, id) });
  });
  const built = element("alert", attributes, inInputOrder(parts));
  return { ...accessDraft(statement, built), placement: { kind: "object", section: "alerts" } };
}
