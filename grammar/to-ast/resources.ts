/**
 * Resource chapter of the visitor: node, primitive, rsc_template, monitor, group, clone, ms.
 */
import type { IToken } from "chevrotain";
import type {
  AgentSpec,
  CloneStatement,
  GroupStatement,
  MasterStatement,
  MonitorStatement,
  NodeStatement,
  PrimitiveStatement,
  Reference,
  StatementBase,
  TemplateStatement,
} from "../ast.js";
import type {
  CloneCstNode,
  GroupCstNode,
  MonitorCstNode,
  NodeCstNode,
  PrimitiveCstNode,
  RscTemplateCstNode,
} from "../cst.js";
import { nodeTypes, roleNames, sectionsByStatement } from "../keywords.js";
import {
  assignedValue,
  checkId,
  labelText,
  type Mutable,
  reference,
  spanOf,
  valueOf,
  type AstContext,
} from "./context.js";
import { toResourceTail, type ResourceTail } from "./resource-tail.js";

/** A primitive or template from its header and tail. */
function resourceStatement<Kind extends "primitive" | "rsc_template">(
  kind: Kind,
  base: StatementBase,
  header: { id: string; agent: AgentSpec },
  tail: ResourceTail,
): Mutable<StatementBase & { kind: Kind; id: string; agent: AgentSpec } & ResourceTail> {
  const statement: Mutable<StatementBase & { kind: Kind; id: string; agent: AgentSpec } &
    ResourceTail> = {
    kind,
    span: base.span,
    comments: base.comments,
    id: header.id,
    agent: header.agent,
    sets: tail.sets,
    ops: tail.ops,
  };
  if (tail.description !== undefined) statement.description = tail.description;
  if (tail.operations !== undefined) statement.operations = tail.operations;
  return statement;
}

const primitiveTail = {
  implicitKeyword: "params",
  allowed: sectionsByStatement["primitive"] ?? [],
  statement: "primitive",
} as const;
const templateTail = { ...primitiveTail, statement: "rsc_template" } as const;

/** `[CLASS:[PROVIDER:]]TYPE` */
function toAgent(context: AstContext, token: IToken | undefined): AgentSpec {
  const raw = valueOf(token);
  const span = spanOf(token, context.statementSpan);
  const parts = raw.split(":");
  if (parts.length > 3 || parts.some((part) => part === "")) {
    context.error("syntax", `Invalid agent "${raw}": expected [class:[provider:]]type`, span);
  }
  const type = parts[parts.length - 1] ?? "";
  if (parts.length === 1) return { kind: "agent", raw, type, span };
  const agentClass = parts[0] ?? "";
  if (parts.length === 2) return { kind: "agent", raw, class: agentClass, type, span };
  return { kind: "agent", raw, class: agentClass, provider: parts[1] ?? "", type, span };
}


export function toPrimitive(
  context: AstContext,
  node: PrimitiveCstNode,
  base: StatementBase,
): PrimitiveStatement {
  const children = node.children;
  const id = valueOf(children.id[0]);
  checkId(context, id, spanOf(children.id[0], base.span));
  const template = children.template?.[0];
  const agent: AgentSpec = template === undefined
    ? toAgent(context, children.agent?.[0])
    : { kind: "template_ref", template: valueOf(template).slice(1), span: spanOf(template) };
  const tail = toResourceTail(context, children.resourceTail[0], primitiveTail);
  return resourceStatement("primitive", base, { id, agent }, tail);
}

export function toTemplate(
  context: AstContext,
  node: RscTemplateCstNode,
  base: StatementBase,
): TemplateStatement {
  const children = node.children;
  const id = valueOf(children.id[0]);
  checkId(context, id, spanOf(children.id[0], base.span));
  const agentToken = children.agent[0];
  if (valueOf(agentToken).startsWith("@")) {
    context.error("syntax", "A template cannot be based on a template", spanOf(agentToken));
  }
  const tail = toResourceTail(context, children.resourceTail[0], templateTail);
  return resourceStatement("rsc_template", base, { id, agent: toAgent(context, agentToken) },
    tail);
}

export function toNode(context: AstContext, node: NodeCstNode, base: StatementBase) {
  const children = node.children;
  const idToken = children.nodeId?.[0];
  const id = idToken === undefined ? assignedValue(children.IdAssign?.[0]) : labelText(idToken);
  const unameToken = children.uname[0];
  const text = valueOf(unameToken);
  const colon = text.indexOf(":");
  const uname = colon < 0 ? text : text.slice(0, colon);
  const typeText = colon < 0 ? undefined : text.slice(colon + 1);
  const type = typeText === undefined
    ? undefined
    : context.oneOf(typeText, nodeTypes, {
        code: "invalid_value",
        what: "node type",
        span: spanOf(unameToken, base.span),
      });
  const tail = toResourceTail(context, children.resourceTail[0], {
    implicitKeyword: "attributes",
    allowed: sectionsByStatement["node"] ?? [],
    statement: "node",
  });
  const statement: NodeStatement = {
    kind: "node",
    ...base,
    ...(id === undefined ? {} : { id }),
    uname,
    ...(type === undefined ? {} : { type }),
    ...(tail.description === undefined ? {} : { description: tail.description }),
    sets: tail.sets,
  };
  return statement;
}

/** monitor RSC[:ROLE] INTERVAL[:TIMEOUT] */
export function toMonitor(
  context: AstContext,
  node: MonitorCstNode,
  base: StatementBase,
): MonitorStatement {
  const children = node.children;
  const resourceToken = children.resource[0];
  const [resourceId = "", roleText] = valueOf(resourceToken).split(":");
  const resource: Reference = { id: resourceId, span: spanOf(resourceToken, base.span) };
  const role = roleText === undefined
    ? undefined
    : context.oneOf(roleText, roleNames, { code: "invalid_role", what: "role", span: resource.span });
  const [interval = "", timeout] = valueOf(children.interval?.[0]).split(":");
  return {
    kind: "monitor",
    ...base,
    resource,
    ...(role === undefined ? {} : { role }),
    interval,
    ...(timeout === undefined || timeout === "" ? {} : { timeout }),
  };
}

export function toGroup(
  context: AstContext,
  node: GroupCstNode,
  base: StatementBase,
): GroupStatement {
  const children = node.children;
  const id = valueOf(children.id[0]);
  checkId(context, id, spanOf(children.id[0], base.span));
  const members: Reference[] = [];
  const seen = new Set<string>();
  for (const token of children.children ?? []) {
    const member = reference(token);
    if (seen.has(member.id)) {
      context.error("duplicate_child",
        `Child "${member.id}" listed more than once in group "${id}"`, member.span);
    }
    seen.add(member.id);
    members.push(member);
  }
  if (members.length === 0) {
    context.error("missing_part", `Group "${id}" needs at least one resource`, base.span);
  }
  const tail = toResourceTail(context, children.resourceTail[0], {
    implicitKeyword: "params",
    allowed: sectionsByStatement["group"] ?? [],
    statement: "group",
  });
  return {
    kind: "group",
    ...base,
    id,
    children: members,
    ...(tail.description === undefined ? {} : { description: tail.description }),
    sets: tail.sets,
  };
}

export function toClone(
  context: AstContext,
  node: CloneCstNode,
  base: StatementBase,
): CloneStatement | MasterStatement {
  const children = node.children;
  const id = valueOf(children.id[0]);
  checkId(context, id, spanOf(children.id[0], base.span));
  const keywordToken = children.keyword?.[0];
  const isClone = keywordToken?.tokenType.name === "Kw_clone";
  const keyword = isClone ? "clone" : valueOf(keywordToken).toLowerCase().startsWith("ma")
    ? "master" : "ms";
  const tail = toResourceTail(context, children.resourceTail[0], {
    implicitKeyword: "params",
    allowed: sectionsByStatement["clone"] ?? [],
    statement: keyword,
  });
  const shared = {
    ...base,
    id,
    child: reference(children.child[0] as IToken),
    ...(tail.description === undefined ? {} : { description: tail.description }),
    sets: tail.sets,
  };
  if (keyword === "clone") return { kind: "clone", ...shared };
  return { kind: "ms", keyword, ...shared };
}
