/**
 * Canonical text of statements: one line per statement (comments above it), explicit
 * keywords, values quoted only when needed. `parseScript(print(statements))` gives the same
 * AST back (spans aside); a property test checks it on the corpus and the transcripts.
 */
import type {
  AclPermission,
  AlertStatement,
  BundleStatement,
  ColocationStatement,
  FencingTopologyStatement,
  LocationStatement,
  NameValue,
  NodeStatement,
  OrderStatement,
  PrimitiveStatement,
  Statement,
  TemplateStatement,
  TicketStatement,
} from "./ast.js";
import {
  attributeSetText,
  memberWithSuffix,
  nvpairText,
  pair,
  quoteValue,
  quoteWord,
  resourceSetsText,
  ruleText,
  scoreText,
} from "./print-parts.js";

const words = (...parts: readonly (string | undefined | false)[]): string =>
  parts.filter((part): part is string => typeof part === "string" && part !== "").join(" ");

const described = (description: string | undefined) =>
  description === undefined ? undefined : pair("description", description);

const pairs = (list: readonly NameValue[]) => list.map((item) => pair(item.name, item.value));

function nodeText(node: NodeStatement): string {
  const uname = node.type === undefined ? node.uname : `${node.uname}:${node.type}`;
  return words("node", node.id === undefined ? undefined : quoteValue(`${node.id}:`), quoteValue(uname),
    described(node.description), ...node.sets.map(attributeSetText));
}

function resourceText(resource: PrimitiveStatement | TemplateStatement): string {
  const agent = resource.agent.kind === "template_ref"
    ? quoteValue(`@${resource.agent.template}`)
    : quoteValue(resource.agent.raw);
  const operations = resource.operations;
  return words(
    resource.kind,
    quoteValue(resource.id),
    agent,
    described(resource.description),
    ...resource.sets.map(attributeSetText),
    operations === undefined
      ? undefined
      : words("operations", operations.id === undefined ? undefined : quoteValue(`$id=${operations.id}`),
          operations.idRef === undefined ? undefined : quoteValue(`$id-ref=${operations.idRef}`)),
    ...resource.ops.map((op) =>
      words("op", quoteValue(op.name), ...pairs(op.attributes), ...op.sets.map(attributeSetText))),
  );
}

function bundleText(bundle: BundleStatement): string {
  const container = bundle.container;
  return words(
    "bundle",
    quoteValue(bundle.id),
    described(bundle.description),
    container === undefined ? undefined : words(container.kind, ...pairs(container.options)),
    bundle.network === undefined
      ? undefined
      : words("network", ...pairs(bundle.network.options),
          ...bundle.network.portMappings.map((mapping) => words("port-mapping", ...pairs(mapping)))),
    bundle.storage === undefined
      ? undefined
      : words("storage", ...bundle.storage.storageMappings.map((mapping) =>
          words("storage-mapping", ...pairs(mapping)))),
    ...bundle.sets.map(attributeSetText),
    bundle.primitive === undefined ? undefined : `primitive ${quoteValue(bundle.primitive.id)}`,
  );
}

function locationText(location: LocationStatement): string {
  const resource = location.resource;
  const target = resource.kind === "resource"
    ? quoteValue(resource.resource.id)
    : resource.kind === "pattern"
      ? quoteValue(`/${resource.pattern}/`)
      : words("{", resourceSetsText(resource.sets), "}");
  return words(
    "location",
    quoteValue(location.id),
    target,
    ...pairs(location.attributes),
    location.score === undefined ? undefined : scoreText(location.score),
    location.node === undefined ? undefined : quoteValue(location.node),
    ...location.rules.map(ruleText),
  );
}

function colocationText(colocation: ColocationStatement): string {
  const resources = colocation.resources;
  const members = resources.form === "pair"
    ? words(
        memberWithSuffix(resources.resource.resource.id, resources.resource.role,
          resources.resource.instance),
        memberWithSuffix(resources.withResource.resource.id, resources.withResource.role,
          resources.withResource.instance),
      )
    : resourceSetsText(resources.sets);
  return words("colocation", quoteValue(colocation.id), scoreText(colocation.score), members,
    colocation.nodeAttribute === undefined
      ? undefined
      : pair("node-attribute", colocation.nodeAttribute));
}

function orderText(order: OrderStatement): string {
  const resources = order.resources;
  const members = resources.form === "pair"
    ? words(
        memberWithSuffix(resources.first.resource.id, resources.first.action,
          resources.first.instance),
        memberWithSuffix(resources.then.resource.id, resources.then.action,
          resources.then.instance),
      )
    : resourceSetsText(resources.sets);
  return words("order", quoteValue(order.id),
    order.orderKindRaw === undefined ? undefined : quoteValue(`${order.orderKindRaw}:`), members,
    order.symmetrical === undefined ? undefined : `symmetrical=${String(order.symmetrical)}`);
}

function ticketText(ticket: TicketStatement): string {
  const resources = ticket.resources;
  const members = resources.form === "single"
    ? memberWithSuffix(resources.resource.resource.id, resources.resource.role,
        resources.resource.instance)
    : resourceSetsText(resources.sets);
  return words("rsc_ticket", quoteValue(ticket.id), quoteValue(`${ticket.ticket}:`), members,
    ticket.lossPolicy === undefined ? undefined : pair("loss-policy", ticket.lossPolicy));
}

function fencingText(topology: FencingTopologyStatement): string {
  return words("fencing_topology", ...topology.targets.map((entry) => {
    const target = entry.target;
    const head = target === undefined
      ? undefined
      : target.kind === "node"
        ? quoteValue(`${target.node}:`)
        : target.kind === "attribute"
          ? quoteValue(`attr:${target.name}=${target.value}`)
          : quoteValue(`pattern:${target.pattern}`);
    return words(head, ...entry.levels.map((level) =>
      quoteValue(level.devices.map((device) => device.id).join(","))));
  }));
}

function permissionText(permission: AclPermission): string {
  return words(
    permission.right,
    permission.id === undefined ? undefined : quoteValue(`${permission.id}:`),
    described(permission.description),
    ...permission.specs.map((spec) =>
      quoteValue(spec.value === undefined ? spec.keywordRaw : `${spec.keywordRaw}:${spec.value}`)),
  );
}

function alertText(alert: AlertStatement): string {
  const select = alert.select === undefined
    ? undefined
    : words("select", ...alert.select.items.map((item) =>
        item.attributeNames === undefined
          ? item.kind
          : words(item.kind, "{", ...item.attributeNames.map(quoteWord), "}")));
  return words(
    "alert",
    quoteValue(alert.id),
    quoteValue(alert.path),
    described(alert.description),
    ...alert.sets.map(attributeSetText),
    select,
    ...alert.recipients.map((recipient) =>
      words("to", recipient.braces ? "{" : undefined, quoteValue(recipient.value),
        described(recipient.description), ...recipient.sets.map(attributeSetText),
        recipient.braces ? "}" : undefined)),
  );
}

/** The canonical one-line text of a statement (without its comments). */
export function printStatement(statement: Statement): string {
  switch (statement.kind) {
    case "node": return nodeText(statement);
    case "primitive":
    case "rsc_template": return resourceText(statement);
    case "monitor":
      return words("monitor",
        memberWithSuffix(statement.resource.id, statement.role, undefined),
        statement.timeout === undefined
          ? quoteValue(statement.interval)
          : quoteValue(`${statement.interval}:${statement.timeout}`));
    case "group":
      return words("group", quoteValue(statement.id), ...statement.children.map((child) =>
        quoteWord(child.id)), described(statement.description),
        ...statement.sets.map(attributeSetText));
    case "clone":
    case "ms":
      return words(statement.kind === "ms" ? statement.keyword : "clone", quoteValue(statement.id),
        quoteValue(statement.child.id), described(statement.description),
        ...statement.sets.map(attributeSetText));
    case "bundle": return bundleText(statement);
    case "location": return locationText(statement);
    case "colocation": return colocationText(statement);
    case "order": return orderText(statement);
    case "rsc_ticket": return ticketText(statement);
    case "property":
    case "rsc_defaults":
    case "op_defaults":
      return words(statement.kind,
        statement.setId === undefined
          ? undefined
          : quoteValue(statement.setIdForm === "dollar" ? `$id=${statement.setId}` : `${statement.setId}:`),
        statement.idRef === undefined ? undefined : quoteValue(`$id-ref=${statement.idRef}`),
        ...statement.rules.map(ruleText), ...statement.nvpairs.map(nvpairText));
    case "fencing_topology": return fencingText(statement);
    case "tag":
      return words("tag", quoteValue(`${statement.id}:`), ...statement.references.map((ref) => quoteValue(ref.id)));
    case "role":
      return words("role", quoteValue(statement.id), described(statement.description),
        ...statement.permissions.map(permissionText));
    case "acl_target":
    case "acl_group":
      return words(statement.kind, quoteValue(statement.id),
        ...statement.roles.map((role) => quoteValue(role.id)));
    case "user":
      return words("user", quoteValue(statement.id), ...statement.entries.map((entry) =>
        entry.kind === "role_ref" ? quoteValue(`role:${entry.role.id}`) : permissionText(entry)));
    case "alert": return alertText(statement);
    case "xml": return `xml ${statement.text}`;
  }
}

/** Canonical text of statements, each preceded by its comment lines. */
export function print(statements: readonly Statement[]): string {
  return statements
    .map((statement) => [...statement.comments, printStatement(statement)].join("\n"))
    .join("\n");
}
