import type { Result } from "../../base/index.js";
import { assert, fail, issue, ok } from "../../base/index.js";
import type { XmlElement } from "../../cib/index.js";
import { childElements, cloneNode, descendants } from "../../cib/index.js";
import type { Located } from "./objects.js";
import {
  childResources,
  configurationOf,
  containerTags,
  describeObject,
  findParent,
  objectsById,
  ownerOf,
  removeChild,
  resourceTags,
} from "./objects.js";
import { referencesTo, retarget } from "./references.js";
import type { EditCode, EditIssue, EditResult } from "./result.js";

/**
 * Deletes objects as crmsh does: a resource leaves its group, sets, tags and constraints
 * (constraints left with too few resources are deleted as "hanging"); an emptied group or
 * clone goes too; deleting a group or clone keeps its children, which move up a level, and
 * constraints on it move to the first child. Never mutates `cib`.
 */
export function deleteObjects(
  cib: XmlElement,
  ids: readonly string[],
): Result<EditResult, EditCode> {
  const next = cloneNode(cib);
  const configuration = configurationOf(next);
  if (configuration === undefined) return fail([noConfiguration()]);
  const notes: string[] = [];
  const issues: EditIssue[] = [];
  for (const id of ids) {
    const located = objectsById(configuration).get(id);
    if (located === undefined) {
      issues.push(issue("no_such_object", `Cannot delete "${id}": no such object`));
      continue;
    }
    const refused = templateInUse(configuration, located.element);
    if (refused !== undefined) issues.push(refused);
    else deleteLocated(configuration, located, notes);
  }
  return issues.length > 0 ? fail(issues) : ok({ cib: next, notes });
}

export function noConfiguration(): EditIssue {
  return issue("no_configuration", "The CIB has no <configuration> section");
}

function templateInUse(configuration: XmlElement, element: XmlElement): EditIssue | undefined {
  if (element.name !== "template") return undefined;
  const id = element.attributes["id"] ?? "";
  const user = referencesTo(configuration, id).find((site) => site.element.name === "primitive");
  if (user === undefined) return undefined;
  const userId = user.element.attributes["id"] ?? "";
  return issue("in_use", `Cannot delete template "${id}": primitive "${userId}" uses it`);
}

function deleteLocated(configuration: XmlElement, located: Located, notes: string[]): void {
  const { element, parent } = located;
  if (containerTags.has(element.name) && childResources(element).length > 0) {
    ungroup(configuration, located, notes);
    return;
  }
  removeChild(parent, element);
  for (const node of descendants(element)) {
    if (!resourceTags.has(node.name)) continue;
    const id = node.attributes["id"];
    if (id !== undefined) removeReferences(configuration, id, notes);
  }
  if (containerTags.has(parent.name) && childResources(parent).length === 0) {
    const grandparent = findParent(configuration, parent);
    if (grandparent !== undefined) {
      deleteLocated(configuration, { element: parent, parent: grandparent }, notes);
    }
  }
}

/** Deletes a container but keeps its resources: they take its place one level up. */
function ungroup(configuration: XmlElement, located: Located, notes: string[]): void {
  const { element, parent } = located;
  if (containerTags.has(parent.name)) {
    const grandparent = findParent(configuration, parent);
    assert(grandparent !== undefined, "a clone holding a group sits in a section");
    moveReferences(configuration, parent, element, notes);
    replaceWith(grandparent, parent, [element]);
    ungroup(configuration, { element, parent: grandparent }, notes);
    return;
  }
  const children = childResources(element);
  const first = children[0];
  assert(first !== undefined, "ungroup() is called for non-empty containers");
  moveReferences(configuration, element, first, notes);
  replaceWith(parent, element, children);
}

function moveReferences(
  configuration: XmlElement,
  from: XmlElement,
  to: XmlElement,
  notes: string[],
): void {
  const previous = from.attributes["id"] ?? "";
  const next = to.attributes["id"] ?? "";
  for (const site of referencesTo(configuration, previous)) {
    if (site.attribute === "id-ref") continue;
    retarget(site, previous, next);
    const owner = ownerOf(configuration, site.element);
    notes.push(`modified ${describeObject(owner)} from ${previous} to ${next}`);
  }
}

function replaceWith(parent: XmlElement, element: XmlElement, replacements: XmlElement[]): void {
  const index = parent.children.indexOf(element);
  assert(index >= 0, "the element is a child of its parent");
  parent.children.splice(index, 1, ...replacements);
}

/** Takes a deleted resource out of every constraint, set, tag and fencing level. */
function removeReferences(configuration: XmlElement, id: string, notes: string[]): void {
  const touched = new Set<XmlElement>();
  for (const site of referencesTo(configuration, id)) {
    const owner = ownerOf(configuration, site.element);
    if (site.attribute === "id-ref" || site.element.name === "primitive") continue;
    if (site.listed) {
      retarget(site, id, undefined);
      if (site.element.attributes[site.attribute] === "") {
        deleteHanging(configuration, site.element, notes);
      }
      continue;
    }
    if (site.element === owner) {
      deleteHanging(configuration, owner, notes);
      continue;
    }
    const holder = findParent(configuration, site.element);
    if (holder !== undefined) removeChild(holder, site.element);
    touched.add(owner);
  }
  for (const owner of touched) settleTouched(configuration, owner, notes);
}

/** After resources left a constraint's sets or a tag: drop empty sets, then hanging owners. */
function settleTouched(configuration: XmlElement, owner: XmlElement, notes: string[]): void {
  for (const set of childElements(owner, "resource_set")) {
    if (childElements(set, "resource_ref").length === 0) removeChild(owner, set);
  }
  if (findParent(configuration, owner) === undefined) return;
  if (referenceCount(owner) < minimumReferences(owner)) {
    deleteHanging(configuration, owner, notes);
    return;
  }
  simplifyTwoMemberSet(owner);
  if (owner.name !== "tag") notes.push(`constraint ${describeObject(owner)} updated`);
}

const simpleForms: Readonly<Record<string, readonly [string, string]>> = {
  rsc_order: ["first", "then"],
  rsc_colocation: ["rsc", "with-rsc"],
};

/**
 * crmsh keeps constraints as crm text, so an order or colocation left with one plain set of
 * two resources (`order o1 Mandatory: b x`) is written back in the simple form, as here.
 */
function simplifyTwoMemberSet(owner: XmlElement): void {
  const form = simpleForms[owner.name];
  const sets = childElements(owner, "resource_set");
  const [set] = sets;
  if (form === undefined || sets.length !== 1 || set === undefined) return;
  if (Object.keys(set.attributes).some((name) => name !== "id")) return;
  const references = childElements(set, "resource_ref");
  const [first, second] = references;
  if (references.length !== 2 || first === undefined || second === undefined) return;
  removeChild(owner, set);
  owner.attributes[form[0]] = first.attributes["id"] ?? "";
  owner.attributes[form[1]] = second.attributes["id"] ?? "";
}

function referenceCount(owner: XmlElement): number {
  if (owner.name === "tag") return childElements(owner, "obj_ref").length;
  let count = 0;
  for (const set of childElements(owner, "resource_set")) {
    count += childElements(set, "resource_ref").length;
  }
  for (const attribute of ["rsc", "with-rsc", "first", "then"]) {
    if (owner.attributes[attribute] !== undefined) count += 1;
  }
  return count;
}

function minimumReferences(owner: XmlElement): number {
  return owner.name === "rsc_colocation" || owner.name === "rsc_order" ? 2 : 1;
}

function deleteHanging(configuration: XmlElement, owner: XmlElement, notes: string[]): void {
  const parent = findParent(configuration, owner);
  if (parent === undefined) return;
  removeChild(parent, owner);
  notes.push(`hanging ${describeObject(owner)} deleted`);
}
