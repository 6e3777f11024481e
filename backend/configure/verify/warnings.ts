import type { XmlElement } from "../../cib/index.js";
import { childElements, firstChild } from "../../cib/index.js";
import type { VerifyRun } from "./context.js";
import { nameOf } from "./context.js";
import { capitalized } from "./references.js";

/**
 * crmsh's warnings (they print but never block a commit): a location on a node the CIB does
 * not define, and two operations with the same name, interval and role on one resource.
 */
export function checkWarnings(run: VerifyRun): void {
  const nodes = new Set<string>();
  for (const node of childElements(
    firstChild(run.configuration, "nodes") ?? run.configuration,
    "node",
  )) {
    const uname = node.attributes["uname"];
    if (uname !== undefined) nodes.add(uname);
  }
  for (const { element, owner } of run.visited) {
    const node = element.attributes["node"];
    if (element.name === "rsc_location" && node !== undefined && !nodes.has(node)) {
      run.report(
        "unknown_node",
        `${capitalized(nameOf(owner))}: referenced node "${node}" does not exist`,
        owner,
        "warning",
      );
    }
    if (element.name === "operations") checkOperations(run, element, owner);
  }
}

function checkOperations(
  run: VerifyRun,
  operations: XmlElement,
  owner: XmlElement | undefined,
): void {
  const seen = new Set<string>();
  for (const op of childElements(operations, "op")) {
    const name = op.attributes["name"] ?? "";
    const key = `${name} ${op.attributes["interval"] ?? "0"} ${op.attributes["role"] ?? ""}`;
    if (seen.has(key)) {
      run.report(
        "duplicate_operation",
        `${capitalized(nameOf(owner))}: interval in ${name} must be unique`,
        owner,
        "warning",
      );
    }
    seen.add(key);
  }
}
