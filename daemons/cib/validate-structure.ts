import { assert, issue, nearest, type Issue } from "../../backend/base/index.js";
import { pathSegment, type XmlElement } from "../../backend/cib/index.js";
import type { ElementRule, RuleTable } from "./validate-rule.js";
import { configRules } from "./validate-schema-config.js";
import { constraintRules } from "./validate-schema-constraints.js";
import { resourceRules } from "./validate-schema-resources.js";
import { setRules } from "./validate-schema-sets.js";
import { valueProblem } from "./validate-values.js";

export type CibValidationCode =
  | "unknown_element"
  | "unknown_attribute"
  | "missing_attribute"
  | "bad_value"
  | "bad_content"
  | "duplicate_id"
  | "unknown_reference";

/** Every rule of the schema, by name; child rules name their rule here. */
export const schemaRules: RuleTable = {
  ...configRules,
  ...setRules,
  ...resourceRules,
  ...constraintRules,
};

/** An issue at an element, its path written as Pacemaker writes patch paths. */
export function issueAt(
  path: readonly string[],
  code: CibValidationCode,
  message: string,
  severity: "error" | "warning" = "error",
): Issue<CibValidationCode> {
  return issue(code, `${pathText(path)}: ${message}`, {
    path,
    ...(severity === "warning" ? { severity } : {}),
  });
}

export function pathText(path: readonly string[]): string {
  return `/${path.join("/")}`;
}

/** An attribute typed ID or IDREF, where it was found. */
export interface IdAttribute {
  readonly value: string;
  readonly attribute: string;
  readonly element: XmlElement;
  readonly path: readonly string[];
}

/** What a walk collects: the issues, and the ID/IDREF attributes for the referential checks. */
export interface StructureWalk {
  readonly issues: Issue<CibValidationCode>[];
  readonly ids: IdAttribute[];
  readonly references: IdAttribute[];
}

/** Goes on to a child element of a checked element, with the rule it follows there. */
export type Descend = (child: XmlElement, rule: ElementRule, path: readonly string[]) => void;

/**
 * Checks `node` against `rule`: its attributes, its own choices and its child list; each child
 * element is handed to `descend` (by default: checked the same way, so the whole subtree is).
 */
export function checkElement(
  node: XmlElement,
  rule: ElementRule,
  path: readonly string[],
  walk: StructureWalk,
  descend?: Descend,
): void {
  if (rule.anyContent === true) return;
  checkAttributes(node, rule, path, walk);
  for (const problem of rule.check?.(node) ?? []) {
    walk.issues.push(issueAt(path, "bad_content", problem));
  }
  const next: Descend =
    descend ?? ((child, childRule, childPath) => checkElement(child, childRule, childPath, walk));
  checkChildren(node, rule, path, walk, next);
}

/** The rule a child element follows under an element of `rule` (undefined: not allowed). */
export function childRuleOf(rule: ElementRule, name: string): ElementRule | undefined {
  const childRule = rule.children?.[name];
  if (childRule === undefined) return undefined;
  const target = schemaRules[childRule.rule];
  assert(target !== undefined, `the schema table names a missing rule ${childRule.rule}`);
  return target;
}

/** Checks the attributes of one element and collects its ID and IDREF values. */
export function checkAttributes(
  node: XmlElement,
  rule: ElementRule,
  path: readonly string[],
  walk: StructureWalk,
): void {
  const out = walk.issues;
  for (const [name, value] of Object.entries(node.attributes)) {
    const type = rule.attributes[name];
    if (type === undefined) {
      const hint = nearest(name, Object.keys(rule.attributes));
      const suffix = hint === undefined ? "" : ` (did you mean "${hint}"?)`;
      out.push(
        issueAt(
          path,
          "unknown_attribute",
          `attribute "${name}" is not allowed on <${node.name}>${suffix}`,
        ),
      );
      continue;
    }
    const problem = valueProblem(type, value);
    if (problem !== undefined) {
      out.push(
        issueAt(path, "bad_value", `bad value "${value}" for attribute "${name}": ${problem}`),
      );
    } else if (type === "id" || type === "idref") {
      const found = { value: value.trim(), attribute: name, element: node, path };
      (type === "id" ? walk.ids : walk.references).push(found);
    }
  }
  for (const name of rule.required ?? []) {
    if (node.attributes[name] === undefined) {
      out.push(issueAt(path, "missing_attribute", `<${node.name}> expects attribute "${name}"`));
    }
  }
}

function checkChildren(
  node: XmlElement,
  rule: ElementRule,
  path: readonly string[],
  walk: StructureWalk,
  descend: Descend,
): void {
  const out = walk.issues;
  const allowed = rule.children ?? {};
  const counts = new Map<string, number>();
  let orderGroup = 0;
  for (const child of node.children) {
    if (child.kind === "text") {
      if (child.text.trim() !== "")
        out.push(issueAt(path, "bad_content", "text is not allowed here"));
      continue;
    }
    if (child.kind !== "element") continue;
    const childRule = allowed[child.name];
    const childPath = [...path, pathSegment(child)];
    if (childRule === undefined) {
      out.push(
        issueAt(childPath, "unknown_element", unknownChildMessage(node, child.name, allowed)),
      );
      continue;
    }
    counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
    orderGroup = checkOrder(rule, child.name, orderGroup, childPath, out);
    const target = schemaRules[childRule.rule];
    assert(target !== undefined, `the schema table names a missing rule ${childRule.rule}`);
    descend(child, target, childPath);
  }
  for (const [name, childRule] of Object.entries(allowed)) {
    const count = counts.get(name) ?? 0;
    if (count < (childRule.min ?? 0)) {
      out.push(issueAt(path, "bad_content", `<${node.name}> expects a <${name}> child`));
    } else if (count > (childRule.max ?? Infinity)) {
      out.push(
        issueAt(
          path,
          "bad_content",
          `<${node.name}> allows at most ${childRule.max ?? 0} <${name}>`,
        ),
      );
    }
  }
}

function checkOrder(
  rule: ElementRule,
  name: string,
  current: number,
  path: readonly string[],
  out: Issue<CibValidationCode>[],
): number {
  if (rule.order === undefined) return current;
  const group = rule.order.findIndex((names) => names.includes(name));
  if (group < 0) return current;
  if (group < current) {
    const expected = rule.order[current]?.join(", ") ?? "";
    out.push(issueAt(path, "bad_content", `<${name}> must come before <${expected}>`));
    return current;
  }
  return group;
}

function unknownChildMessage(
  parent: XmlElement,
  name: string,
  allowed: Readonly<Record<string, unknown>>,
): string {
  const names = Object.keys(allowed);
  if (names.length === 0) return `<${parent.name}> allows no child elements, found <${name}>`;
  const hint = nearest(name, names);
  const suffix = hint === undefined ? "" : ` (did you mean <${hint}>?)`;
  return `<${name}> is not allowed in <${parent.name}>; expected ${names.map((n) => `<${n}>`).join(", ")}${suffix}`;
}
