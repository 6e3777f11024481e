/** The `<resources>` part of crm_mon's XML: primitives, groups and clones with their flags. */
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type {
  CloneModel,
  ClusterModel,
  GroupModel,
  PrimitiveModel,
  ResourceModel,
} from "../../daemons/scheduler/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { childElements } from "../../backend/cib/index.js";
import { hasIgnoredFailure } from "../render/status/index.js";

function flag(value: boolean): string {
  return value ? "true" : "false";
}

/** crm_is_true(): the words Pacemaker takes for true. */
function isTrueWord(value: string | undefined): boolean {
  return ["true", "on", "yes", "y", "1"].includes(value?.toLowerCase() ?? "");
}

/**
 * A group or clone is managed unless is-managed is false, its maintenance meta attribute is
 * set, or the whole cluster is in maintenance mode.
 */
function isManagedCollection(resource: GroupModel | CloneModel, model: ClusterModel): boolean {
  const isManaged = resource.meta.get("is-managed");
  if (isManaged !== undefined && !isTrueWord(isManaged)) return false;
  if (isTrueWord(resource.meta.get("maintenance"))) return false;
  return !model.options.maintenanceMode;
}

/** A clone's target-role, or its first instance's (as Pacemaker's configured_role_str). */
function cloneTargetRole(clone: CloneModel): string | undefined {
  return clone.meta.get("target-role") ?? clone.instances[0]?.meta.get("target-role");
}

function agentOf(primitive: PrimitiveModel): string {
  const provider = primitive.provider === undefined ? "" : `${primitive.provider}:`;
  return `${primitive.className}:${provider}${primitive.type}`;
}

function primitiveXml(
  parent: XMLBuilder,
  primitive: PrimitiveModel,
  model: ClusterModel,
  unique: boolean,
  promotable: boolean,
): void {
  const active = primitive.activeOn.size > 0;
  const role = promotable && primitive.role === "Started" ? "Unpromoted" : primitive.role;
  const targetRole = primitive.meta.get("target-role");
  const element = parent.ele("resource", {
    id: unique ? primitive.id : primitive.baseId,
    resource_agent: agentOf(primitive),
    role,
    ...(targetRole === undefined ? {} : { target_role: targetRole }),
    active: flag(active),
    orphaned: flag(primitive.orphan),
    blocked: flag(primitive.blocked),
    managed: flag(primitive.managed),
    failed: flag(primitive.failed),
    failure_ignored: flag(hasIgnoredFailure(primitive)),
    nodes_running_on: String(primitive.activeOn.size),
  });
  for (const node of primitive.activeOn.keys()) {
    const known = model.nodeByName.get(node);
    element.ele("node", {
      name: node,
      id: known?.id ?? node,
      cached: flag(known?.online ?? false),
    });
  }
}

export function resourceXml(
  parent: XMLBuilder,
  resource: ResourceModel,
  model: ClusterModel,
  clone?: { readonly unique: boolean; readonly promotable: boolean },
): void {
  if (resource.kind === "primitive") {
    primitiveXml(parent, resource, model, clone?.unique ?? false, clone?.promotable ?? false);
    return;
  }
  const targetRole = resource.meta.get("target-role");
  const disabled = targetRole?.toLowerCase() === "stopped";
  const managed = flag(isManagedCollection(resource, model));
  if (resource.kind === "group") {
    const element = parent.ele("group", {
      id: resource.id,
      number_resources: String(resource.children.length),
      managed,
      disabled: flag(disabled),
    });
    for (const child of resource.children) resourceXml(element, child, model, clone);
    return;
  }
  const cloneRole = cloneTargetRole(resource);
  const element = parent.ele("clone", {
    id: resource.id,
    multi_state: flag(resource.promotable),
    unique: flag(resource.globallyUnique),
    managed,
    disabled: flag(disabled),
    failed: "false",
    failure_ignored: "false",
    ...(cloneRole === undefined ? {} : { target_role: cloneRole }),
  });
  for (const instance of resource.instances)
    resourceXml(element, instance, model, {
      unique: resource.globallyUnique,
      promotable: resource.promotable,
    });
  if (resource.instances.length === 0) placeholderInstanceXml(element, resource, managed);
}

function stoppedPrimitiveXml(parent: XMLBuilder, primitive: XmlElement, managed: string): void {
  const { id = "", class: className = "", provider, type = "" } = primitive.attributes;
  parent.ele("resource", {
    id,
    resource_agent: `${className}:${provider === undefined ? "" : `${provider}:`}${type}`,
    role: "Stopped",
    active: "false",
    orphaned: "false",
    blocked: "false",
    managed,
    failed: "false",
    failure_ignored: "false",
    nodes_running_on: "0",
  });
}

/**
 * A clone without instances (no nodes to run on): Pacemaker still creates instance 0 of its
 * child, stopped, and lists it.
 */
function placeholderInstanceXml(parent: XMLBuilder, clone: CloneModel, managed: string): void {
  const template = clone.template;
  if (template.name === "primitive") {
    stoppedPrimitiveXml(parent, template, managed);
    return;
  }
  if (template.name !== "group") return;
  const members = childElements(template, "primitive");
  const group = parent.ele("group", {
    id: `${template.attributes["id"] ?? ""}:0`,
    number_resources: String(members.length),
    managed,
    disabled: "false",
  });
  for (const member of members) stoppedPrimitiveXml(group, member, managed);
}
