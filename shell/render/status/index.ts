/**
 * Cluster status as text in crm_mon's layout (Pacemaker 2.1): the node list and the resource
 * list, a pure function of the unpacked cluster model. crm_simulate nests the sections under
 * "Current cluster status" / "Revised Cluster Status"; crm_mon prints them at top level after
 * its "Cluster Summary".
 */
import type { StatusModel } from "./model.js";
import type { StatusRenderOptions } from "./clone.js";
import { renderNodeList } from "./nodes.js";
import { renderResourceList } from "./resources.js";
import type { ListItem } from "./tree.js";
import { listItem, renderTree } from "./tree.js";

export type {
  StatusModel,
  StatusNode,
  StatusResource,
  StatusPrimitive,
  StatusGroup,
  StatusClone,
  StatusRole,
  StatusOperation,
} from "./model.js";
export type { ListItem } from "./tree.js";
export type { StatusRenderOptions } from "./clone.js";
export { listItem, renderPlain, renderTree } from "./tree.js";
export { compareNatural, sortNatural } from "./natural-order.js";
export { nodeStateText } from "./nodes.js";
export { hasIgnoredFailure } from "./resource-facts.js";
export { resourcesByPriority } from "./resources.js";
export { primitiveLine, type PrimitiveContext } from "./primitive.js";

export interface StatusSectionOptions extends StatusRenderOptions {
  /** crm_mon's `-r` heading is "Full List of Resources"; without it "Active Resources". */
  readonly resourcesTitle?: string;
}

/** The "Node List" and resource sections, each a list with its items. */
export function statusSections(model: StatusModel, options: StatusSectionOptions): ListItem[] {
  const sections: ListItem[] = [];
  const nodes = renderNodeList(model);
  if (nodes.length > 0) sections.push(listItem("Node List", nodes));
  const title =
    options.resourcesTitle ??
    (options.showInactive ? "Full List of Resources" : "Active Resources");
  const resources = renderResourceList(model, options);
  const empty = options.showInactive ? "No resources" : "No active resources";
  const items = resources.length > 0 ? resources : [listItem(empty)];
  sections.push({ ...listItem(title, items), spacer: sections.length > 0 });
  return sections;
}

/** crm_simulate's status block: `TITLE:` then the sections nested one level. */
export function clusterStatusList(model: StatusModel, title: string): ListItem {
  return listItem(title, statusSections(model, { showInactive: true }));
}

export function renderClusterStatus(model: StatusModel, title: string): string[] {
  return renderTree(clusterStatusList(model, title));
}
