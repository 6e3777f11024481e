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
  if (changed) dropRepeatedReferences(constraint);
  return changed;
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
  const movedIds = moved.map((child) => child.attributes["id"] ?? "");
  for (const constraint of childElements(constraints)) {
    const what = `${constraint.name} "${constraint.attributes["id"] ?? ""}"`;
    for (const id of movedIds) {
      if (!renameReference(constraint, id, containerId)) continue;
      const message = `Modified ${what} from "${id}" to "${containerId}"`;
      report({ code: "constraint_redirected", message, span, severity: "warning" });
    }
    if (!refersTo(constraint, containerId) || !isSilly(constraint, containerId)) continue;
    workspace.removeObject(constraint);
    const message = `Removed ${what}: it would refer from "${containerId}" to itself`;
    report({ code: "constraint_redirected", message, span, severity: "warning" });
  }
}
