// backend/configure/verify: pure semantic checks of a CIB's configuration.
import { issue } from "../../base/index.js";
import type { XmlElement } from "../../cib/index.js";
import { firstChild } from "../../cib/index.js";
import type { VerifyIssue, VerifyOptions } from "./context.js";
import { VerifyRun } from "./context.js";
import { checkIds } from "./ids.js";
import { checkNesting } from "./nesting.js";
import { checkReferences } from "./references.js";
import { checkValues } from "./values.js";
import { checkWarnings } from "./warnings.js";

export type { VerifyCode, VerifyIssue, VerifyOptions } from "./context.js";

/**
 * Checks a CIB's configuration: unique ids, references to existing objects, scores, roles,
 * operation names and the nesting of resources. Errors block a commit (unless forced);
 * warnings (severity "warning") only print. Each issue names its object (`path: [id]`) and,
 * with `options.positions`, carries the span of the statement that made it.
 */
export function verifyConfiguration(cib: XmlElement, options: VerifyOptions = {}): VerifyIssue[] {
  const configuration = cib.name === "configuration" ? cib : firstChild(cib, "configuration");
  if (configuration === undefined) {
    return [issue("no_configuration", "The CIB has no <configuration> section")];
  }
  const run = new VerifyRun(configuration, options);
  checkIds(run);
  checkReferences(run);
  checkNesting(run);
  checkValues(run);
  checkWarnings(run);
  return run.issues;
}
