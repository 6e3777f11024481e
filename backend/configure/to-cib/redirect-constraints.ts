import type { XmlElement } from "../../cib/index.js";
import { childElements } from "../../cib/index.js";
import type { Span } from "../../base/index.js";
import type { ToCibIssue } from "./build-context.js";
import type { Workspace } from "./workspace.js";

/** Constraint attributes that name a resource (crmsh `constraint_rsc_refs`). */
const resourceAttributes = ["rsc", "with-rsc", "first", "then"] as const;

function resourceReferences(constraint: XmlElement): XmlElement[] {
  return childElements(constraint, "resource_set").flatMap((set) =>
    childElements(set, "resource_ref"),
  );
}

function refersTo(constraint: XmlElement, id: string): boolean {
  return (
    resourceAttributes.some((name) => constraint.attributes[name] === id) ||
    resourceReferences(constraint).some((reference) => reference.attributes["id"] === id)
  );
}

/** crmsh rset_uniq: a resource named more than once in the sets keeps its last mention. */
function dropRepeatedReferences(constraint: XmlElement): void {
  const counts = new Map<string, number>();
  for (const reference of resourceReferences(constraint)) {
    const id = reference.attributes["id"] ?? "";
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  for (const set of childElements(constraint, "resource_set")) {
    set.children = set.children.filter((node) => {
      if (node.kind !== "element" || node.name !== "resource_ref") return true;
      const id = node.attributes["id"] ?? "";
      const count = counts.get(id) ?? 0;
      if (count <= 1) return true;
      counts.set(id, count - 1);
      return false;
    });
  }
}

/** Renames `from` to `to` in a constraint; true when something changed. */
function renameReference(constraint: XmlElement, from: string, to: string): boolean {
  let changed = false;
  for (const name of resourceAttributes) {
    if (constraint.attributes[name] !== from) continue;
    constraint.attributes[name] = to;
    changed = true;
  }
  for (const reference of resourceReferences(constraint)) {
    if (reference.attributes["id"] !== from) continue;
    reference.attributes["id"] = to;
    changed = true;
  }
  if (changed) {
    dropRepeatedReferences(constraint);
    if (resourceReferences(constraint).length === 2) convertToPair(constraint);
  }
  return changed;
}

/**
 * crmsh rset_convert: a colocation or order whose sets name just two resources becomes the
 * two-resource form (crmsh prints and re-parses it; a single colocation set then has rsc
 * and with-rsc exchanged, roles staying where the printed form put them).
 */
function convertToPair(constraint: XmlElement): void {
  if (constraint.name !== "rsc_colocation" && constraint.name !== "rsc_order") return;
  const sets = childElements(constraint, "resource_set");
  const members = sets.flatMap((set) =>
    childElements(set, "resource_ref").map((reference) => ({ set, reference })),
  );
  const [first, second] = members;
  if (first === undefined || second === undefined) return;
  const isOrder = constraint.name === "rsc_order";
  const names = isOrder ? (["first", "then"] as const) : (["rsc", "with-rsc"] as const);
  const qualifier = isOrder ? "action" : "role";
  const attributes: Record<string, string> = { ...constraint.attributes };
  [first, second].forEach((member, index) => {
    const name = names[index] ?? "rsc";
    attributes[name] = member.reference.attributes["id"] ?? "";
    const value = member.set.attributes[qualifier];
    if (value !== undefined) attributes[`${name}-${qualifier}`] = value;
  });
  if (!isOrder && sets.length === 1) {
    [attributes["rsc"], attributes["with-rsc"]] = [
      attributes["with-rsc"] ?? "",
      attributes["rsc"] ?? "",
    ];
  }
  constraint.attributes = attributes;
  constraint.children = constraint.children.filter(
    (node) => node.kind !== "element" || node.name !== "resource_set",
  );
}

/** A constraint from a resource to itself (or naming too few), which crmsh drops. */
function isSilly(constraint: XmlElement, id: string): boolean {
  const references = resourceReferences(constraint);
  const neverSilly = constraint.name === "rsc_location" || constraint.name === "rsc_ticket";
  if (references.length > 0) return neverSilly ? false : references.length <= 1;
  const named = resourceAttributes.filter((name) => constraint.attributes[name] !== undefined);
  if (neverSilly) return named.length < 1;
  const toSelf = named.filter((name) => constraint.attributes[name] === id).length;
  return toSelf === 2 || named.length < 2;
}

/**
 * crmsh's _redirect_children_constraints: constraints on resources just moved into a new
 * container name the container instead; those left from the container to itself are removed.
 * Each change is reported as a warning (crmsh prints INFO lines).
 */
export function redirectChildrenConstraints(
  workspace: Workspace,
  container: XmlElement,
  moved: readonly XmlElement[],
  report: (issue: ToCibIssue) => void,
  span: Span,
): void {
  const constraints = workspace.section("constraints");
  if (constraints.children.length === 0 || moved.length === 0) return;
  const containerId = container.attributes["id"] ?? "";
  const describe = (constraint: XmlElement) =>
    `${constraint.name} "${constraint.attributes["id"] ?? ""}"`;
  for (const child of moved) {
    const id = child.attributes["id"] ?? "";
    for (const constraint of childElements(constraints)) {
      if (!renameReference(constraint, id, containerId)) continue;
      const message = `Modified ${describe(constraint)} from "${id}" to "${containerId}"`;
      report({ code: "constraint_redirected", message, span, severity: "warning" });
    }
  }
  for (const constraint of childElements(constraints)) {
    if (!refersTo(constraint, containerId) || !isSilly(constraint, containerId)) continue;
    workspace.removeObject(constraint);
    const message = `Removed ${describe(constraint)}: it would refer from "${containerId}" to itself`;
    report({ code: "constraint_redirected", message, span, severity: "warning" });
  }
}
