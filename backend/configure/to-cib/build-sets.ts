import type { XmlElement } from "../../cib/index.js";
import { element } from "../../cib/index.js";
import type {
  AttributeSet,
  DateExpression,
  Expression,
  Nvpair,
  Rule,
  RuleExpression,
} from "../../../grammar/index.js";
import { scoreAttribute } from "./score.js";

/** `name=value` → `<nvpair name value/>`; bare `name` has no value; `$id:` keeps its id. */
export function buildNvpair(nvpair: Nvpair): XmlElement {
  if (nvpair.kind === "nvpair_ref") {
    const attributes: Record<string, string> = { "id-ref": nvpair.idRef };
    if (nvpair.name !== undefined) attributes["name"] = nvpair.name;
    return element("nvpair", attributes);
  }
  const attributes: Record<string, string> = {};
  if (nvpair.id !== undefined) attributes["id"] = nvpair.id;
  attributes["name"] = nvpair.name;
  if (nvpair.value !== undefined) attributes["value"] = nvpair.value;
  return element("nvpair", attributes);
}

function buildExpression(expression: Expression): XmlElement {
  const attributes: Record<string, string> = {
    operation: expression.operation,
    attribute: expression.attribute,
  };
  if (expression.type !== undefined) attributes["type"] = expression.type;
  if (expression.value !== undefined) attributes["value"] = expression.value;
  if (expression.valueSource !== undefined) attributes["value-source"] = expression.valueSource;
  return element("expression", attributes);
}

function buildDateExpression(expression: DateExpression): XmlElement {
  const attributes: Record<string, string> = { operation: expression.operation };
  if (expression.start !== undefined) attributes["start"] = expression.start;
  if (expression.end !== undefined) attributes["end"] = expression.end;
  const built = element("date_expression", attributes);
  const fields = expression.operation === "date_spec" ? expression.dateSpec : expression.duration;
  if (fields !== undefined && fields.length > 0) {
    const childName = expression.operation === "date_spec" ? "date_spec" : "duration";
    const child = element(childName);
    for (const field of fields) child.attributes[field.name] = field.value;
    built.children.push(child);
  }
  return built;
}

function buildRuleExpression(expression: RuleExpression): XmlElement {
  return expression.kind === "expression"
    ? buildExpression(expression)
    : buildDateExpression(expression);
}

/** A rule: `$id-ref` → a reference; else score (default INFINITY), `or` written, children. */
export function buildRule(rule: Rule): XmlElement {
  if (rule.idRef !== undefined) {
    const attributes: Record<string, string> = {
      "id-ref": rule.idRef,
    };
    if (rule.role !== undefined) attributes["role"] = rule.role;
    return element("rule", attributes);
  }
  const attributes: Record<string, string> = {};
  if (rule.id !== undefined) attributes["id"] = rule.id;
  if (rule.role !== undefined) attributes["role"] = rule.role;
  const score = rule.score === undefined ? undefined : scoreAttribute(rule.score.raw);
  if (score === undefined) attributes["score"] = "INFINITY";
  else attributes[score.name] = score.value;
  if (rule.booleanOp === "or") attributes["boolean-op"] = "or";
  return element("rule", attributes, rule.expressions.map(buildRuleExpression));
}

/** An attribute list: a reference (`$id-ref`), or a set with score, rules and nvpairs. */
export function buildAttributeSet(set: AttributeSet): XmlElement {
  if (set.idRef !== undefined) {
    return element(set.element, { "id-ref": set.idRef });
  }
  const attributes: Record<string, string> = {};
  if (set.id !== undefined) attributes["id"] = set.id;
  if (set.score !== undefined) {
    const score = scoreAttribute(set.score.raw);
    attributes[score.name] = score.value;
  }
  return element(set.element, attributes, [
    ...set.rules.map(buildRule),
    ...set.nvpairs.map(buildNvpair),
  ]);
}
