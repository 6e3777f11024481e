/**
 * Rule evaluation (`<rule>` with `expression`, `date_expression` and nested rules), for
 * location constraints and nvpair sets.
 */
import { childElements, type XmlElement } from "../../backend/cib/index.js";
import { addDuration, civilFromEpoch, parseIsoDate } from "./dates.js";
import type { RecheckTime } from "./recheck.js";

export interface RuleContext {
  /** Node attributes (with `#uname`, `#id`, `#kind`, `#is_dc`); absent outside node rules. */
  readonly attributes?: ReadonlyMap<string, string>;
  readonly now: number | undefined;
  /** Where the date boundaries evaluated are noted (the schedule's recheck-by). */
  readonly recheck?: RecheckTime;
  readonly resourceParams?: ReadonlyMap<string, string>;
  readonly resourceMeta?: ReadonlyMap<string, string>;
  readonly resourceClass?: string;
  readonly resourceProvider?: string;
  readonly resourceType?: string;
  readonly operationName?: string;
  readonly operationIntervalMs?: number;
}

export function evaluateRule(rule: XmlElement, context: RuleContext): boolean {
  const operator = (rule.attributes["boolean-op"] ?? "and").toLowerCase();
  const parts = childElements(rule).filter((child) =>
    ["expression", "date_expression", "rule", "rsc_expression", "op_expression"].includes(child.name),
  );
  if (parts.length === 0) return true;
  const results = parts.map((part) => evaluatePart(part, context));
  return operator === "or" ? results.some(Boolean) : results.every(Boolean);
}

function evaluatePart(part: XmlElement, context: RuleContext): boolean {
  switch (part.name) {
    case "rule":
      return evaluateRule(part, context);
    case "expression":
      return evaluateExpression(part, context);
    case "date_expression":
      return evaluateDateExpression(part, context);
    case "rsc_expression":
      return evaluateResourceExpression(part, context);
    case "op_expression":
      return evaluateOperationExpression(part, context);
    default:
      return false;
  }
}

function evaluateResourceExpression(part: XmlElement, context: RuleContext): boolean {
  const wanted: [string | undefined, string | undefined][] = [
    [part.attributes["class"], context.resourceClass],
    [part.attributes["provider"], context.resourceProvider],
    [part.attributes["type"], context.resourceType],
  ];
  return wanted.every(([expected, actual]) => expected === undefined || expected === actual);
}

function evaluateOperationExpression(part: XmlElement, context: RuleContext): boolean {
  if (part.attributes["name"] !== context.operationName) return false;
  const interval = part.attributes["interval"];
  return interval === undefined || Number(interval) * 1000 === context.operationIntervalMs;
}

function expressionValue(part: XmlElement, context: RuleContext): string | undefined {
  const value = part.attributes["value"];
  const source = part.attributes["value-source"] ?? "literal";
  if (value === undefined || source === "literal") return value;
  if (source === "param") return context.resourceParams?.get(value);
  if (source === "meta") return context.resourceMeta?.get(value);
  return value;
}

function evaluateExpression(part: XmlElement, context: RuleContext): boolean {
  const attribute = part.attributes["attribute"] ?? "";
  const operation = part.attributes["operation"] ?? "eq";
  const actual = context.attributes?.get(attribute);
  if (operation === "defined") return actual !== undefined;
  if (operation === "not_defined") return actual === undefined;
  const expected = expressionValue(part, context);
  if (actual === undefined || expected === undefined) return operation === "ne";
  const type = part.attributes["type"] ?? guessType(actual, expected, operation);
  const order = compareTyped(actual, expected, type);
  switch (operation) {
    case "eq": return order === 0;
    case "ne": return order !== 0;
    case "lt": return order < 0;
    case "lte": return order <= 0;
    case "gt": return order > 0;
    case "gte": return order >= 0;
    default: return false;
  }
}

function guessType(actual: string, expected: string, operation: string): string {
  if (operation === "eq" || operation === "ne") return "string";
  const numeric = /^[+-]?\d+(\.\d+)?$/;
  return numeric.test(actual) && numeric.test(expected) ? "number" : "string";
}

function compareTyped(actual: string, expected: string, type: string): number {
  if (type === "integer") {
    const a = Number.parseInt(actual, 10);
    const b = Number.parseInt(expected, 10);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return a - b;
  }
  if (type === "integer" || type === "number") {
    const a = Number(actual);
    const b = Number(expected);
    if (Number.isNaN(a) || Number.isNaN(b)) return actual.localeCompare(expected);
    return a - b;
  }
  if (type === "version") return compareVersions(actual, expected);
  if (actual === expected) return 0;
  return actual.toLowerCase() < expected.toLowerCase() ? -1 : 1;
}

function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * pe__eval_date_expr: also notes the next instant the result flips (in_range: its start, or
 * one second after its end; gt: one second after its start; lt: its end). date_spec notes
 * nothing, as in Pacemaker 2.1.
 */
function evaluateDateExpression(part: XmlElement, context: RuleContext): boolean {
  const { now } = context;
  if (now === undefined) return false;
  const operation = part.attributes["operation"] ?? "in_range";
  const start = parseOptionalDate(part.attributes["start"]);
  let end = parseOptionalDate(part.attributes["end"]);
  const duration = childElements(part, "duration")[0];
  if (end === undefined && start !== undefined && duration !== undefined) {
    end = addDuration(start, duration.attributes);
  }
  const note = (seconds: number | undefined): void => {
    if (seconds !== undefined) context.recheck?.note(seconds);
  };
  switch (operation) {
    case "gt":
      if (start !== undefined && now <= start) note(start + 1);
      return start !== undefined && now > start;
    case "lt":
      note(end);
      return end !== undefined && now < end;
    case "in_range":
      if (start !== undefined && now < start) {
        note(start);
        return false;
      }
      note(end === undefined ? undefined : end + 1);
      return end === undefined || now <= end;
    case "date_spec": {
      const spec = childElements(part, "date_spec")[0];
      return spec !== undefined && matchesDateSpec(spec, now);
    }
    default: return false;
  }
}

function parseOptionalDate(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseIsoDate(text);
}

function matchesDateSpec(spec: XmlElement, now: number): boolean {
  const civil = civilFromEpoch(now);
  const fields: [string, number][] = [
    ["years", civil.year], ["months", civil.month], ["monthdays", civil.day],
    ["hours", civil.hour], ["minutes", civil.minute], ["seconds", civil.second],
    ["weekdays", civil.weekday], ["yeardays", civil.yearday],
  ];
  return fields.every(([name, value]) => inRange(spec.attributes[name], value));
}

function inRange(range: string | undefined, value: number): boolean {
  if (range === undefined) return true;
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)?)?\s*$/.exec(range);
  if (match === null) return false;
  const low = Number(match[1]);
  if (!range.includes("-")) return value === low;
  const high = match[2] === undefined ? Number.MAX_SAFE_INTEGER : Number(match[2]);
  return value >= low && value <= high;
}
