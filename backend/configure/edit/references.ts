import type { XmlElement } from "../../cib/index.js";
import { descendants } from "../../cib/index.js";

/** One place in the configuration that names another object by id. */
export interface ReferenceSite {
  readonly element: XmlElement;
  readonly attribute: string;
  /** For lists (`devices="f1,f2"`), the position in the comma-separated list. */
  readonly listed: boolean;
}

/** Attributes that hold the id of another object, by element name. */
const referenceAttributes: Readonly<Record<string, readonly string[]>> = {
  rsc_location: ["rsc"],
  rsc_colocation: ["rsc", "with-rsc"],
  rsc_order: ["first", "then"],
  rsc_ticket: ["rsc"],
  resource_ref: ["id"],
  obj_ref: ["id"],
  primitive: ["template"],
  role: ["id"],
};
const listAttributes: Readonly<Record<string, string>> = { "fencing-level": "devices" };

/** Every site naming `id`, found in one walk of `root`. */
export function referencesTo(root: XmlElement, id: string): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const node of descendants(root)) {
    if (node.attributes["id-ref"] === id) {
      sites.push({ element: node, attribute: "id-ref", listed: false });
    }
    for (const attribute of referenceAttributes[node.name] ?? []) {
      if (attribute === "id" && !isReferenceElement(node)) continue;
      if (node.attributes[attribute] === id)
        sites.push({ element: node, attribute, listed: false });
    }
    const listAttribute = listAttributes[node.name];
    if (listAttribute !== undefined && splitList(node.attributes[listAttribute]).includes(id)) {
      sites.push({ element: node, attribute: listAttribute, listed: true });
    }
  }
  return sites;
}

function isReferenceElement(node: XmlElement): boolean {
  return node.name === "resource_ref" || node.name === "obj_ref" || node.name === "role";
}

export function splitList(value: string | undefined): string[] {
  if (value === undefined || value === "") return [];
  return value.split(",");
}

/** Points a site at `next`, or, with `next` undefined, takes `previous` out of a list. */
export function retarget(site: ReferenceSite, previous: string, next: string | undefined): void {
  const attributes = site.element.attributes;
  if (!site.listed) {
    if (next !== undefined) attributes[site.attribute] = next;
    return;
  }
  const items = splitList(attributes[site.attribute]);
  const updated =
    next === undefined
      ? items.filter((item) => item !== previous)
      : items.map((item) => (item === previous ? next : item));
  attributes[site.attribute] = updated.join(",");
}
