import { isError, ok, type Result } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { validateCibWrite } from "./validate.js";
import { cibDelta, type CibDelta } from "./validate-delta.js";
import type { CibIdIndex } from "./validate-index.js";
import { expectedTarget } from "./validate-references.js";
import type { CibValidationCode, IdAttribute } from "./validate-structure.js";

/** What a change's IDs and references leave behind, from the index of the tree before it. */
interface Counts {
  ids(id: string): number;
  references(id: string): number;
  elementName(id: string): string | undefined;
}

function tally(found: readonly IdAttribute[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of found) counts.set(entry.value, (counts.get(entry.value) ?? 0) + 1);
  return counts;
}

function countsAfter(index: CibIdIndex, delta: CibDelta): Counts {
  const addedIds = tally(delta.added.ids);
  const removedIds = tally(delta.removed.ids);
  const addedReferences = tally(delta.added.references);
  const removedReferences = tally(delta.removed.references);
  const addedNames = new Map(delta.added.ids.map((entry) => [entry.value, entry.element.name]));
  return {
    ids: (id) => index.count(id) - (removedIds.get(id) ?? 0) + (addedIds.get(id) ?? 0),
    references: (id) =>
      index.references(id) - (removedReferences.get(id) ?? 0) + (addedReferences.get(id) ?? 0),
    elementName: (id) => addedNames.get(id) ?? index.elementName(id),
  };
}

function referenceProblem(reference: IdAttribute, after: Counts): string | undefined {
  if (after.ids(reference.value) < 1) return `"${reference.value}" names nothing`;
  const expected = expectedTarget(reference);
  const name = after.elementName(reference.value);
  if (expected !== undefined && (name === undefined || !expected.names.includes(name))) {
    return `"${reference.value}" names a <${name ?? "?"}>`;
  }
  return undefined;
}

/**
 * The first thing wrong with a change, judged by its own parts against the index of the tree
 * before it (which must be trusted): an error in a new or changed element, an ID used twice,
 * a new reference to nothing or to the wrong kind of element, an ID removed (or given to
 * another kind of element) while something unchanged still refers to it. Undefined: none.
 */
export function changeProblem(index: CibIdIndex, delta: CibDelta): string | undefined {
  const error = delta.added.issues.find(isError);
  if (error !== undefined) return error.message;
  const after = countsAfter(index, delta);
  for (const found of delta.added.ids) {
    if (after.ids(found.value) > 1) return `id "${found.value}" is used twice`;
  }
  for (const reference of delta.added.references) {
    const problem = referenceProblem(reference, after);
    if (problem !== undefined) return problem;
  }
  for (const found of delta.removed.ids) {
    const id = found.value;
    if (after.references(id) === 0) continue;
    if (after.ids(id) === 0) return `"${id}" is removed but still referred to`;
    if (after.elementName(id) !== found.element.name && index.references(id) > 0) {
      return `"${id}" became a <${after.elementName(id) ?? "?"}> while referred to`;
    }
  }
  return undefined;
}

/**
 * validateCibWrite() for a write from `before` (the CIB held, followed by `index`) to `after`
 * (a tree sharing its untouched subtrees with it): when the index trusts `before`, only the
 * changed elements and the references they touch are checked, so a one-object change on a
 * large CIB costs the size of the change. Whatever that finds wrong (or an untrusted index)
 * is answered by the whole check, so the issues are always the whole check's.
 */
export function validateCibChange(
  before: XmlElement,
  after: XmlElement,
  index: CibIdIndex,
): Result<void, CibValidationCode> {
  index.follow(before);
  if (!index.trusted || after.name !== "cib") return validateCibWrite(after);
  const problem = changeProblem(index, cibDelta(before, after));
  return problem === undefined ? ok(undefined) : validateCibWrite(after);
}
