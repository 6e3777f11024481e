/**
 * ACLs (role, acl_target, acl_group, user) and alerts (crmsh.md §1.6.17, §1.6.18).
 */
import type { IToken } from "chevrotain";
import type {
  AclPermission,
  AclRight,
  AclSpec,
  AclTargetStatement,
  AlertRecipient,
  AlertSelectKind,
  AlertStatement,
  AttributeSet,
  RoleStatement,
  StatementBase,
  UserStatement,
} from "../ast.js";
import type {
  AclTargetCstNode,
  AlertCstNode,
  AlertRecipientCstNode,
  AlertSelectCstNode,
  ImplicitPairsCstNode,
  RoleCstNode,
  UserCstNode,
} from "../cst.js";
import { aclSpecAliases, alertSelectKinds } from "../keywords.js";
import { implicitSet } from "./attributes.js";
import { checkId, inOrder, labelText, nameValue, reference, spanOf, valueOf, type AstContext } from "./context.js";
import { attributeSectionSet, splitDescription } from "./resource-tail.js";

const specKeywords = Object.keys(aclSpecAliases);

function toSpec(context: AstContext, token: IToken): AclSpec | undefined {
  const text = valueOf(token);
  const colon = text.indexOf(":");
  const keywordRaw = colon < 0 ? text : text.slice(0, colon);
  const lower = keywordRaw.toLowerCase();
  const keyword = Object.hasOwn(aclSpecAliases, lower)
    ? (aclSpecAliases as Record<string, AclSpec["keyword"]>)[lower]
    : undefined;
  const span = spanOf(token, context.statementSpan);
  if (keyword === undefined) {
    const suggestion = context.oneOf(keywordRaw, specKeywords, {
      code: "unknown_keyword",
      what: "ACL specification",
      span,
    });
    return suggestion === undefined ? undefined : undefined;
  }
  return { keyword, keywordRaw, ...(colon < 0 ? {} : { value: text.slice(colon + 1) }), span };
}

/** (read|write|deny) [ID:] [description=] SPEC {SPEC}, from its tokens. */
function toPermission(context: AstContext, right: IToken, tokens: readonly IToken[]) {
  let id: string | undefined;
  let description: string | undefined;
  const specs: AclSpec[] = [];
  for (const token of tokens) {
    if (token.tokenType.name === "Label" && specs.length === 0 && id === undefined) {
      id = labelText(token);
    } else if (valueOf(token).startsWith("description=")) {
      description = nameValue(token).value;
    } else {
      const spec = toSpec(context, token);
      if (spec !== undefined) specs.push(spec);
    }
  }
  const span = spanOf(right, context.statementSpan);
  if (specs.length === 0 && tokens.length === 0) {
    context.error("missing_part", `Expected what to ${valueOf(right).toLowerCase()}`, span);
  }
  if (specs.some((spec) => spec.keyword === "attr") && !specs.some((spec) => spec.keyword === "type")) {
    context.error("syntax", "attr: needs a type: in the same permission", span);
  }
  const permission: AclPermission = {
    kind: "acl_permission",
    right: valueOf(right).toLowerCase() as AclRight,
    ...(id === undefined ? {} : { id }),
    ...(description === undefined ? {} : { description }),
    specs,
    span,
  };
  return permission;
}

export function toRole(context: AstContext, node: RoleCstNode, base: StatementBase): RoleStatement {
  const children = node.children;
  const id = valueOf(children.id[0]);
  checkId(context, id, spanOf(children.id[0], base.span));
  let description: string | undefined;
  for (const token of children.attributes ?? []) {
    const pair = nameValue(token);
    if (pair.name === "description") description = pair.value;
    else context.error("syntax", `Unexpected "${valueOf(token)}" in role`, pair.span);
  }
  const permissions = (children.permission ?? []).map((permission) =>
    toPermission(context, permission.children.right?.[0] as IToken,
      permission.children.specs ?? []));
  return {
    kind: "role",
    ...base,
    id,
    ...(description === undefined ? {} : { description }),
    permissions,
  };
}

export function toAclTarget(
  context: AstContext,
  node: AclTargetCstNode,
  base: StatementBase,
): AclTargetStatement {
  const children = node.children;
  const id = valueOf(children.id[0]);
  checkId(context, id, spanOf(children.id[0], base.span));
  const kind = children.keyword?.[0]?.tokenType.name === "Kw_acl_group" ? "acl_group" : "acl_target";
  const roles = (children.roles ?? []).map(reference);
  if (roles.length === 0) context.error("missing_part", `Expected roles for ${kind} "${id}"`, base.span);
  return { kind, ...base, id, roles };
}

const rights: ReadonlySet<string> = new Set(["read", "write", "deny"]);

export function toUser(context: AstContext, node: UserCstNode, base: StatementBase): UserStatement {
  const children = node.children;
  const id = valueOf(children.id[0]);
  checkId(context, id, spanOf(children.id[0], base.span));
  const entries: UserStatement["entries"][number][] = [];
  let right: IToken | undefined;
  let pending: IToken[] = [];
  const flush = () => {
    if (right !== undefined) entries.push(toPermission(context, right, pending));
    right = undefined;
    pending = [];
  };
  for (const token of children.items ?? []) {
    const text = valueOf(token);
    if (rights.has(text.toLowerCase())) {
      flush();
      right = token;
    } else if (right === undefined && text.toLowerCase().startsWith("role:")) {
      entries.push({ kind: "role_ref", role: { id: text.slice(5), span: spanOf(token) } });
    } else if (right !== undefined) pending.push(token);
    else context.error("syntax", `Expected role:ROLE, read, write or deny, found "${text}"`,
      spanOf(token));
  }
  flush();
  return { kind: "user", ...base, id, entries };
}

function pairsOf(node: ImplicitPairsCstNode | undefined): IToken[] {
  return inOrder(node?.children.Assignment, node?.children.NvpairIdAssign);
}

function alertSets(context: AstContext, implicit: IToken[], sections: AlertCstNode["children"]["attributeSection"]) {
  const sets: AttributeSet[] = [];
  if (implicit.length > 0) sets.push(implicitSet(context, "attributes", implicit));
  for (const section of sections ?? []) {
    const set = attributeSectionSet(context, section);
    if (set.keyword !== "attributes" && set.keyword !== "meta") {
      context.error("syntax", `alert does not take "${set.keyword}"`, set.span);
    }
    sets.push(set);
  }
  return sets;
}

function toRecipient(context: AstContext, node: AlertRecipientCstNode): AlertRecipient {
  const children = node.children;
  const { description, rest } = splitDescription(pairsOf(children.implicitPairs?.[0]));
  const braces = children.LBrace !== undefined;
  const span = spanOf(children.Kw_to[0], context.statementSpan);
  if (braces !== (children.RBrace !== undefined)) {
    context.error("unmatched_bracket", "Unmatched brace in recipient", span);
  }
  return {
    value: valueOf(children.recipient[0]),
    ...(description === undefined ? {} : { description }),
    sets: alertSets(context, rest, children.attributeSection),
    braces,
    span,
  };
}

function toSelect(context: AstContext, node: AlertSelectCstNode): NonNullable<AlertStatement["select"]> {
  const items: { kind: AlertSelectKind; attributeNames?: string[] }[] = [];
  let names: string[] | undefined;
  for (const token of node.children.items ?? []) {
    const text = valueOf(token);
    const last = items[items.length - 1];
    if (text === "{" && last?.kind === "attributes" && names === undefined) names = [];
    else if (text === "}" && names !== undefined && last !== undefined) {
      last.attributeNames = names;
      names = undefined;
    } else if (names !== undefined) names.push(text);
    else {
      const kind = context.oneOf(text, alertSelectKinds, { code: "invalid_value",
        what: "alert select", span: spanOf(token) });
      if (kind !== undefined) items.push({ kind });
    }
  }
  const span = spanOf(node.children.Kw_select[0], context.statementSpan);
  if (names !== undefined) context.error("unmatched_bracket", "Unmatched opening brace", span);
  return { items, span };
}

export function toAlert(context: AstContext, node: AlertCstNode, base: StatementBase): AlertStatement {
  const children = node.children;
  const id = valueOf(children.id[0]);
  checkId(context, id, spanOf(children.id[0], base.span));
  const { description, rest } = splitDescription(pairsOf(children.implicitPairs?.[0]));
  const select = children.alertSelect?.[0];
  return {
    kind: "alert",
    ...base,
    id,
    path: valueOf(children.path[0]),
    ...(description === undefined ? {} : { description }),
    sets: alertSets(context, rest, children.attributeSection),
    ...(select === undefined ? {} : { select: toSelect(context, select) }),
    recipients: (children.alertRecipient ?? []).map((recipient) => toRecipient(context, recipient)),
  };
}
