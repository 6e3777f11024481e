import { assert } from "../../backend/base/index.js";
import { elementKeys, pathSegment, type XmlElement } from "../../backend/cib/index.js";
import type { ElementRule } from "./validate-rule.js";
import {
  checkAttributes,
  checkElement,
  childRuleOf,
  schemaRules,
  type Descend,
  type StructureWalk,
} from "./validate-structure.js";

/**
 * What changed between two CIB trees that share their untouched subtrees (a held CIB and the
 * result of a patch on it), as the schema walk sees it: `added` holds the issues of every new
 * or changed element and the IDs and references it carries; `removed` the IDs and references
 * the old tree had there. Shared subtrees are skipped, so the walk costs the size of the
 * change. A tag's obj_ref counts as a reference (Pacemaker wants it to name an object).
 */
export interface CibDelta {
  readonly added: StructureWalk;
  readonly removed: StructureWalk;
}

function emptyWalk(): StructureWalk {
  return { issues: [], ids: [], references: [] };
}

/** An obj_ref's id is plain text to the schema; note it as a reference. */
function noteObjectReference(
  child: XmlElement,
  path: readonly string[],
  walk: StructureWalk,
): void {
  if (child.name !== "obj_ref") return;
  const value = child.attributes["id"];
  if (value === undefined) return;
  walk.references.push({ value: value.trim(), attribute: "id", element: child, path });
}

/** Checks a whole subtree into `walk` (issues, IDs, references, obj_refs included). */
export function collectSubtree(
  node: XmlElement,
  rule: ElementRule,
  path: readonly string[],
  walk: StructureWalk,
): void {
  const descend: Descend = (child, childRule, childPath) => {
    noteObjectReference(child, childPath, walk);
    collectSubtree(child, childRule, childPath, walk);
  };
  checkElement(node, rule, path, walk, descend);
}

/** The walk of a whole CIB (the root must be `<cib>`). */
export function collectCib(cib: XmlElement): StructureWalk {
  const walk = emptyWalk();
  const rule = schemaRules["cib"];
  assert(rule !== undefined, "the schema table has a rule for <cib>");
  collectSubtree(cib, rule, ["cib"], walk);
  return walk;
}

/** Each new child's counterpart in the old element: itself when shared, else its match. */
function counterparts(before: XmlElement, after: XmlElement): Map<XmlElement, XmlElement> {
  const kept = new Set(after.children);
  const matches = new Map<XmlElement, XmlElement>();
  const oldByKey = new Map<string, XmlElement>();
  for (const [child, key] of elementKeys(before)) {
    if (kept.has(child)) matches.set(child, child);
    else oldByKey.set(key, child);
  }
  for (const [child, key] of elementKeys(after)) {
    if (matches.has(child)) continue;
    const old = oldByKey.get(key);
    if (old === undefined) continue;
    matches.set(child, old);
    oldByKey.delete(key);
  }
  return matches;
}

function walkPair(
  after: XmlElement,
  before: XmlElement,
  rule: ElementRule,
  path: readonly string[],
  delta: CibDelta,
): void {
  if (after === before || rule.anyContent === true) return;
  checkAttributes(before, rule, path, delta.removed);
  const matches = counterparts(before, after);
  const descend: Descend = (child, childRule, childPath) => {
    const old = matches.get(child);
    if (old === child) return;
    noteObjectReference(child, childPath, delta.added);
    if (old === undefined) collectSubtree(child, childRule, childPath, delta.added);
    else walkPair(child, old, childRule, childPath, delta);
  };
  checkElement(after, rule, path, delta.added, descend);
  const matched = new Set(matches.values());
  for (const child of before.children) {
    if (child.kind !== "element" || matched.has(child)) continue;
    const childRule = childRuleOf(rule, child.name);
    if (childRule === undefined) continue;
    const childPath = [...path, pathSegment(child)];
    noteObjectReference(child, childPath, delta.removed);
    collectSubtree(child, childRule, childPath, delta.removed);
  }
  // A matched child's old obj_ref is removed here; the new one was noted on the way down.
  for (const [child, old] of matches) {
    if (child !== old) noteObjectReference(old, [...path, pathSegment(old)], delta.removed);
  }
}

/** The change from `before` to `after` (both `<cib>` trees). */
export function cibDelta(before: XmlElement, after: XmlElement): CibDelta {
  const delta = { added: emptyWalk(), removed: emptyWalk() };
  const rule = schemaRules["cib"];
  assert(rule !== undefined, "the schema table has a rule for <cib>");
  walkPair(after, before, rule, ["cib"], delta);
  return delta;
}
