import type { XmlElement } from "../../cib/index.js";
import { childElements } from "../../cib/index.js";
import type { VerifyRun } from "./context.js";
import { nameOf } from "./context.js";
import { capitalized } from "./references.js";

const resourceNames: ReadonlySet<string> = new Set([
  "primitive",
  "group",
  "clone",
  "master",
  "bundle",
]);

/** What each container may hold (Pacemaker's schema): no clone of a clone, no nested group. */
const allowedChildren: Readonly<Record<string, ReadonlySet<string>>> = {
  resources: new Set(["primitive", "group", "clone", "master", "bundle"]),
  group: new Set(["primitive"]),
  clone: new Set(["primitive", "group"]),
  master: new Set(["primitive", "group"]),
  bundle: new Set(["primitive"]),
};

/** Resources nest legally, and groups, clones and bundles hold what they must. */
export function checkNesting(run: VerifyRun): void {
  for (const { element, parent } of run.visited) {
    if (!resourceNames.has(element.name) || parent === undefined) continue;
    const allowed = allowedChildren[parent.name];
    if (allowed !== undefined && !allowed.has(element.name)) {
      run.report(
        "illegal_nesting",
        `${capitalized(nameOf(element))} cannot be inside ${nameOf(parent)}`,
        element,
      );
    }
    checkMemberCount(run, element);
  }
}

function checkMemberCount(run: VerifyRun, element: XmlElement): void {
  const members = childElements(element).filter((child) => resourceNames.has(child.name));
  const name = capitalized(nameOf(element));
  if (element.name === "group" && members.length === 0) {
    run.report("empty_container", `${name} has no resources`, element);
  }
  if ((element.name === "clone" || element.name === "master") && members.length !== 1) {
    run.report(
      "empty_container",
      `${name} must hold exactly one resource, not ${members.length}`,
      element,
    );
  }
  if (element.name === "bundle" && members.length > 1) {
    run.report("illegal_nesting", `${name} can hold at most one primitive`, element);
  }
}
