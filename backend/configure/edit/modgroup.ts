import type { Result } from "../../base/index.js";
import { fail, issue, ok } from "../../base/index.js";
import type { XmlElement } from "../../cib/index.js";
import { cloneNode, ensureChild } from "../../cib/index.js";
import { noConfiguration } from "./delete.js";
import { childResources, configurationOf, objectsById, removeChild } from "./objects.js";
import type { EditCode, EditIssue, EditResult } from "./result.js";

export type GroupChange =
  | {
      readonly kind: "add";
      readonly resource: string;
      /** Where to insert: before or after a member; at the end when absent. */
      readonly position?: { readonly where: "before" | "after"; readonly member: string };
    }
  | { readonly kind: "remove"; readonly resource: string };

/**
 * crmsh's `modgroup GROUP add RSC [before|after MEMBER]` / `modgroup GROUP remove RSC`: moves a
 * top-level primitive into a group, or a member out to the top level (after the group's
 * holder). Refuses to empty a group, as crmsh does. Never mutates `cib`.
 */
export function modifyGroup(
  cib: XmlElement,
  group: string,
  change: GroupChange,
): Result<EditResult, EditCode> {
  const copy = cloneNode(cib);
  const configuration = configurationOf(copy);
  if (configuration === undefined) return fail([noConfiguration()]);
  const objects = objectsById(configuration);
  const target = objects.get(group);
  if (target?.element.name !== "group") {
    return fail([issue("not_a_group", `Cannot modify group "${group}": no such group`)]);
  }
  const resource = objects.get(change.resource);
  if (resource === undefined) {
    return fail([
      issue(
        "no_such_object",
        `Cannot modify group "${group}": no such resource "${change.resource}"`,
      ),
    ]);
  }
  const failure =
    change.kind === "add"
      ? addMember(target.element, resource.element, resource.parent, change.position)
      : removeMember(configuration, target.element, resource.element);
  return failure === undefined ? ok({ cib: copy, notes: [] }) : fail([failure]);
}

function addMember(
  group: XmlElement,
  resource: XmlElement,
  holder: XmlElement,
  position: { readonly where: "before" | "after"; readonly member: string } | undefined,
): EditIssue | undefined {
  const groupId = group.attributes["id"] ?? "";
  const resourceId = resource.attributes["id"] ?? "";
  if (resource.name !== "primitive") {
    return issue(
      "not_a_primitive",
      `Cannot add "${resourceId}" to group "${groupId}": only primitives can be grouped`,
    );
  }
  if (holder.name !== "resources") {
    return issue(
      "already_grouped",
      `Cannot add "${resourceId}" to group "${groupId}": it is already in "${holder.attributes["id"] ?? ""}"`,
    );
  }
  let index = group.children.length;
  if (position !== undefined) {
    const member = childResources(group).find(
      (child) => child.attributes["id"] === position.member,
    );
    if (member === undefined) {
      return issue(
        "not_in_group",
        `Cannot add "${resourceId}" to group "${groupId}": "${position.member}" is not a member`,
      );
    }
    index = group.children.indexOf(member) + (position.where === "after" ? 1 : 0);
  }
  removeChild(holder, resource);
  group.children.splice(index, 0, resource);
  return undefined;
}

function removeMember(
  configuration: XmlElement,
  group: XmlElement,
  resource: XmlElement,
): EditIssue | undefined {
  const groupId = group.attributes["id"] ?? "";
  const resourceId = resource.attributes["id"] ?? "";
  const members = childResources(group);
  if (!members.includes(resource)) {
    return issue(
      "not_in_group",
      `Cannot remove "${resourceId}" from group "${groupId}": it is not a member`,
    );
  }
  if (members.length === 1) {
    return issue(
      "last_in_group",
      `Cannot remove "${resourceId}" from group "${groupId}": it is the last member (delete the group instead)`,
    );
  }
  removeChild(group, resource);
  ensureChild(configuration, "resources").children.push(resource);
  return undefined;
}
