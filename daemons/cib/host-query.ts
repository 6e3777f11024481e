import { fail, ok, type Result } from "../../backend/base/index.js";
import { element, type XmlElement } from "../../backend/cib/index.js";
import { selectElements } from "./acl-xpath-eval.js";
import { parseXpath } from "./acl-xpath-parse.js";

export type CibQueryIssueCode = "bad_xpath" | "no_match";

/**
 * What `cibadmin -Q --xpath` answers: the one element the xpath selects, or several inside
 * `<xpath-query>` in document order; `no_match` when it selects nothing. The xpath subset is
 * the one the ACLs read (paths, predicates, `and`/`or`, the common functions).
 */
export function queryCibXpath(
  cib: XmlElement,
  xpath: string,
): Result<XmlElement, CibQueryIssueCode> {
  const expression = parseXpath(xpath);
  if (!expression.ok) {
    const message = expression.issues[0]?.message ?? `Cannot read the xpath "${xpath}"`;
    return fail([{ code: "bad_xpath", message }]);
  }
  const selected = selectElements(cib, expression.value);
  const [only, ...rest] = selected;
  if (only === undefined) {
    return fail([{ code: "no_match", message: `No element in the CIB matches "${xpath}"` }]);
  }
  if (rest.length === 0) return ok(only);
  return ok(element("xpath-query", {}, [...selected]));
}
