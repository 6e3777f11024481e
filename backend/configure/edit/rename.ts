import type { Result } from "../../base/index.js";
import { fail, issue, ok } from "../../base/index.js";
import type { XmlElement } from "../../cib/index.js";
import { cloneNode, descendants } from "../../cib/index.js";
import { noConfiguration } from "./delete.js";
import {
  configurationOf,
  describeObject,
  objectIdPattern,
  objectsById,
  ownerOf,
} from "./objects.js";
import { referencesTo, retarget } from "./references.js";
import type { EditCode, EditResult } from "./result.js";

/**
 * Renames an object and every reference to it: constraints, resource sets, groups' and
 * clones' references, tags, fencing levels, templates, id-refs. Never mutates `cib`.
 */
export function renameObject(
  cib: XmlElement,
  previous: string,
  next: string,
): Result<EditResult, EditCode> {
  const copy = cloneNode(cib);
  const configuration = configurationOf(copy);
  if (configuration === undefined) return fail([noConfiguration()]);
  const located = objectsById(configuration).get(previous);
  if (located === undefined) {
    return fail([issue("no_such_object", `Cannot rename "${previous}": no such object`)]);
  }
  if (!objectIdPattern.test(next)) {
    return fail([issue("invalid_id", `Cannot rename "${previous}": "${next}" is not a valid id`)]);
  }
  for (const node of descendants(copy)) {
    if (node.attributes["id"] === next) {
      return fail([
        issue("id_in_use", `Cannot rename "${previous}" to "${next}": the id is already in use`),
      ]);
    }
  }
  const notes: string[] = [];
  for (const site of referencesTo(configuration, previous)) {
    retarget(site, previous, next);
    notes.push(
      `modified ${describeObject(ownerOf(configuration, site.element))} from ${previous} to ${next}`,
    );
  }
  located.element.attributes["id"] = next;
  return ok({ cib: copy, notes });
}
