/**
 * The resource list (`Full List of Resources` / `Active Resources`), as Pacemaker's
 * `resource_list`: top-level resources by priority (stable), inactive orphans skipped,
 * groups as `Resource Group: id` with their members, clones as in clone.ts.
 */
import type { StatusGroup, StatusModel, StatusResource } from "./model.js";
import type { StatusRenderOptions } from "./clone.js";
import { renderClone } from "./clone.js";
import { primitiveLine } from "./primitive.js";
import { anyPrimitive, isActive, isDisabled, isManaged } from "./resource-facts.js";
import type { ListItem } from "./tree.js";
import { listItem } from "./tree.js";

function priorityOf(resource: { readonly meta: ReadonlyMap<string, string> }): number {
  const value = Number.parseInt(resource.meta.get("priority") ?? "0", 10);
  return Number.isNaN(value) ? 0 : value;
}

/** Top-level resources sorted by priority, highest first, keeping configuration order. */
export function resourcesByPriority<Resource extends StatusResource>(
  resources: readonly Resource[],
): Resource[] {
  return resources
    .map((resource, index) => ({ resource, index, priority: priorityOf(resource) }))
    .sort((a, b) => b.priority - a.priority || a.index - b.index)
    .map((entry) => entry.resource);
}

function groupHeader(
  group: StatusGroup,
  model: StatusModel,
  promotable: boolean,
  options: StatusRenderOptions,
): string {
  const attributes: string[] = [];
  const inactive = group.children.filter((child) => !isActive(child, false)).length;
  const partly = !isActive(group, true) && isActive(group, false);
  if (partly && inactive > 0 && !options.showInactive) {
    attributes.push(`${inactive} member${inactive === 1 ? "" : "s"} inactive`);
  }
  if (!isManaged(group, model)) attributes.push("unmanaged");
  if (isDisabled(group, promotable)) attributes.push("disabled");
  const base = `Resource Group: ${group.id}`;
  return attributes.length === 0 ? base : `${base} (${attributes.join(", ")})`;
}

/** Renders any resource; `uniqueClone` decides whether instance ids keep their suffix. */
function renderResource(
  resource: StatusResource,
  model: StatusModel,
  options: StatusRenderOptions,
  within: { readonly promotable: boolean; readonly uniqueClone: boolean },
): ListItem | undefined {
  switch (resource.kind) {
    case "primitive": {
      const name = within.uniqueClone ? resource.id : resource.baseId;
      return listItem(primitiveLine(resource, { model, promotable: within.promotable, name }));
    }
    case "group": {
      const children = resource.children
        .filter((child) => options.showInactive || isActive(child, false))
        .map((child) => renderResource(child, model, options, within))
        .filter((item): item is ListItem => item !== undefined);
      if (children.length === 0) return undefined;
      return listItem(groupHeader(resource, model, within.promotable, options), children);
    }
    case "clone":
      return renderClone(resource, model, options, (instance, promotable) =>
        renderResource(instance, model, options, {
          promotable,
          uniqueClone: resource.globallyUnique,
        }),
      );
  }
}

export function renderResourceList(model: StatusModel, options: StatusRenderOptions): ListItem[] {
  const items: ListItem[] = [];
  for (const resource of resourcesByPriority(model.resources)) {
    const partlyActive = isActive(resource, false);
    const orphan = anyPrimitive(resource, (primitive) => primitive.orphan);
    if (orphan && resource.kind === "primitive" && !partlyActive) continue;
    if (!partlyActive && !options.showInactive) continue;
    const item = renderResource(resource, model, options, {
      promotable: false,
      uniqueClone: false,
    });
    if (item !== undefined) items.push(item);
  }
  return items;
}
