import { fail, ok, type Issue, type Result } from "../../backend/base/index.js";
import { childElements, element, type XmlElement } from "../../backend/cib/index.js";

export type CibQueryIssueCode = "bad_xpath" | "no_match";

interface Predicate {
  readonly attribute: string;
  /** Undefined: the attribute must be present. */
  readonly value: string | undefined;
}

interface Step {
  /** `//`: this step matches at any depth below the previous one. */
  readonly descendant: boolean;
  /** Element name, or `*`. */
  readonly name: string;
  readonly predicates: readonly Predicate[];
}

/** Longest xpath accepted (cibadmin's are short; this bounds the work per query). */
const xpathLengthMax = 4096;

const stepPattern = /(\/\/?)([A-Za-z_][\w.-]*|\*)((?:\[[^\]]*\])*)/y;
const predicatePattern = /^\s*@([A-Za-z_][\w.-]*)\s*(?:=\s*(?:'([^']*)'|"([^"]*)"))?\s*$/;

function bad(xpath: string, offset: number, what: string): Issue<CibQueryIssueCode> {
  return {
    code: "bad_xpath",
    message: `Cannot read xpath "${xpath}" at character ${offset + 1}: ${what}`,
  };
}

function parsePredicates(text: string): Predicate[] | undefined {
  const predicates: Predicate[] = [];
  for (const bracketed of text.match(/\[[^\]]*\]/g) ?? []) {
    for (const term of bracketed.slice(1, -1).split(/\s+and\s+/)) {
      const match = predicatePattern.exec(term);
      if (match?.[1] === undefined) return undefined;
      predicates.push({ attribute: match[1], value: match[2] ?? match[3] });
    }
  }
  return predicates;
}

/**
 * Reads the xpaths cibadmin users write: absolute location paths of `/` and `//` steps, each a
 * name or `*` with `[@attribute]`, `[@attribute='value']` predicates (joined by `and`).
 */
export function parseCibXpath(xpath: string): Result<readonly Step[], CibQueryIssueCode> {
  if (xpath.length > xpathLengthMax) return fail([bad(xpath, xpathLengthMax, "too long")]);
  const steps: Step[] = [];
  let offset = 0;
  while (offset < xpath.length) {
    stepPattern.lastIndex = offset;
    const match = stepPattern.exec(xpath);
    if (match === null) {
      const what = offset === 0 ? "expected a path starting with /" : "expected /name";
      return fail([bad(xpath, offset, what)]);
    }
    const predicates = parsePredicates(match[3] ?? "");
    if (predicates === undefined) {
      return fail([bad(xpath, offset, "predicates must be [@name] or [@name='value']")]);
    }
    steps.push({ descendant: match[1] === "//", name: match[2] ?? "*", predicates });
    offset = stepPattern.lastIndex;
  }
  if (steps.length === 0) return fail([bad(xpath, 0, "the path is empty")]);
  return ok(steps);
}

function matches(node: XmlElement, step: Step): boolean {
  if (step.name !== "*" && node.name !== step.name) return false;
  return step.predicates.every((predicate) => {
    const value = node.attributes[predicate.attribute];
    return value !== undefined && (predicate.value === undefined || value === predicate.value);
  });
}

function descendantsOf(node: XmlElement, into: XmlElement[]): void {
  for (const child of childElements(node)) {
    into.push(child);
    descendantsOf(child, into);
  }
}

/** The elements of `cib` the xpath selects, in document order (each once). */
export function selectCib(
  cib: XmlElement,
  xpath: string,
): Result<readonly XmlElement[], CibQueryIssueCode> {
  const steps = parseCibXpath(xpath);
  if (!steps.ok) return steps;
  // A virtual document node above the root, so the first step tests the root itself.
  let context: XmlElement[] = [element("#document", {}, [cib])];
  for (const step of steps.value) {
    const next = new Set<XmlElement>();
    for (const node of context) {
      const candidates: XmlElement[] = [];
      if (step.descendant) descendantsOf(node, candidates);
      else candidates.push(...childElements(node));
      for (const candidate of candidates) if (matches(candidate, step)) next.add(candidate);
    }
    context = [...next];
  }
  if (context.length === 0) {
    return fail([{ code: "no_match", message: `No element in the CIB matches "${xpath}"` }]);
  }
  return ok(context);
}

/**
 * What `cibadmin -Q --xpath` answers: the one element selected, or several inside
 * `<xpath-query>` in document order.
 */
export function queryCibXpath(
  cib: XmlElement,
  xpath: string,
): Result<XmlElement, CibQueryIssueCode> {
  const selected = selectCib(cib, xpath);
  if (!selected.ok) return selected;
  const [only, ...rest] = selected.value;
  if (only !== undefined && rest.length === 0) return ok(only);
  return ok(element("xpath-query", {}, [...selected.value]));
}
