import type { XmlElement } from "../../cib/index.js";
import type { VerifyRun } from "./context.js";
import { nameOf } from "./context.js";
import { capitalized } from "./references.js";

const scorePattern = /^[+-]?(INFINITY|\d+)$/;
const scoreElements: ReadonlySet<string> = new Set([
  "rsc_location",
  "rsc_colocation",
  "rsc_order",
  "rule",
  "instance_attributes",
  "meta_attributes",
  "utilization",
  "cluster_property_set",
]);
const roles: ReadonlySet<string> = new Set([
  "Started",
  "Stopped",
  "Promoted",
  "Unpromoted",
  "Master",
  "Slave",
]);
const roleAttributes = ["role", "rsc-role", "with-rsc-role"];
const actions: ReadonlySet<string> = new Set(["start", "stop", "promote", "demote"]);
const actionAttributes = ["first-action", "then-action", "action"];
export const operationNames: ReadonlySet<string> = new Set([
  "monitor",
  "start",
  "stop",
  "promote",
  "demote",
  "migrate_to",
  "migrate_from",
  "notify",
  "reload",
  "reload-agent",
  "meta-data",
  "validate-all",
  "status",
  "recover",
]);
const orderKinds: ReadonlySet<string> = new Set(["Mandatory", "Optional", "Serialize"]);

/** Scores, roles, operation names, order kinds and set actions have legal values. */
export function checkValues(run: VerifyRun): void {
  for (const { element, owner } of run.visited) {
    checkScore(run, element, owner);
    for (const attribute of roleAttributes) {
      const role = element.attributes[attribute];
      if (role !== undefined && element.name !== "acl_target" && !roles.has(role)) {
        bad(run, owner, "unknown_role", `unknown role "${role}"`, "error");
      }
    }
    for (const attribute of actionAttributes) {
      const action = element.attributes[attribute];
      if (action !== undefined && isConstraintPart(element) && !actions.has(action)) {
        bad(run, owner, "bad_value", `unknown action "${action}"`, "error");
      }
    }
    const kind = element.attributes["kind"];
    if (element.name === "rsc_order" && kind !== undefined && !orderKinds.has(kind)) {
      bad(run, owner, "bad_value", `unknown order kind "${kind}"`, "error");
    }
    const name = element.attributes["name"];
    if (element.name === "op" && name !== undefined && !operationNames.has(name)) {
      bad(run, owner, "unknown_operation", `unknown operation "${name}"`, "warning");
    }
  }
}

function checkScore(run: VerifyRun, element: XmlElement, owner: XmlElement | undefined): void {
  const score = element.attributes["score"];
  if (score === undefined || !scoreElements.has(element.name)) return;
  if (!scorePattern.test(score)) {
    bad(run, owner, "bad_score", `bad score "${score}" (an integer or [+-]INFINITY)`, "error");
  }
}

function isConstraintPart(element: XmlElement): boolean {
  return element.name === "rsc_order" || element.name === "resource_set";
}

function bad(
  run: VerifyRun,
  owner: XmlElement | undefined,
  code: "bad_score" | "unknown_role" | "unknown_operation" | "bad_value",
  what: string,
  severity: "error" | "warning",
): void {
  run.report(
    code,
    `${capitalized(nameOf(owner))} has an ${what}`.replace(" an bad", " a bad"),
    owner,
    severity,
  );
}
