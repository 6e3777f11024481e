import {
  assert,
  fail,
  isError,
  issue,
  ok,
  type Issue,
  type Result,
} from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { checkReferences } from "./validate-references.js";
import type { CibValidationCode, StructureWalk } from "./validate-structure.js";
import { checkElement, schemaRules } from "./validate-structure.js";

export type { CibValidationCode } from "./validate-structure.js";

/** Issues reported for one write at most; the rest are counted in the last one. */
const validationIssuesMax = 50;

/**
 * Checks a whole CIB as a write would leave it: the structure Pacemaker's schema
 * (pacemaker-3.9) allows for it (every element and attribute where it appears, typed values,
 * enumerations, required parts, the choices between attributes), then unique ids and
 * references. Each issue names the element's path and what was expected; warnings (a node
 * not listed yet) do not fail the write.
 */
export function validateCibWrite(after: XmlElement): Result<void, CibValidationCode> {
  if (after.name !== "cib") {
    return fail([issue("unknown_element", `/${after.name}: the document element must be <cib>`)]);
  }
  const walk: StructureWalk = { issues: [], ids: [], references: [] };
  const rule = schemaRules["cib"];
  assert(rule !== undefined, "the schema table has a rule for <cib>");
  checkElement(after, rule, ["cib"], walk);
  const issues: Issue<CibValidationCode>[] = [...walk.issues, ...checkReferences(after, walk)];
  const bounded = boundIssues(issues);
  return issues.some(isError) ? fail(bounded) : ok(undefined, bounded);
}

function boundIssues(issues: Issue<CibValidationCode>[]): Issue<CibValidationCode>[] {
  if (issues.length <= validationIssuesMax) return issues;
  const kept = issues.slice(0, validationIssuesMax - 1);
  const dropped = issues.length - kept.length;
  return [...kept, issue("bad_content", `…and ${dropped} more problems`)];
}
