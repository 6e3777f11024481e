import type { XmlElement } from "../../cib/index.js";
import { element } from "../../cib/index.js";
import type {
  ActionMember,
  ColocationStatement,
  LocationStatement,
  OrderStatement,
  Reference,
  ResourceSet,
  RoleMember,
  TicketStatement,
} from "../../../grammar/index.js";
import type { BuildContext } from "./build-context.js";
import { issueAt } from "./build-context.js";
import { buildRule } from "./build-sets.js";
import type { Draft } from "./draft.js";
import { commentNodes } from "./draft.js";
import { orderKind, scoreAttribute } from "./score.js";

type ConstraintStatement =
  LocationStatement | ColocationStatement | OrderStatement | TicketStatement;

function constraintDraft(
  statement: ConstraintStatement,
  built: XmlElement,
  references: readonly Reference[],
): Draft {
  built.children.unshift(...commentNodes(statement.comments));
  return {
    id: statement.id,
    element: built,
    placement: { kind: "object", section: "constraints" },
    children: [],
    references,
    statement,
    span: statement.span,
  };
}

/** `<resource_set>`: only non-default sequential/require-all, then role or action. */
function buildResourceSet(set: ResourceSet): XmlElement {
  const attributes: Record<string, string> = {};
  if (set.bracket !== "braces") {
    if (!set.requireAll) attributes["require-all"] = "false";
    if (!set.sequential) attributes["sequential"] = "false";
  }
  if (set.role !== undefined) attributes["role"] = set.role;
  if (set.action !== undefined) attributes["action"] = set.action;
  return element(
    "resource_set",
    attributes,
    set.members.map((member) => element("resource_ref", { id: member.id })),
  );
}

function setMembers(sets: readonly ResourceSet[]): Reference[] {
  return sets.flatMap((set) => set.members);
}

/** location: rsc / rsc-pattern / sets, extra attributes verbatim, score+node or rules. */
export function buildLocation(statement: LocationStatement): Draft {
  const built = element("rsc_location", { id: statement.id });
  const { resource } = statement;
  const references: Reference[] = [];
  if (resource.kind === "resource") {
    built.attributes["rsc"] = resource.resource.id;
    references.push(resource.resource);
  } else if (resource.kind === "pattern") {
    built.attributes["rsc-pattern"] = resource.pattern.replace(/^\/(.*)\/$/s, "$1");
  }
  for (const attribute of statement.attributes) {
    built.attributes[attribute.name] = attribute.value;
  }
  if (statement.score !== undefined) {
    const score = scoreAttribute(statement.score.raw);
    built.attributes[score.name] = score.value;
  }
  if (statement.node !== undefined) built.attributes["node"] = statement.node;
  if (resource.kind === "resource_sets") {
    built.children.push(...resource.sets.map(buildResourceSet));
    references.push(...setMembers(resource.sets));
  }
  built.children.push(...statement.rules.map(buildRule));
  return constraintDraft(statement, built, references);
}

/**
 * `RSC:N` clone instances: crmsh writes `*-instance`, which only Pacemaker's `pacemaker-next`
 * schema accepts, so the commit fails; refused here up front with the reason.
 */
function refuseInstance(member: RoleMember | ActionMember, context: BuildContext): void {
  if (member.instance === undefined) return;
  const message =
    `Cannot refer to instance ${member.instance} of "${member.resource.id}": ` +
    `clone instances in constraints do not conform to the CIB schema ${context.validateWith()}`;
  context.report(issueAt("unsupported", message, member.resource.span));
}

function roleMemberAttributes(
  attributes: Record<string, string>,
  member: RoleMember,
  prefix: "rsc" | "with-rsc",
  context: BuildContext,
): void {
  attributes[prefix] = member.resource.id;
  if (member.role !== undefined) attributes[`${prefix}-role`] = member.role;
  refuseInstance(member, context);
}

/** colocation: score, node-attribute, then rsc/with-rsc (with roles) or resource sets. */
export function buildColocation(statement: ColocationStatement, context: BuildContext): Draft {
  const score = scoreAttribute(statement.score.raw);
  const attributes: Record<string, string> = { id: statement.id, [score.name]: score.value };
  if (statement.nodeAttribute !== undefined) {
    attributes["node-attribute"] = statement.nodeAttribute;
  }
  const { resources } = statement;
  if (resources.form === "pair") {
    roleMemberAttributes(attributes, resources.resource, "rsc", context);
    roleMemberAttributes(attributes, resources.withResource, "with-rsc", context);
    const built = element("rsc_colocation", attributes);
    return constraintDraft(statement, built, [
      resources.resource.resource,
      resources.withResource.resource,
    ]);
  }
  const built = element("rsc_colocation", attributes, resources.sets.map(buildResourceSet));
  return constraintDraft(statement, built, setMembers(resources.sets));
}

function actionMemberAttributes(
  attributes: Record<string, string>,
  member: ActionMember,
  prefix: "first" | "then",
  context: BuildContext,
): void {
  attributes[prefix] = member.resource.id;
  if (member.action !== undefined) attributes[`${prefix}-action`] = member.action;
  refuseInstance(member, context);
}

/** crmsh's kind from the written token: a kind word, `0` → Optional, any other number → Mandatory. */
function resolveOrderKind(statement: OrderStatement, context: BuildContext): string | undefined {
  if (statement.orderKindRaw === undefined) return statement.orderKind;
  const kind = orderKind(statement.orderKindRaw);
  if (kind === undefined) {
    context.report(
      issueAt("invalid_kind", `Invalid kind: ${statement.orderKindRaw}`, statement.span),
    );
  }
  return kind;
}

/** order: kind (a score becomes a kind), symmetrical, then first/then or resource sets. */
export function buildOrder(statement: OrderStatement, context: BuildContext): Draft {
  const attributes: Record<string, string> = { id: statement.id };
  const kind = resolveOrderKind(statement, context);
  if (kind !== undefined) attributes["kind"] = kind;
  if (statement.symmetrical !== undefined) {
    attributes["symmetrical"] = statement.symmetrical ? "true" : "false";
  }
  const { resources } = statement;
  if (resources.form === "pair") {
    actionMemberAttributes(attributes, resources.first, "first", context);
    actionMemberAttributes(attributes, resources.then, "then", context);
    const built = element("rsc_order", attributes);
    return constraintDraft(statement, built, [resources.first.resource, resources.then.resource]);
  }
  const built = element("rsc_order", attributes, resources.sets.map(buildResourceSet));
  return constraintDraft(statement, built, setMembers(resources.sets));
}

/** rsc_ticket: ticket, loss-policy, then rsc (with role) or resource sets. */
export function buildTicket(statement: TicketStatement, context: BuildContext): Draft {
  const attributes: Record<string, string> = { id: statement.id, ticket: statement.ticket };
  if (statement.lossPolicy !== undefined) attributes["loss-policy"] = statement.lossPolicy;
  const { resources } = statement;
  if (resources.form === "single") {
    roleMemberAttributes(attributes, resources.resource, "rsc", context);
    return constraintDraft(statement, element("rsc_ticket", attributes), [
      resources.resource.resource,
    ]);
  }
  const built = element("rsc_ticket", attributes, resources.sets.map(buildResourceSet));
  return constraintDraft(statement, built, setMembers(resources.sets));
}
