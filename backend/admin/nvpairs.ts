import type { XmlElement } from "../cib/index.js";
import { childElements, descendants, element } from "../cib/index.js";

/** Every id in the document: new ids are checked against it, as crmsh's id manager does. */
export function idsOf(cib: XmlElement): Set<string> {
  const ids = new Set<string>();
  for (const node of descendants(cib)) {
    const id = node.attributes["id"];
    if (id !== undefined) ids.add(id);
  }
  return ids;
}

/** `base` when free, else crmsh's `base-0`, `base-1`… (idmgmt's free-id rule); records it. */
export function freeId(ids: Set<string>, base: string): string {
  let candidate = base;
  for (let count = 0; ids.has(candidate); count++) candidate = `${base}-${count}`;
  ids.add(candidate);
  return candidate;
}

/** The nvpairs named `name` in the owner's sets of kind `setName`, in document order. */
export function nvpairsNamed(owner: XmlElement, setName: string, name: string): XmlElement[] {
  return childElements(owner, setName).flatMap((set) =>
    childElements(set, "nvpair").filter((pair) => pair.attributes["name"] === name),
  );
}

/** Appends a new set `<setName id=…>` as the owner's last child (as both tools do). */
export function appendSet(owner: XmlElement, setName: string, id: string): XmlElement {
  const created = element(setName, { id });
  owner.children.push(created);
  return created;
}

/**
 * The set a new nvpair goes into. crmsh takes the owner's first set of that kind; Pacemaker's
 * tools (crm_resource, crm_attribute) take the set with their default id, creating it when
 * missing even beside other sets.
 */
export type SetChoice = "first" | "named";

function chooseSet(
  owner: XmlElement,
  options: { readonly setName: string; readonly defaultSetId: string; readonly choice: SetChoice },
  ids: Set<string>,
): XmlElement {
  const sets = childElements(owner, options.setName);
  const found =
    options.choice === "first"
      ? sets[0]
      : sets.find((set) => set.attributes["id"] === options.defaultSetId);
  return found ?? appendSet(owner, options.setName, freeId(ids, options.defaultSetId));
}

/** Adds `<nvpair id name value>` (crm_resource's and crmsh's attribute order) to a set. */
export function addNvpair(
  set: XmlElement,
  pair: { readonly name: string; readonly value: string },
  ids: Set<string>,
): XmlElement {
  const id = freeId(ids, `${set.attributes["id"] ?? "nvpair"}-${pair.name}`);
  const created = element("nvpair", { id, name: pair.name, value: pair.value });
  set.children.push(created);
  return created;
}

/**
 * Sets `name` in the owner's sets of kind `setName`: every existing nvpair of that name gets the
 * value; otherwise one is added to the set `choice` picks (created as `defaultSetId` when
 * missing). Returns the nvpair written first.
 */
export function setAttribute(
  owner: XmlElement,
  options: {
    readonly setName: string;
    readonly defaultSetId: string;
    readonly name: string;
    readonly value: string;
    readonly choice: SetChoice;
  },
  ids: Set<string>,
): XmlElement {
  const existing = nvpairsNamed(owner, options.setName, options.name);
  for (const pair of existing) pair.attributes["value"] = options.value;
  const first = existing[0];
  if (first !== undefined) return first;
  return addNvpair(chooseSet(owner, options, ids), options, ids);
}

/** Removes the nvpairs named `name` from the owner's sets; returns the removed pairs. */
export function removeAttribute(owner: XmlElement, setName: string, name: string): XmlElement[] {
  const removed: XmlElement[] = [];
  for (const set of childElements(owner, setName)) {
    set.children = set.children.filter((child) => {
      const match = child.kind === "element" && child.name === "nvpair";
      if (match && child.attributes["name"] === name) removed.push(child);
      return !(match && child.attributes["name"] === name);
    });
  }
  return removed;
}

/** Drops the owner's sets of that kind left without any child (crmsh's empty-set cleanup). */
export function dropEmptySets(owner: XmlElement, setName: string): void {
  owner.children = owner.children.filter(
    (child) => !(child.kind === "element" && child.name === setName && child.children.length === 0),
  );
}
