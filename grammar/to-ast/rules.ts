/**
 * Rules and expressions (crmsh.md §1.4).
 */
import type { IToken } from "chevrotain";
import type {
  BinaryOperation,
  DateExpression,
  DateField,
  Expression,
  ExpressionType,
  Rule,
  RuleExpression,
} from "../ast.js";
import type { DateExpressionCstNode, RuleCstNode, SimpleExpressionCstNode } from "../cst.js";
import { dateSpecKeys, roleNames } from "../keywords.js";
import {
  assignedValue,
  checkId,
  labelText,
  type Mutable,
  nameValue,
  spanOf,
  valueOf,
  type AstContext,
} from "./context.js";
import { toScore } from "./scores.js";

/** `$role=X` / `role=X` with the role canonicalised. */
export function toRole(context: AstContext, token: IToken | undefined): string | undefined {
  const role = assignedValue(token);
  if (role === undefined) return undefined;
  return context.oneOf(role, roleNames, {
    code: "invalid_role",
    what: "role",
    span: spanOf(token, context.statementSpan),
  }) ?? role;
}

export function toRule(context: AstContext, node: RuleCstNode): Rule {
  const children = node.children;
  const span = spanOf(children.Kw_rule[0], context.statementSpan);
  const id = assignedValue(children.IdAssign?.[0]);
  if (id !== undefined) checkId(context, id, spanOf(children.IdAssign?.[0], span), "rule id");
  const idRef = assignedValue(children.IdRefAssign?.[0]);
  const role = toRole(context, children.RoleAssign?.[0]);
  const label = children.Label?.[0];
  const expression = children.expression?.[0];
  const expressions: RuleExpression[] = [];
  let booleanOp: "and" | "or" | undefined;
  if (expression !== undefined) {
    for (const simple of expression.children.simpleExpression) {
      const converted = toSimpleExpression(context, simple);
      if (converted !== undefined) expressions.push(converted);
    }
    booleanOp = checkBooleanOps(context, expression.children.booleanOp ?? []);
  }
  if (idRef === undefined && expression === undefined) {
    context.error("missing_part", "Expected an expression after rule", span);
  }
  if (idRef !== undefined && (expression !== undefined || label !== undefined)) {
    context.error("syntax", "A rule with $id-ref takes no score or expression", span);
  }
  const rule: Mutable<Rule> = { kind: "rule", expressions, span };
  if (id !== undefined) rule.id = id;
  if (idRef !== undefined) rule.idRef = idRef;
  if (role !== undefined) rule.role = role;
  if (label !== undefined) rule.score = toScore(context, labelText(label), spanOf(label));
  if (booleanOp === "or") rule.booleanOp = booleanOp;
  return rule;
}

function checkBooleanOps(context: AstContext, operators: readonly IToken[]) {
  const first = operators[0];
  if (first === undefined) return undefined;
  const wanted = valueOf(first).toLowerCase() as "and" | "or";
  for (const operator of operators) {
    const found = valueOf(operator).toLowerCase();
    if (found !== wanted) {
      context.error("mixed_boolean_ops", `Mixing bool ops not allowed: ${wanted} != ${found}`,
        spanOf(operator, context.statementSpan));
      break;
    }
  }
  return wanted;
}

const valueSource = /^(param|meta)\{([^{}]*)\}$/;

function toSimpleExpression(
  context: AstContext,
  node: SimpleExpressionCstNode,
): RuleExpression | undefined {
  const children = node.children;
  const attributeToken = children.attribute?.[0];
  const attribute = valueOf(attributeToken);
  const span = spanOf(attributeToken ?? children.Kw_date?.[0], context.statementSpan);
  const unary = children.unaryOperator?.[0];
  if (unary !== undefined) {
    const operation = valueOf(unary).toLowerCase() === "defined" ? "defined" : "not_defined";
    return { kind: "expression", operation, attribute, span: spanOf(unary, span) };
  }
  const date = children.dateExpression?.[0];
  if (date !== undefined) return toDateExpression(context, date, span);
  const operatorToken = children.BinaryOperator?.[0];
  if (operatorToken === undefined) return undefined;
  const operatorText = valueOf(operatorToken).toLowerCase();
  const colon = operatorText.indexOf(":");
  const type = colon < 0 ? undefined : (operatorText.slice(0, colon) as ExpressionType);
  const operation = operatorText.slice(colon + 1) as BinaryOperation;
  const rawValue = valueOf(children.value?.[0]);
  const source = valueSource.exec(rawValue);
  const expression: Mutable<Expression> = {
    kind: "expression",
    operation,
    attribute,
    value: source === null ? rawValue : (source[2] ?? ""),
    span,
  };
  if (type !== undefined) expression.type = type;
  if (source !== null) expression.valueSource = source[1] ?? "param";
  return expression;
}

const dateKeys: ReadonlySet<string> = new Set(dateSpecKeys);

function dateFields(context: AstContext, tokens: readonly IToken[]): DateField[] {
  return tokens.map((token) => {
    const field = nameValue(token);
    if (!dateKeys.has(field.name)) {
      context.error("invalid_value", `Unknown date key "${field.name}"`, field.span);
    }
    return field;
  });
}

function toDateExpression(
  context: AstContext,
  node: DateExpressionCstNode,
  fallback: DateExpression["span"],
): DateExpression {
  const children = node.children;
  const operatorToken = children.dateOperator?.[0];
  const operationRaw = valueOf(operatorToken).toLowerCase();
  const span = spanOf(operatorToken, fallback);
  const value = valueOf(children.value?.[0]);
  switch (operationRaw) {
    case "lt":
      return { kind: "date_expression", operation: "lt", operationRaw, end: value, span };
    case "gt":
      return { kind: "date_expression", operation: "gt", operationRaw, start: value, span };
    case "in":
    case "in_range":
      return toDateRange(context, children.Assignment ?? [], operationRaw, span);
    default: {
      const dateSpec = dateFields(context, children.Assignment ?? []);
      if (dateSpec.length === 0) {
        context.error("missing_part", "Expected date_spec fields (hours=9-16 …)", span);
      }
      return { kind: "date_expression", operation: "date_spec", operationRaw, dateSpec, span };
    }
  }
}

function toDateRange(
  context: AstContext,
  tokens: readonly IToken[],
  operationRaw: string,
  span: DateExpression["span"],
): DateExpression {
  let start: string | undefined;
  let end: string | undefined;
  const durationTokens: IToken[] = [];
  for (const token of tokens) {
    const field = nameValue(token);
    if (field.name === "start") start = field.value;
    else if (field.name === "end") end = field.value;
    else durationTokens.push(token);
  }
  const duration = dateFields(context, durationTokens);
  if (start === undefined && end === undefined) {
    context.error("missing_part", "Expected start= or end= in a date range", span);
  }
  return {
    kind: "date_expression",
    operation: "in_range",
    operationRaw,
    ...(start === undefined ? {} : { start }),
    ...(end === undefined ? {} : { end }),
    ...(duration.length === 0 ? {} : { duration }),
    span,
  };
}
