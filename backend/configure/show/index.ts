// backend/configure/show: pure, CIB XML -> the text of crmsh 4.4's `crm configure show`.
import type { Issue, Result } from "../../base/index.js";
import { fail, issue, ok } from "../../base/index.js";
import type { XmlElement } from "../../cib/index.js";
import { firstChild } from "../../cib/index.js";
import type { ShowContext } from "./context.js";
import {
  collectReferencedIds,
  countNodes,
  defaultObscurePatterns,
  obscureMatcher,
} from "./context.js";
import { isExpressible } from "./expressible-constraints.js";
import { legacyRoleWarnings, schemaPredatesPromoted } from "./legacy-roles.js";
import { printObject } from "./object-text.js";
import type { ConfigurationObject } from "./objects.js";
import { collectObjects, sortBucket, sortObjects } from "./objects.js";
import { printers } from "./printers.js";
import type { ShowIssueCode } from "./select.js";
import { selectObjects } from "./select.js";
import { sanitizeConfiguration } from "./sanitize.js";
import { showXmlText } from "./show-xml.js";
import { rawXmlText } from "./xml-text.js";

export type { ObjectKind, ConfigurationObject } from "./objects.js";
export type { ShowIssueCode } from "./select.js";
export { quoteWrap, needsNoQuotes } from "./format.js";

export interface ShowOptions {
  /**
   * Object ids (globs) or crmsh's filter words: `type:K`, `tag:T`, `related:R`, `changed`,
   * `and`, `or`.
   */
  readonly ids?: readonly string[];
  /** Object kinds in crm names (`primitive`, `location`, `property`…), as `type:` filters. */
  readonly types?: readonly string[];
  /** Ids of the objects the `changed` filter selects (edited in this session). */
  readonly changedIds?: readonly string[];
  /** Print values of nvpairs whose name matches the patterns as `******` (default true). */
  readonly obscure?: boolean;
  /** Patterns for `obscure` (default crmsh's `passw*`); `show obscure:GLOB` replaces them. */
  readonly obscurePatterns?: readonly string[];
  /**
   * crmsh's `sort-elements` (default true): objects sorted by id within a kind's bucket; false
   * keeps each bucket in document order.
   */
  readonly sortElements?: boolean;
}

interface Prepared {
  readonly cib: XmlElement | undefined;
  readonly context: ShowContext;
  readonly selected: ConfigurationObject[];
}

function configurationOf(cib: XmlElement): XmlElement | undefined {
  return cib.name === "configuration" ? cib : firstChild(cib, "configuration");
}

function prepare(cib: XmlElement, options: ShowOptions): Result<Prepared, ShowIssueCode> {
  const found = configurationOf(cib);
  if (found === undefined) {
    return fail([issue("no_configuration", `The <${cib.name}> element holds no <configuration>`)]);
  }
  const configuration = sanitizeConfiguration(found);
  const patterns =
    options.obscure === false ? [] : (options.obscurePatterns ?? defaultObscurePatterns);
  const context: ShowContext = {
    referencedIds: collectReferencedIds(configuration),
    nodeCount: countNodes(configuration),
    legacyRoles: schemaPredatesPromoted(cib.attributes["validate-with"]),
    isObscured: obscureMatcher(patterns),
  };
  const specs = [...(options.types ?? []).map((type) => `type:${type}`), ...(options.ids ?? [])];
  const selection =
    options.changedIds === undefined ? { specs } : { specs, changedIds: options.changedIds };
  const selected = selectObjects(collectObjects(configuration), selection);
  if (!selected.ok) return fail(selected.issues);
  return ok({ cib: cib.name === "cib" ? cib : undefined, context, selected: selected.value });
}

/** One object's text, and the warnings crmsh prints while checking it can show it as CLI. */
function objectText(
  object: ConfigurationObject,
  context: ShowContext,
  warnings: Issue<ShowIssueCode>[] = [],
): string {
  const expressible = isExpressible(object.element);
  if (expressible && context.legacyRoles) {
    const converted = legacyRoleWarnings(object.element);
    warnings.push(...converted);
    if (converted.length > 0) return rawXmlText(object.element, object.depth);
  }
  if (!expressible) return rawXmlText(object.element, object.depth);
  const text = printObject(printers[object.kind], object.element, context);
  return text ?? rawXmlText(object.element, object.depth);
}

/**
 * What `crm -D plain configure show [ids…]` prints for a CIB (a `<cib>` or its
 * `<configuration>`): one object after another in crmsh's order, each line ending in a
 * newline; the empty string when nothing is selected. Unknown ids are issues; warnings
 * crmsh would log (roles it converts on an old schema) come with the text.
 */
export function showConfiguration(
  cib: XmlElement,
  options: ShowOptions = {},
): Result<string, ShowIssueCode> {
  const prepared = prepare(cib, options);
  if (!prepared.ok) return fail(prepared.issues);
  const { context, selected } = prepared.value;
  const warnings: Issue<ShowIssueCode>[] = [];
  const sorted = sortObjects(selected, { byId: options.sortElements !== false });
  const texts = sorted.map((object) => objectText(object, context, warnings));
  return ok(texts.length === 0 ? "" : `${texts.join("\n")}\n`, warnings);
}

/**
 * What `crm configure show xml [ids…]` prints: `<?xml version="1.0" ?>`, then a `<cib>` with
 * the CIB's attributes holding the selected objects (whole top-level parents), obscured.
 */
export function showXml(cib: XmlElement, options: ShowOptions = {}): Result<string, ShowIssueCode> {
  const prepared = prepare(cib, options);
  if (!prepared.ok) return fail(prepared.issues);
  const { context, selected } = prepared.value;
  const inXmlOrder = selected
    .map((object, index) => ({ object, index }))
    .sort((a, b) => sortBucket[a.object.kind] - sortBucket[b.object.kind] || a.index - b.index)
    .map(({ object }) => object);
  return ok(showXmlText(prepared.value.cib, inXmlOrder, context.isObscured));
}

/**
 * The CLI text of one top-level element (no trailing newline), for diffs. Ids referenced
 * elsewhere and the node count come from `configuration` when given.
 */
export function showObject(
  element: XmlElement,
  options: { readonly configuration?: XmlElement; readonly obscure?: boolean } = {},
): string {
  const scope = options.configuration ?? element;
  const sanitized = sanitizeConfiguration(element);
  // A section between configuration and the element gives it its depth in a real CIB.
  const isSection = sanitized.name === "fencing-topology" || isDefaultsSection(sanitized);
  const inSection = isSection ? sanitized : wrap("section", sanitized);
  const wrapper = wrap("configuration", inSection);
  const context: ShowContext = {
    referencedIds: collectReferencedIds(scope),
    nodeCount: countNodes(scope),
    legacyRoles: false,
    isObscured: obscureMatcher(options.obscure === false ? [] : defaultObscurePatterns),
  };
  const objects = collectObjects(wrapper).filter(
    (object) => object.element === sanitized || isDefaultsSection(sanitized),
  );
  if (objects.length === 0) return rawXmlText(sanitized, 3);
  return objects.map((object) => objectText(object, context)).join("\n");
}

function wrap(name: string, child: XmlElement): XmlElement {
  return { kind: "element", name, attributes: {}, children: [child] };
}

function isDefaultsSection(element: XmlElement): boolean {
  return element.name === "rsc_defaults" || element.name === "op_defaults";
}
