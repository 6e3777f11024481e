import type { XmlElement } from "../../backend/cib/index.js";
import type { ValueType } from "./validate-values.js";

/** A child element allowed under an element: which rule it follows and how often it occurs. */
export interface ChildRule {
  readonly rule: string;
  readonly min?: number;
  readonly max?: number;
}

/**
 * What the schema allows for one element in one context: its attributes (with types), the
 * attributes it must carry, its child elements, the order of child groups where the schema
 * has a sequence, and the choices between attributes that the table cannot say (`check`,
 * returning what is wrong).
 */
export interface ElementRule {
  readonly attributes: Readonly<Record<string, ValueType>>;
  readonly required?: readonly string[];
  readonly children?: Readonly<Record<string, ChildRule>>;
  readonly order?: readonly (readonly string[])[];
  readonly anyContent?: boolean;
  readonly check?: (node: XmlElement) => readonly string[];
}

export type RuleTable = Readonly<Record<string, ElementRule>>;

export function has(node: XmlElement, name: string): boolean {
  return node.attributes[name] !== undefined;
}

/** Exactly one of the alternatives is present (each alternative names its key attributes). */
export function exactlyOne(node: XmlElement, names: readonly string[]): string[] {
  const present = names.filter((name) => has(node, name));
  if (present.length === 1) return [];
  if (present.length === 0) return [`expected one of the attributes ${quoteAll(names)}`];
  return [`expected only one of the attributes ${quoteAll(present)}`];
}

export function atMostOne(node: XmlElement, names: readonly string[]): string[] {
  const present = names.filter((name) => has(node, name));
  return present.length > 1 ? [`expected at most one of the attributes ${quoteAll(present)}`] : [];
}

/** `dependent` may appear only together with `anchor`. */
export function onlyWith(node: XmlElement, dependent: string, anchor: string): string[] {
  return has(node, dependent) && !has(node, anchor)
    ? [`attribute "${dependent}" is allowed only with "${anchor}"`]
    : [];
}

/** Attributes that belong to an alternative not taken. */
export function excluded(node: XmlElement, names: readonly string[], because: string): string[] {
  const present = names.filter((name) => has(node, name));
  return present.length > 0 ? [`attributes ${quoteAll(present)} are not allowed ${because}`] : [];
}

export function elementCount(node: XmlElement, names: readonly string[]): number {
  let count = 0;
  for (const child of node.children) {
    if (child.kind === "element" && names.includes(child.name)) count++;
  }
  return count;
}

/**
 * The `id-ref` form of an element the schema lets stand for another (nvsets, rules, resource
 * sets): `id-ref` alone, without children; otherwise `id` is required.
 */
export function idRefForm(node: XmlElement, extraAllowed: readonly string[] = []): string[] {
  if (!has(node, "id-ref")) return has(node, "id") ? [] : ['expected attribute "id" or "id-ref"'];
  const others = Object.keys(node.attributes).filter(
    (name) => name !== "id-ref" && !extraAllowed.includes(name),
  );
  const problems: string[] = [];
  if (others.length > 0)
    problems.push(`attributes ${quoteAll(others)} are not allowed with "id-ref"`);
  if (elementCount(node, elementNames(node)) > 0)
    problems.push('no children are allowed with "id-ref"');
  return problems;
}

function elementNames(node: XmlElement): string[] {
  return node.children.flatMap((child) => (child.kind === "element" ? [child.name] : []));
}

export function quoteAll(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(", ");
}
