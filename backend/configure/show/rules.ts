import type { XmlElement } from "../../cib/index.js";
import { childElements } from "../../cib/index.js";
import type { ShowContext } from "./context.js";
import { isReferenced } from "./context.js";
import { nvpairFormat, quoteWrap, scoreText } from "./format.js";

const dateKeywords: Record<string, string> = { in_range: "in", date_spec: "spec" };

/** `date lt V`, `date gt V`, `date in start=… end=…|duration…`, `date spec key=value…`. */
export function dateExpressionText(expression: XmlElement): string {
  const operation = expression.attributes["operation"] ?? "";
  const parts = ["date", dateKeywords[operation] ?? operation];
  if (operation === "lt" || operation === "gt") {
    const value = expression.attributes[operation === "lt" ? "end" : "start"];
    parts.push(quoteWrap(value ?? ""));
    return parts.join(" ");
  }
  if (operation === "in_range") {
    for (const name of ["start", "end"]) {
      const value = expression.attributes[name];
      if (value !== undefined) parts.push(nvpairFormat(name, value));
    }
  }
  for (const child of childElements(expression)) {
    if (child.name !== "duration" && child.name !== "date_spec") continue;
    for (const [name, value] of Object.entries(child.attributes)) {
      if (name !== "id") parts.push(nvpairFormat(name, value));
    }
  }
  return parts.join(" ");
}

/** `ATTR [TYPE:]OP VALUE`, `OP ATTR` for unary operators, `SOURCE{VALUE}` for value-source. */
export function expressionText(expression: XmlElement): string {
  const attributes = expression.attributes;
  const type = attributes["type"];
  const operation =
    type !== undefined && type !== ""
      ? `${type}:${attributes["operation"] ?? ""}`
      : String(attributes["operation"]);
  const attribute = String(attributes["attribute"]);
  const value = attributes["value"];
  if (value === undefined || value === "") return `${operation} ${attribute}`;
  const source = attributes["value-source"];
  if (source === undefined || source === "" || source === "literal") {
    return `${attribute} ${operation} ${value}`;
  }
  return `${attribute} ${operation} ${source}{${value}}`;
}

function expressionsText(rule: XmlElement): string {
  const booleanOperation = rule.attributes["boolean-op"] || "and";
  const texts: string[] = [];
  for (const child of childElements(rule)) {
    if (child.name === "date_expression") texts.push(dateExpressionText(child));
    else if (child.name === "expression") texts.push(expressionText(child));
  }
  return texts.join(` ${booleanOperation} `);
}

/** The text after the `rule` keyword: `[$id=…|$id-ref=…] [$role=…] [SCORE:] expressions`. */
export function ruleText(rule: XmlElement, context: ShowContext): string {
  const parts: string[] = [];
  const id = rule.attributes["id"];
  if (id !== undefined && id !== "" && isReferenced(context, "rule", id)) {
    parts.push(nvpairFormat("$id", id));
  } else {
    const reference = rule.attributes["id-ref"];
    if (reference !== undefined && reference !== "") return nvpairFormat("$id-ref", reference);
  }
  const role = rule.attributes["role"];
  if (role !== undefined && role !== "") parts.push(nvpairFormat("$role", role));
  if (rule.attributes["score"] !== "INFINITY") {
    const score = scoreText(rule);
    if (score !== "") parts.push(`${score}:`);
  }
  parts.push(expressionsText(rule));
  return parts.join(" ");
}
