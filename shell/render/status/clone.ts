/**
 * A clone's status block, as Pacemaker's `pe__clone_default`: anonymous instances that
 * run cleanly on one node are collapsed into `Promoted: [ … ]`, `Started: [ … ]` /
 * `Unpromoted: [ … ]` lists; unique, failed, unmanaged, orphaned or partly active instances
 * get their own lines; nodes without an instance are listed as `Stopped: [ … ]`.
 */
import { ocfExitName } from "../../../backend/ra/index.js";
import type { StatusClone, StatusModel, StatusResource } from "./model.js";
import { compareNatural, sortNatural } from "./natural-order.js";
import {
  anyPrimitive,
  configuredRole,
  currentRole,
  failedProbe,
  isActive,
  isDisabled,
  isManaged,
  roleRank,
  runningOn,
  singleLocation,
} from "./resource-facts.js";
import type { ListItem } from "./tree.js";
import { listItem } from "./tree.js";

export interface ResourceRenderer {
  (resource: StatusResource, promotable: boolean): ListItem | undefined;
}

export interface StatusRenderOptions {
  readonly showInactive: boolean;
}

function cloneHeader(clone: StatusClone, model: StatusModel): string {
  const attributes: string[] = [];
  if (clone.promotable) attributes.push("promotable");
  if (clone.globallyUnique) attributes.push("unique");
  if (!isManaged(clone, model)) attributes.push("unmanaged");
  if (isDisabled(clone, clone.promotable)) attributes.push("disabled");
  const child = clone.template.attributes["id"] ?? "";
  const base = `Clone Set: ${clone.id} [${child}]`;
  return attributes.length === 0 ? base : `${base} (${attributes.join(", ")})`;
}

interface InstanceSort {
  readonly full: StatusResource[];
  readonly promoted: string[];
  readonly started: string[];
}

function needsOwnLine(instance: StatusResource, model: StatusModel): boolean {
  return (
    anyPrimitive(instance, (primitive) => primitive.orphan || primitive.failed) ||
    anyPrimitive(instance, (primitive) => !primitive.managed) ||
    !isManaged(instance, model)
  );
}

function sortInstances(clone: StatusClone, model: StatusModel): InstanceSort {
  const sorted: InstanceSort = { full: [], promoted: [], started: [] };
  for (const instance of clone.instances) {
    const partlyActive = isActive(instance, false);
    if (clone.globallyUnique) {
      sorted.full.push(instance);
    } else if (!partlyActive) {
      continue;
    } else if (needsOwnLine(instance, model) || !isActive(instance, true)) {
      sorted.full.push(instance);
    } else {
      const location = singleLocation(instance);
      const node = model.nodes.find((candidate) => candidate.name === location);
      if (location === undefined || (node !== undefined && !node.online && node.unclean)) {
        sorted.full.push(instance);
      } else if (roleRank(currentRole(instance)) > roleRank("Unpromoted")) {
        sorted.promoted.push(location);
      } else {
        sorted.started.push(location);
      }
    }
  }
  return sorted;
}

function allowedNodes(clone: StatusClone, model: StatusModel): string[] {
  if (model.options.symmetricCluster) return model.nodes.map((node) => node.name);
  const known = new Set<string>();
  for (const instance of clone.instances) {
    for (const node of runningOn(instance)) known.add(node);
    for (const probe of instanceHistoryNodes(instance)) known.add(probe);
  }
  return [...known];
}

function instanceHistoryNodes(instance: StatusResource): string[] {
  if (instance.kind === "primitive") return instance.history.map((operation) => operation.node);
  const children = instance.kind === "group" ? instance.children : instance.instances;
  return children.flatMap(instanceHistoryNodes);
}

function stoppedLines(clone: StatusClone, model: StatusModel): ListItem[] {
  const running = new Set(runningOn(clone));
  const byState = new Map<string, string[]>();
  const disabled = configuredRole(clone) === "Stopped";
  for (const node of allowedNodes(clone, model)) {
    if (running.has(node)) continue;
    const probe = failedProbe(clone, node, model.now);
    const state =
      probe !== undefined
        ? `Stopped (${ocfExitName(probe.rc)})`
        : disabled
          ? "Stopped (disabled)"
          : "Stopped";
    byState.set(state, [...(byState.get(state) ?? []), node]);
  }
  return [...byState.keys()]
    .sort()
    .map((state) => listItem(`${state}: [ ${sortNatural(byState.get(state) ?? []).join(" ")} ]`));
}

export function renderClone(
  clone: StatusClone,
  model: StatusModel,
  options: StatusRenderOptions,
  renderChild: ResourceRenderer,
): ListItem | undefined {
  const sorted = sortInstances(clone, model);
  const items: ListItem[] = [];
  for (const instance of sorted.full) {
    const item = renderChild(instance, clone.promotable);
    if (item !== undefined) items.push(item);
  }
  const promoted = [...sorted.promoted].sort(compareNatural);
  const started = [...sorted.started].sort(compareNatural);
  if (promoted.length > 0) items.push(listItem(`Promoted: [ ${promoted.join(" ")} ]`));
  if (started.length > 0) {
    const word = !clone.promotable
      ? "Started"
      : configuredRole(clone) === "Unpromoted"
        ? "Unpromoted (target-role)"
        : "Unpromoted";
    items.push(listItem(`${word}: [ ${started.join(" ")} ]`));
  }
  const active = promoted.length + started.length;
  if (options.showInactive && !clone.globallyUnique && clone.cloneMax > active) {
    items.push(...stoppedLines(clone, model));
  }
  if (items.length === 0 && !(options.showInactive && active === 0)) return undefined;
  return listItem(cloneHeader(clone, model), items);
}
