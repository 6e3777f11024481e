/**
 * Attribute lists and nvpairs (crmsh.md §1.3).
 */
import type { IToken } from "chevrotain";
import type { Span } from "../../backend/base/index.js";
import type {
  AttributeSet,
  AttributeSetElement,
  AttributeSetKeyword,
  Nvpair,
} from "../ast.js";
import type { AttributeListBodyCstNode } from "../cst.js";
import {
  assignedValue,
  checkId,
  type Mutable,
  labelText,
  spanOf,
  splitAssignment,
  valueOf,
  type AstContext,
} from "./context.js";
import { toRule } from "./rules.js";
import { toScore } from "./scores.js";

const elementOf: Readonly<Record<AttributeSetKeyword, AttributeSetElement>> = {
  params: "instance_attributes",
  meta: "meta_attributes",
  utilization: "utilization",
  attributes: "instance_attributes",
  op_params: "instance_attributes",
  op_meta: "meta_attributes",
};

/** One nvpair token: `name=value`, `name`, `name=`, `$ID:name=value`, `@ID[:name]`. */
export function toNvpair(context: AstContext, token: IToken): Nvpair {
  const text = valueOf(token);
  const span = spanOf(token, context.statementSpan);
  if (text.startsWith("@")) {
    const colon = text.indexOf(":");
    if (colon < 0) return { kind: "nvpair_ref", idRef: text.slice(1), span };
    return { kind: "nvpair_ref", idRef: text.slice(1, colon), name: text.slice(colon + 1), span };
  }
  if (text.startsWith("$") && token.tokenType.name === "NvpairIdAssign") {
    const colon = text.indexOf(":");
    const { name, value } = splitAssignment(text.slice(colon + 1));
    checkId(context, text.slice(1, colon), span, "nvpair id");
    return { kind: "nvpair", id: text.slice(1, colon), name, value, span };
  }
  if (text.includes("=")) {
    const { name, value } = splitAssignment(text);
    return { kind: "nvpair", name, value, span };
  }
  return { kind: "nvpair", name: text, span };
}

/** The set a keyword token and its list body make. */
export function toAttributeSet(
  context: AstContext,
  keyword: AttributeSetKeyword,
  keywordSpan: Span,
  body: AttributeListBodyCstNode | undefined,
): AttributeSet {
  const children = body?.children;
  const id = assignedValue(children?.IdAssign?.[0]);
  const idRef = assignedValue(children?.IdRefAssign?.[0]);
  if (id !== undefined) checkId(context, id, spanOf(children?.IdAssign?.[0], keywordSpan));
  const label = children?.Label?.[0];
  const rules = (children?.rule ?? []).map((rule) => toRule(context, rule));
  const nvpairs = (children?.nvpairs ?? []).map((token) => toNvpair(context, token));
  if (idRef !== undefined && (rules.length > 0 || nvpairs.length > 0 || label !== undefined)) {
    context.error("syntax", `A ${keyword} set with $id-ref takes nothing else`,
      spanOf(children?.IdRefAssign?.[0], keywordSpan));
  }
  const set: Mutable<AttributeSet> = {
    kind: "attribute_set",
    keyword,
    element: elementOf[keyword],
    implicit: false,
    rules,
    nvpairs,
    span: keywordSpan,
  };
  if (id !== undefined) set.id = id;
  if (idRef !== undefined) set.idRef = idRef;
  if (label !== undefined) set.score = toScore(context, labelText(label), spanOf(label));
  return set;
}

/** An implicit set (`primitive d Dummy a=b`, op instance attributes) from loose tokens. */
export function implicitSet(
  context: AstContext,
  keyword: AttributeSetKeyword,
  tokens: readonly IToken[],
): AttributeSet {
  return {
    kind: "attribute_set",
    keyword,
    element: elementOf[keyword],
    implicit: true,
    rules: [],
    nvpairs: tokens.map((token) => toNvpair(context, token)),
    span: spanOf(tokens[0], context.statementSpan),
  };
}

/** The canonical keyword of a section keyword token. */
export function keywordOf(token: IToken | undefined): AttributeSetKeyword {
  const word = (token?.image ?? "params").toLowerCase();
  return Object.hasOwn(elementOf, word) ? (word as AttributeSetKeyword) : "params";
}
