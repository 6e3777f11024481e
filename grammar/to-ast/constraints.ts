/**
 * Constraint chapter of the visitor: location, colocation, order, rsc_ticket.
 */
import type { IToken } from "chevrotain";
import type {
  ActionMember,
  ColocationStatement,
  LocationResource,
  LocationStatement,
  NameValue,
  OrderKind,
  OrderStatement,
  RoleMember,
  Score,
  StatementBase,
  TicketStatement,
} from "../ast.js";
import type {
  ColocationCstNode,
  LocationCstNode,
  OrderCstNode,
  RscTicketCstNode,
} from "../cst.js";
import { lossPolicies, orderKinds, roleNames } from "../keywords.js";
import {
  checkId,
  labelText,
  nameValue,
  reference,
  spanOf,
  valueOf,
  type AstContext,
  type Mutable,
} from "./context.js";
import { buildSets, takeTrailingOptions, toBoolean, type Member } from "./resource-sets.js";
import { toRule } from "./rules.js";
import { toScore } from "./scores.js";

function headerId(context: AstContext, token: IToken | undefined, base: StatementBase): string {
  const id = valueOf(token);
  checkId(context, id, spanOf(token, base.span));
  return id;
}

function locationAttribute(context: AstContext, token: IToken): NameValue {
  const pair = nameValue(token);
  if (pair.name !== "role") return pair;
  const role = context.oneOf(pair.value, roleNames, { code: "invalid_role", what: "role",
    span: pair.span });
  return role === undefined ? pair : { ...pair, value: role };
}

function locationResource(context: AstContext, node: LocationCstNode): LocationResource {
  const children = node.children;
  const brace = children.LBrace?.[0];
  if (brace !== undefined) {
    const built = buildSets(context, children.items ?? [], "role");
    if (built.members.length === 0) context.error("syntax", "Empty resource set", spanOf(brace));
    const sets = built.sets.map((set) => set.bracket === "none" ? { ...set, bracket: "braces" as const } : set);
    return { kind: "resource_sets", sets, span: spanOf(brace) };
  }
  const token = children.resource?.[0];
  const text = valueOf(token);
  if (text.length >= 2 && text.startsWith("/") && text.endsWith("/")) {
    return { kind: "pattern", pattern: text.slice(1, -1), span: spanOf(token) };
  }
  return { kind: "resource", resource: reference(token as IToken) };
}

export function toLocation(
  context: AstContext,
  node: LocationCstNode,
  base: StatementBase,
): LocationStatement {
  const children = node.children;
  const id = headerId(context, children.id[0], base);
  const attributes = [...(children.attributes ?? []), ...(children.trailingAttributes ?? [])]
    .map((token) => locationAttribute(context, token));
  const scoreToken = children.score?.[0];
  const score = scoreToken === undefined
    ? undefined
    : toScore(context, labelText(scoreToken), spanOf(scoreToken));
  const nodeToken = children.node?.[0];
  const location: Mutable<LocationStatement> = {
    kind: "location",
    span: base.span,
    comments: base.comments,
    id,
    resource: locationResource(context, node),
    attributes,
    rules: (children.rule ?? []).map((rule) => toRule(context, rule)),
  };
  if (score !== undefined) location.score = score;
  if (nodeToken !== undefined) location.node = valueOf(nodeToken);
  return location;
}

function roleMember(member: Member): RoleMember {
  const result: Mutable<RoleMember> = { resource: member.resource };
  if (member.role !== undefined) result.role = member.role;
  if (member.instance !== undefined) result.instance = member.instance;
  return result;
}

function actionMember(member: Member): ActionMember {
  const result: Mutable<ActionMember> = { resource: member.resource };
  if (member.action !== undefined) result.action = member.action;
  if (member.instance !== undefined) result.instance = member.instance;
  return result;
}

function needMembers(context: AstContext, count: number, minimum: number, what: string) {
  if (count < minimum) {
    context.error("missing_part", `Expected at least ${minimum} resources in ${what}`,
      context.statementSpan);
  }
}

export function toColocation(
  context: AstContext,
  node: ColocationCstNode,
  base: StatementBase,
): ColocationStatement {
  const children = node.children;
  const id = headerId(context, children.id[0], base);
  const scoreToken = children.score[0];
  const score = toScore(context, labelText(scoreToken as IToken), spanOf(scoreToken, base.span));
  const { rest, options } = takeTrailingOptions(children.items ?? [], ["node-attribute"]);
  const built = buildSets(context, rest, "role");
  needMembers(context, built.members.length, 2, "a colocation");
  const [first, second] = built.members;
  const resources: ColocationStatement["resources"] =
    !built.bracketed && built.members.length === 2 && first !== undefined && second !== undefined
      ? { form: "pair", resource: roleMember(first), withResource: roleMember(second) }
      : { form: "sets", sets: built.sets };
  const colocation: Mutable<ColocationStatement> = {
    kind: "colocation",
    span: base.span,
    comments: base.comments,
    id,
    score,
    resources,
  };
  if (options[0] !== undefined) colocation.nodeAttribute = nameValue(options[0]).value;
  return colocation;
}

function orderKindOf(
  context: AstContext,
  token: IToken | undefined,
): { orderKind?: OrderKind; orderKindRaw?: string; score?: Score } {
  if (token === undefined) return {};
  const raw = labelText(token);
  const span = spanOf(token, context.statementSpan);
  const kind = orderKinds.find((candidate) => candidate.toLowerCase() === raw.toLowerCase());
  if (kind !== undefined) return { orderKind: kind, orderKindRaw: raw };
  if (/^[+-]?(\d+|inf|INF|infinity|INFINITY)$/.test(raw)) {
    // crmsh 4.4: a zero score is Optional, any other number or infinity is Mandatory (even
    // negative ones); `advisory:` is not a kind.
    const score = toScore(context, raw, span);
    const zero = score.form === "integer" && Number(score.value) === 0;
    return { orderKind: zero ? "Optional" : "Mandatory", orderKindRaw: raw, score };
  }
  context.error("invalid_kind", `Invalid kind: ${raw}`, span,
    orderKinds.find((candidate) => candidate.toLowerCase().startsWith(raw.toLowerCase().slice(0, 2))));
  return { orderKindRaw: raw };
}

export function toOrder(context: AstContext, node: OrderCstNode, base: StatementBase) {
  const children = node.children;
  const id = headerId(context, children.id[0], base);
  const kind = orderKindOf(context, children.kind?.[0]);
  const { rest, options } = takeTrailingOptions(children.items ?? [], ["symmetrical"]);
  const built = buildSets(context, rest, "action");
  needMembers(context, built.members.length, 2, "an order");
  const [first, then] = built.members;
  const resources: OrderStatement["resources"] =
    !built.bracketed && built.members.length === 2 && first !== undefined && then !== undefined
      ? { form: "pair", first: actionMember(first), then: actionMember(then) }
      : { form: "sets", sets: built.sets };
  const symmetrical = options[0] === undefined ? undefined : toBoolean(context, options[0]);
  const statement: Mutable<OrderStatement> = {
    kind: "order",
    span: base.span,
    comments: base.comments,
    id,
    ...kind,
    resources,
  };
  if (symmetrical !== undefined) statement.symmetrical = symmetrical;
  return statement;
}

export function toTicket(
  context: AstContext,
  node: RscTicketCstNode,
  base: StatementBase,
): TicketStatement {
  const children = node.children;
  const id = headerId(context, children.id[0], base);
  const ticket = labelText(children.ticket[0] as IToken);
  const { rest, options } = takeTrailingOptions(children.items ?? [], ["loss-policy"]);
  const built = buildSets(context, rest, "role");
  needMembers(context, built.members.length, 1, "an rsc_ticket");
  const [only] = built.members;
  const resources: TicketStatement["resources"] =
    !built.bracketed && built.members.length === 1 && only !== undefined
      ? { form: "single", resource: roleMember(only) }
      : { form: "sets", sets: built.sets };
  const policyToken = options[0];
  const lossPolicy = policyToken === undefined
    ? undefined
    : context.oneOf(nameValue(policyToken).value, lossPolicies, {
        code: "invalid_value",
        what: "loss-policy",
        span: spanOf(policyToken),
      });
  return {
    kind: "rsc_ticket",
    ...base,
    id,
    ticket,
    resources,
    ...(lossPolicy === undefined ? {} : { lossPolicy }),
  };
}
