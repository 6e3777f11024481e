import type { Issue, Result, Span } from "../backend/base/index.js";
import { fail, ok } from "../backend/base/index.js";
import type { XmlElement } from "../backend/cib/index.js";
import { childElements, nodesEqual } from "../backend/cib/index.js";
import { applyStatements, showConfiguration, showXml } from "../backend/configure/index.js";
import type * as GrammarModule from "../grammar/index.js";
import type { Statement } from "../grammar/index.js";
import type { CibSession } from "./commands/types.js";

/** A configuration after statements were applied, and where each new object was written. */
export interface Applied {
  readonly cib: XmlElement;
  readonly positions: ReadonlyMap<string, Span>;
}

/**
 * The crm configure language on a CIB: parse `text` (one statement or a whole `load` file)
 * with grammar/, then apply it with backend/configure (crmsh's ids and checks). All or
 * nothing: any issue leaves `cib` as it was.
 */
export async function applyConfigureText(
  cib: XmlElement,
  text: string,
  mode: "create" | "update" | "replace",
): Promise<Result<Applied>> {
  const { parseScript } = await loadGrammar();
  const parsed = parseScript(text);
  if (!parsed.ok) return fail(parsed.issues);
  const applied = applyStatements(cib, parsed.value, {
    mode,
    ocfProviders: await installedProviders(),
  });
  if (!applied.ok) return fail([...parsed.issues, ...applied.issues]);
  return ok({ cib: applied.value, positions: positionsOf(parsed.value) }, [
    ...parsed.issues,
    ...applied.issues,
  ]);
}

function positionsOf(statements: readonly Statement[]): Map<string, Span> {
  const positions = new Map<string, Span>();
  for (const statement of statements) {
    const id = (statement as { readonly id?: unknown }).id;
    if (typeof id === "string") positions.set(id, statement.span);
  }
  return positions;
}

/** The ids of the objects a text of statements defines (what `edit` compares). */
export async function statementIds(text: string): Promise<Result<readonly string[]>> {
  const { parseScript } = await loadGrammar();
  const parsed = parseScript(text);
  if (!parsed.ok) return fail(parsed.issues);
  return ok([...positionsOf(parsed.value).keys()]);
}

/**
 * `show [xml] [changed] [ID…|type:T…]` on the staged configuration; `sortElements` false
 * (crmsh's `sort-elements no`) keeps document order within each kind.
 */
export function showText(
  session: CibSession,
  selection: readonly string[],
  xml: boolean,
  save = false,
  sortElements = true,
): Result<string> {
  const changed = selection.includes("changed");
  const ids = selection.filter((word) => word !== "changed");
  const options = {
    ids: changed && ids.length === 0 ? ["changed"] : [...ids, ...(changed ? ["changed"] : [])],
    ...(changed ? { changedIds: changedObjectIds(session.original, session.working) } : {}),
    // `save` keeps passwords: its file must load back as it was (crmsh obscures them).
    ...(save ? { obscure: false } : {}),
    ...(sortElements ? {} : { sortElements: false }),
  };
  return xml ? showXml(session.working, options) : showConfiguration(session.working, options);
}

/** Ids of objects (resources in containers included) added or modified between two CIBs. */
export function changedObjectIds(original: XmlElement, working: XmlElement): string[] {
  const before = objectMap(original);
  const changed: string[] = [];
  for (const [id, element] of objectMap(working)) {
    const previous = before.get(id);
    if (previous === undefined || !nodesEqual(previous, element)) changed.push(id);
  }
  return changed;
}

/** Ids of a CIB's objects (each section's children, resources inside groups and clones). */
export function objectIds(cib: XmlElement): string[] {
  return [...objectMap(cib).keys()];
}

/** Objects by id: each section's children, and the resources inside groups and clones. */
function objectMap(cib: XmlElement): Map<string, XmlElement> {
  const objects = new Map<string, XmlElement>();
  const add = (object: XmlElement): void => {
    const id = object.attributes["id"];
    if (id !== undefined) objects.set(id, object);
    if (containers.has(object.name)) for (const child of childElements(object)) add(child);
  };
  for (const configuration of childElements(cib, "configuration")) {
    for (const section of childElements(configuration)) childElements(section).forEach(add);
  }
  return objects;
}

const containers: ReadonlySet<string> = new Set(["group", "clone", "master"]);

let providers: ((type: string) => readonly string[]) | undefined;

/**
 * Which OCF providers ship an agent type on this host (quorate's bundled agents included), so
 * a bare `primitive d Dummy` gets the provider crmsh would choose here. Read on first use.
 */
async function installedProviders(): Promise<(type: string) => readonly string[]> {
  if (providers !== undefined) return providers;
  const ra = await import("../backend/ra/index.js");
  providers = ra.installedOcfProviders(ra.agentDirectories(process.env));
  return providers;
}

type Grammar = typeof GrammarModule;
let grammar: Grammar | undefined;

/**
 * The grammar (and its parser) is imported on first use: `crm configure show` and the other
 * commands that parse nothing start without it.
 */
async function loadGrammar(): Promise<Grammar> {
  grammar ??= await import("../grammar/index.js");
  return grammar;
}

/**
 * The grammar's display of an issue in its text (line, caret). Issues with a position only
 * come from parsing, so the grammar is loaded whenever this is asked for one.
 */
export function describeInText(source: string, found: Issue): string {
  if (grammar === undefined) return found.message;
  return grammar.formatIssue(source, found);
}
