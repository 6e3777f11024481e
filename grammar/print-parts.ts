/**
 * Canonical text of the shared parts: words and values, scores, nvpairs, attribute sets,
 * rules and expressions, resource sets.
 */
import type {
  AttributeSet,
  DateExpression,
  Nvpair,
  ResourceSet,
  Rule,
  RuleExpression,
  Score,
} from "./ast.js";
import { keywordWords } from "./tokens.js";

const plain = /^[\w.\-/:@#+,%=~^*!?&|<>;]+$/;

/** A value as one shell word: bare when safe, else double-quoted with `\` and `"` escaped. */
export function quoteValue(text: string): string {
  if (text !== "" && plain.test(text)) return text;
  return `"${text.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

/** A positional word (id, reference, path): also quoted when it would read as a keyword. */
export function quoteWord(text: string): string {
  if (keywordWords.has(text.toLowerCase())) {
    return `"${text}"`;
  }
  return quoteValue(text);
}

export function pair(name: string, value: string): string {
  return `${quoteValue(name)}=${quoteValue(value)}`;
}

export function scoreText(score: Score): string {
  return quoteValue(`${score.raw}:`);
}

export function nvpairText(nvpair: Nvpair): string {
  if (nvpair.kind === "nvpair_ref") {
    return quoteValue(nvpair.name === undefined
      ? `@${nvpair.idRef}`
      : `@${nvpair.idRef}:${nvpair.name}`);
  }
  const name = nvpair.id === undefined ? nvpair.name : `$${nvpair.id}:${nvpair.name}`;
  return nvpair.value === undefined ? quoteWord(name) : pair(name, nvpair.value);
}

function dateText(expression: DateExpression): string {
  const fields = [
    ...(expression.start === undefined ? [] : [pair("start", expression.start)]),
    ...(expression.end === undefined ? [] : [pair("end", expression.end)]),
    ...(expression.duration ?? []).map((field) => pair(field.name, field.value)),
    ...(expression.dateSpec ?? []).map((field) => pair(field.name, field.value)),
  ];
  switch (expression.operation) {
    case "lt":
      return `date ${expression.operationRaw} ${quoteValue(expression.end ?? "")}`;
    case "gt":
      return `date ${expression.operationRaw} ${quoteValue(expression.start ?? "")}`;
    case "in_range":
    case "date_spec":
      return [`date ${expression.operationRaw}`, ...fields].join(" ");
  }
}

export function expressionText(expression: RuleExpression): string {
  if (expression.kind === "date_expression") return dateText(expression);
  const attribute = quoteValue(expression.attribute);
  if (expression.operation === "defined" || expression.operation === "not_defined") {
    return `${expression.operation} ${attribute}`;
  }
  const operator = expression.type === undefined
    ? expression.operation
    : `${expression.type}:${expression.operation}`;
  const value = expression.valueSource === undefined
    ? quoteValue(expression.value ?? "")
    : quoteValue(`${expression.valueSource}{${expression.value ?? ""}}`);
  return `${attribute} ${operator} ${value}`;
}

export function ruleText(rule: Rule): string {
  const joiner = ` ${rule.booleanOp ?? "and"} `;
  return [
    "rule",
    ...(rule.id === undefined ? [] : [quoteValue(`$id=${rule.id}`)]),
    ...(rule.idRef === undefined ? [] : [quoteValue(`$id-ref=${rule.idRef}`)]),
    ...(rule.role === undefined ? [] : [quoteValue(`$role=${rule.role}`)]),
    ...(rule.score === undefined ? [] : [scoreText(rule.score)]),
    ...(rule.expressions.length === 0 ? [] : [rule.expressions.map(expressionText).join(joiner)]),
  ].join(" ");
}

/** An attribute set; an implicit one prints as bare pairs (it must follow its header). */
export function attributeSetText(set: AttributeSet): string {
  return [
    ...(set.implicit ? [] : [set.keyword]),
    ...(set.id === undefined ? [] : [quoteValue(`$id=${set.id}`)]),
    ...(set.idRef === undefined ? [] : [quoteValue(`$id-ref=${set.idRef}`)]),
    ...(set.score === undefined ? [] : [scoreText(set.score)]),
    ...set.rules.map(ruleText),
    ...set.nvpairs.map(nvpairText),
  ].join(" ");
}

function memberText(id: string, suffix: string | undefined): string {
  return quoteValue(suffix === undefined ? id : `${id}:${suffix}`);
}

/** Resource sets as written: plain runs, ( … ) and [ … ] with non-default options. */
export function resourceSetsText(sets: readonly ResourceSet[]): string {
  return sets.map((set) => {
    const suffix = set.role ?? set.action;
    const members = set.members.map((member) => memberText(member.id, suffix));
    if (set.bracket === "none" || set.bracket === "braces") return members.join(" ");
    const parentheses = set.bracket === "parentheses";
    const options = [
      ...(set.sequential ? ["sequential=true"] : []),
      ...(set.requireAll === parentheses ? [] : [`require-all=${String(set.requireAll)}`]),
    ];
    const [open, close] = parentheses ? ["(", ")"] : ["[", "]"];
    return [open, ...members, ...options, close].join(" ");
  }).join(" ");
}

export function memberWithSuffix(
  id: string,
  suffix: string | undefined,
  instance: string | undefined,
): string {
  return memberText(id, suffix ?? instance);
}
