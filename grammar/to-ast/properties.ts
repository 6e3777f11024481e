/**
 * Property sets and defaults, fencing_topology, tag (crmsh.md §1.6.14–§1.6.16).
 */
import { tokenMatcher, type IToken } from "chevrotain";
import type {
  FencingLevel,
  FencingTarget,
  FencingTopologyStatement,
  Nvpair,
  PropertySetStatement,
  StatementBase,
  TagStatement,
} from "../ast.js";
import type {
  FencingTopologyCstNode,
  PropertySetCstNode,
  TagCstNode,
} from "../cst.js";
import { Name } from "../tokens.js";
import { toNvpair } from "./attributes.js";
import {
  assignedValue,
  checkId,
  labelText,
  nameValue,
  reference,
  spanOf,
  valueOf,
  type AstContext,
} from "./context.js";
import { toRule } from "./rules.js";

const propertyKinds: Readonly<Record<string, PropertySetStatement["kind"]>> = {
  Kw_property: "property",
  Kw_rsc_defaults: "rsc_defaults",
  Kw_op_defaults: "op_defaults",
};

export function toPropertySet(
  context: AstContext,
  node: PropertySetCstNode,
  base: StatementBase,
): PropertySetStatement {
  const children = node.children;
  const kind = propertyKinds[children.keyword?.[0]?.tokenType.name ?? ""] ?? "property";
  const label = children.setId?.[0];
  const dollarId = assignedValue(children.IdAssign?.[0]);
  const idRef = assignedValue(children.IdRefAssign?.[0]);
  const setId = label === undefined ? dollarId : labelText(label);
  if (setId !== undefined) {
    checkId(context, setId, spanOf(label ?? children.IdAssign?.[0], base.span), "set id");
  }
  const nvpairs: Nvpair[] = (children.nvpairs ?? []).map((token) => toNvpair(context, token));
  return {
    kind,
    ...base,
    ...(setId === undefined ? {} : { setId, setIdForm: label === undefined ? "dollar" : "colon" }),
    ...(idRef === undefined ? {} : { idRef }),
    rules: (children.rule ?? []).map((rule) => toRule(context, rule)),
    nvpairs,
  };
}

function fencingTarget(token: IToken): FencingTarget | undefined {
  const text = valueOf(token);
  const span = spanOf(token);
  if (token.tokenType.name === "Label") return { kind: "node", node: labelText(token), span };
  const lower = text.toLowerCase();
  if (lower.startsWith("attr:") && text.includes("=")) {
    const pair = nameValue(token);
    return { kind: "attribute", name: pair.name.slice(5), value: pair.value, span };
  }
  if (lower.startsWith("pattern:")) return { kind: "pattern", pattern: text.slice(8), span };
  return undefined;
}

function fencingLevel(context: AstContext, token: IToken): FencingLevel {
  const span = spanOf(token);
  const names = valueOf(token).split(",");
  if (names.some((name) => name === "")) {
    context.error("syntax", `Invalid device list "${valueOf(token)}"`, span);
  }
  return { devices: names.filter((name) => name !== "").map((id) => ({ id, span })), span };
}

export function toFencingTopology(
  context: AstContext,
  node: FencingTopologyCstNode,
  base: StatementBase,
): FencingTopologyStatement {
  const targets: { target?: FencingTarget; levels: FencingLevel[] }[] = [];
  for (const token of node.children.items ?? []) {
    const target = fencingTarget(token);
    if (target !== undefined) {
      const previous = targets[targets.length - 1];
      if (previous !== undefined && previous.target === undefined) {
        context.error("syntax", "Targets cannot follow levels without a target", target.span);
      }
      targets.push({ target, levels: [] });
      continue;
    }
    if (!tokenMatcher(token, Name)) {
      context.error("syntax", `Unexpected "${valueOf(token)}"`, spanOf(token));
      continue;
    }
    let current = targets[targets.length - 1];
    if (current === undefined) {
      current = { levels: [] };
      targets.push(current);
    }
    current.levels.push(fencingLevel(context, token));
  }
  for (const entry of targets) {
    if (entry.levels.length === 0) {
      context.error("missing_part", "Expected fencing devices after the target",
        entry.target?.span ?? base.span);
    }
  }
  if (targets.length === 0) {
    context.error("missing_part", "Expected fencing levels", base.span);
  }
  return { kind: "fencing_topology", ...base, targets };
}

export function toTag(context: AstContext, node: TagCstNode, base: StatementBase): TagStatement {
  const children = node.children;
  const idToken = children.id?.[0] as IToken;
  const id = idToken.tokenType.name === "Label" ? labelText(idToken) : valueOf(idToken);
  checkId(context, id, spanOf(idToken, base.span));
  const references = (children.references ?? []).map(reference);
  if (references.length === 0) {
    context.error("missing_part", "Expected at least 2 arguments: tag ID REF…",
      spanOf(idToken, base.span));
  }
  return { kind: "tag", ...base, id, references };
}
