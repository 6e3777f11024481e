/**
 * The part after a resource header: description=, implicit params, attribute sets,
 * `operations $id=`, and ops with their attributes and nested sets (crmsh.md §1.6.2).
 */
import type { IToken } from "chevrotain";
import type {
  AttributeSet,
  AttributeSetKeyword,
  NameValue,
  Op,
  OperationsSpec,
} from "../ast.js";
import type {
  AttributeSectionCstNode,
  OpAttributeSectionCstNode,
  OpSectionCstNode,
  ResourceTailCstNode,
} from "../cst.js";
import { opAttributeNames, roleNames } from "../keywords.js";
import { implicitSet, keywordOf, toAttributeSet } from "./attributes.js";
import {
  assignedValue,
  inOrder,
  type Mutable,
  nameValue,
  spanOf,
  valueOf,
  type AstContext,
} from "./context.js";

export interface ResourceTail {
  readonly description?: string;
  readonly sets: readonly AttributeSet[];
  readonly operations?: OperationsSpec;
  readonly ops: readonly Op[];
}

export interface TailOptions {
  /** Keyword of the implicit set (`params` for resources, `attributes` for nodes). */
  readonly implicitKeyword: AttributeSetKeyword;
  /** Section keywords this statement accepts. */
  readonly allowed: readonly string[];
  readonly statement: string;
}

/** `description=` out of leading pairs; the rest form the implicit set. */
export function splitDescription(tokens: readonly IToken[]): {
  description?: string;
  rest: IToken[];
} {
  const rest: IToken[] = [];
  let description: string | undefined;
  for (const token of tokens) {
    const pair = nameValue(token);
    if (pair.name === "description" && description === undefined) description = pair.value;
    else rest.push(token);
  }
  return description === undefined ? { rest } : { description, rest };
}

export function attributeSectionSet(
  context: AstContext,
  section: AttributeSectionCstNode | OpAttributeSectionCstNode,
): AttributeSet {
  const keywordToken = section.children.keyword?.[0];
  return toAttributeSet(context, keywordOf(keywordToken),
    spanOf(keywordToken, context.statementSpan), section.children.attributeListBody[0]);
}

function checkAllowed(context: AstContext, keyword: IToken | undefined, options: TailOptions) {
  const word = valueOf(keyword).toLowerCase();
  if (keyword !== undefined && !options.allowed.includes(word)) {
    context.error("syntax", `${options.statement} does not take "${word}"`,
      spanOf(keyword, context.statementSpan));
  }
}

export function toResourceTail(
  context: AstContext,
  node: ResourceTailCstNode | undefined,
  options: TailOptions,
): ResourceTail {
  const children = node?.children;
  const pairs = children?.implicitPairs?.[0]?.children;
  const { description, rest } = splitDescription(inOrder(pairs?.Assignment,
    pairs?.NvpairIdAssign));
  const sets: AttributeSet[] = [];
  if (rest.length > 0) sets.push(implicitSet(context, options.implicitKeyword, rest));
  const ops: Op[] = [];
  let operations: OperationsSpec | undefined;
  // Attribute sets keep their input order; a misplaced op_params/op_meta is reported.
  const sections = [...(children?.attributeSection ?? []), ...(children?.opAttributeSection ?? [])];
  for (const section of sections) {
    const keyword = section.children.keyword?.[0];
    checkAllowed(context, keyword, options);
    if (section.name === "opAttributeSection") {
      context.error("syntax", "op_params and op_meta must follow an op",
        spanOf(keyword, context.statementSpan));
    }
    sets.push(attributeSectionSet(context, section));
  }
  for (const op of children?.opSection ?? []) {
    checkAllowed(context, op.children.Kw_op[0], options);
    ops.push(toOp(context, op));
  }
  for (const spec of children?.operationsSection ?? []) {
    checkAllowed(context, spec.children.Kw_operations[0], options);
    const id = assignedValue(spec.children.IdAssign?.[0]);
    const idRef = assignedValue(spec.children.IdRefAssign?.[0]);
    const operationsSpec: Mutable<OperationsSpec> = {
      span: spanOf(spec.children.Kw_operations[0], context.statementSpan),
    };
    if (id !== undefined) operationsSpec.id = id;
    if (idRef !== undefined) operationsSpec.idRef = idRef;
    operations = operationsSpec;
  }
  const tail: Mutable<ResourceTail> = { sets, ops };
  if (description !== undefined) tail.description = description;
  if (operations !== undefined) tail.operations = operations;
  return tail;
}

function canonicalOpAttribute(context: AstContext, pair: NameValue): NameValue {
  if (pair.name !== "role") return pair;
  const role = context.oneOf(pair.value, roleNames, {
    code: "invalid_role",
    what: "role",
    span: pair.span,
  });
  return role === undefined ? pair : { ...pair, value: role };
}

/** op NAME {OPATTR=V} [INSTATTR=V…] {op_params …|op_meta …} */
function toOp(context: AstContext, node: OpSectionCstNode): Op {
  const children = node.children;
  const span = spanOf(children.Kw_op[0], context.statementSpan);
  const attributes: NameValue[] = [];
  const instance: IToken[] = [];
  for (const token of children.Assignment ?? []) {
    const pair = nameValue(token);
    if (!opAttributeNames.has(pair.name)) {
      instance.push(token);
    } else if (instance.length > 0) {
      context.error("attribute_order",
        `Attribute order error: ${pair.name} must appear before any instance attribute`,
        pair.span);
    } else {
      attributes.push(canonicalOpAttribute(context, pair));
    }
  }
  const sets: AttributeSet[] = [];
  if (instance.length > 0) sets.push(implicitSet(context, "op_params", instance));
  for (const section of children.opAttributeSection ?? []) {
    sets.push(attributeSectionSet(context, section));
  }
  const interval = attributes.find((pair) => pair.name === "interval")?.value;
  const op: Mutable<Op> = { kind: "op", name: valueOf(children.name[0]), attributes, sets, span };
  if (interval !== undefined) op.interval = interval;
  return op;
}
