import type { XmlElement } from "../cib/index.js";
import { childElements, firstChild } from "../cib/index.js";
import type { AdminIssue } from "./change.js";
import { unknownName } from "./change.js";

/** Elements of the resources section that are resources (crm_resource's `--resource`). */
export const resourceTags: ReadonlySet<string> = new Set([
  "primitive",
  "group",
  "clone",
  "master",
  "bundle",
]);

const collectiveTags: ReadonlySet<string> = new Set(["clone", "master", "bundle"]);

/** A resource with its ancestors, outermost first (the resource itself last). */
export interface ResourcePath {
  readonly resource: XmlElement;
  readonly ancestors: readonly XmlElement[];
}

function resourcesSection(cib: XmlElement): XmlElement | undefined {
  const configuration = firstChild(cib, "configuration");
  return configuration === undefined ? undefined : firstChild(configuration, "resources");
}

/** Every resource of the configuration, outer ones before the ones they contain. */
export function allResources(cib: XmlElement): ResourcePath[] {
  const found: ResourcePath[] = [];
  const visit = (parent: XmlElement, ancestors: readonly XmlElement[]): void => {
    for (const child of childElements(parent)) {
      if (!resourceTags.has(child.name)) continue;
      found.push({ resource: child, ancestors });
      visit(child, [...ancestors, child]);
    }
  };
  const section = resourcesSection(cib);
  if (section !== undefined) visit(section, []);
  return found;
}

/** The resource `id` with its ancestors, or an issue naming the nearest resource id. */
export function findResource(cib: XmlElement, id: string): ResourcePath | AdminIssue {
  const all = allResources(cib);
  const found = all.find((path) => path.resource.attributes["id"] === id);
  if (found !== undefined) return found;
  const ids = all.map((path) => path.resource.attributes["id"] ?? "");
  return unknownName("unknown_resource", id, ids);
}

export function isCollective(resource: XmlElement): boolean {
  return collectiveTags.has(resource.name);
}

/** A promotable clone: `master`, or a clone with meta promotable=true. */
export function isPromotable(resource: XmlElement): boolean {
  if (resource.name === "master") return true;
  if (resource.name !== "clone") return false;
  return childElements(resource, "meta_attributes").some((set) =>
    childElements(set, "nvpair").some(
      (pair) => pair.attributes["name"] === "promotable" && pair.attributes["value"] === "true",
    ),
  );
}

/** The primitives in a resource (itself when it is one), in document order. */
export function primitivesOf(resource: XmlElement): XmlElement[] {
  if (resource.name === "primitive") return [resource];
  return childElements(resource).flatMap((child) =>
    resourceTags.has(child.name) ? primitivesOf(child) : [],
  );
}

/**
 * Where crmsh sets a meta attribute of `path` (set_deep_meta_attr): on a group's member itself,
 * otherwise on the outermost resource containing it (a clone rather than its primitive).
 */
export function metaTarget(path: ResourcePath): XmlElement {
  const parent = path.ancestors[path.ancestors.length - 1];
  if (path.resource.name === "primitive" && parent?.name === "group") return path.resource;
  return path.ancestors[0] ?? path.resource;
}
