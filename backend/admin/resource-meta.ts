import type { Result } from "../base/index.js";
import { fail, issue } from "../base/index.js";
import type { XmlElement } from "../cib/index.js";
import { childElements } from "../cib/index.js";
import type { AdminChange, AdminCode } from "./change.js";
import { changeCopy } from "./change.js";
import { dropEmptySets, idsOf, nvpairsNamed, removeAttribute, setAttribute } from "./nvpairs.js";
import type { ResourcePath } from "./resources.js";
import { findResource, isPromotable, metaTarget, primitivesOf, resourceTags } from "./resources.js";

/** Meta attributes that cancel each other on one resource (crmsh asks before removing). */
const conflicting: Readonly<Record<string, string>> = {
  maintenance: "is-managed",
  "is-managed": "maintenance",
};

export interface DeepMetaOptions {
  /**
   * Remove the same (and the conflicting) attribute from members of a group, as crmsh does
   * when the person answers yes or `-F` is given (manage-children=ask); else members keep it.
   */
  readonly overrideChildren: boolean;
}

/** crmsh's rm_meta_attribute: the attribute leaves `node`'s children, recursing below clones. */
function removeFromChildren(node: XmlElement, name: string, intoGroups: boolean): void {
  for (const child of childElements(node)) {
    if (!resourceTags.has(child.name)) continue;
    removeAttribute(child, "meta_attributes", name);
    dropEmptySets(child, "meta_attributes");
    if (intoGroups || node.name !== "group") removeFromChildren(child, name, intoGroups);
  }
}

function holdsGroup(target: XmlElement): boolean {
  if (target.name === "group") return true;
  return target.name === "clone" && childElements(target, "group").length > 0;
}

/**
 * Sets a meta attribute as `crm resource start|stop|manage|unmanage|maintenance` do (crmsh's
 * set_deep_meta_attr): on the member of a group itself, else on the outermost resource; the
 * attribute is first cleared from a clone's children, and (with `overrideChildren`) from a
 * group's members together with the conflicting attribute.
 */
export function setDeepMeta(
  cib: XmlElement,
  request: { readonly resource: string; readonly name: string; readonly value: string },
  options: DeepMetaOptions,
): Result<AdminChange, AdminCode> {
  return changeCopy(cib, (copy) => {
    const path = findResource(copy, request.resource);
    if ("code" in path) return path;
    const target = metaTarget(path);
    if (target.name === "clone" || target.name === "master") {
      removeFromChildren(target, request.name, false);
    }
    if (options.overrideChildren && holdsGroup(target)) {
      const other = conflicting[request.name];
      if (other !== undefined) removeFromChildren(target, other, true);
      removeFromChildren(target, request.name, true);
    }
    dropEmptySets(target, "meta_attributes");
    const ids = idsOf(copy);
    setAttribute(
      target,
      {
        setName: "meta_attributes",
        choice: "first",
        defaultSetId: `${target.attributes["id"] ?? request.resource}-meta_attributes`,
        name: request.name,
        value: request.value,
      },
      ids,
    );
    return [];
  });
}

/** `crm resource start|stop RSC…`: target-role on each, in one change. */
export function setTargetRole(
  cib: XmlElement,
  resources: readonly string[],
  role: "Started" | "Stopped",
  options: DeepMetaOptions,
): Result<AdminChange, AdminCode> {
  let current = cib;
  for (const resource of resources) {
    const changed = setDeepMeta(current, { resource, name: "target-role", value: role }, options);
    if (!changed.ok) return changed;
    current = changed.value.cib;
  }
  return { ok: true, value: { cib: current, notes: [] }, issues: [] };
}

function promotableOf(path: ResourcePath): XmlElement | undefined {
  return [path.resource, ...path.ancestors].find(isPromotable);
}

/**
 * `crm resource promote|demote RSC`: crm_resource --meta sets target-role Promoted or
 * Unpromoted on the promotable clone named (crmsh refuses anything else).
 */
export function setPromotedRole(
  cib: XmlElement,
  resource: string,
  role: "Promoted" | "Unpromoted",
): Result<AdminChange, AdminCode> {
  const path = findResource(cib, resource);
  if ("code" in path) return fail([path]);
  if (promotableOf(path) === undefined || primitivesOf(path.resource).length === 0) {
    return fail([issue("not_promotable", `${resource} is not a promotable resource`)]);
  }
  return changeCopy(cib, (copy) => {
    const target = findResource(copy, resource);
    if ("code" in target) return target;
    const ids = idsOf(copy);
    const owner = target.resource;
    setAttribute(
      owner,
      {
        setName: "meta_attributes",
        choice: "named",
        defaultSetId: `${resource}-meta_attributes`,
        name: "target-role",
        value: role,
      },
      ids,
    );
    return [];
  });
}

/** The value of a meta attribute set directly on a resource (first one in document order). */
export function resourceMeta(resource: XmlElement, name: string): string | undefined {
  return nvpairsNamed(resource, "meta_attributes", name)[0]?.attributes["value"];
}
