/**
 * crm_mon -n: the node list with each node's active resources, and (with -r) the resources
 * that are not fully active under "Inactive Resources".
 */
import type { ClusterModel, PrimitiveModel, ResourceModel } from "../../daemons/scheduler/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import type { ListItem } from "../render/status/index.js";
import { listItem, nodeStateText, primitiveLine, statusSections } from "../render/status/index.js";
import { resourceHistories } from "./operations.js";

interface Placed {
  readonly primitive: PrimitiveModel;
  readonly shownId: string;
  readonly promotable: boolean;
}

function placedPrimitives(resource: ResourceModel, unique = false, promotable = false): Placed[] {
  if (resource.kind === "primitive") {
    return [{ primitive: resource, shownId: unique ? resource.id : resource.baseId, promotable }];
  }
  if (resource.kind === "group") {
    return resource.children.flatMap((child) => placedPrimitives(child, unique, promotable));
  }
  return resource.instances.flatMap((child) =>
    placedPrimitives(child, resource.globallyUnique, resource.promotable),
  );
}

/** Position of a primitive in a node's recorded history (the order Pacemaker found it). */
function historyRank(history: readonly XmlElement[]): (entry: Placed) => number {
  const positions = new Map(history.map((resource, index) => [resource.attributes["id"], index]));
  return (entry) =>
    positions.get(entry.primitive.historyName ?? entry.primitive.id) ??
    positions.get(entry.primitive.id) ??
    positions.get(entry.primitive.baseId) ??
    history.length;
}

/** The node list with each node's resources (-n); nothing at all without nodes. */
export function nodesWithResources(cib: XmlElement, model: ClusterModel): ListItem | undefined {
  if (model.nodes.length === 0) return undefined;
  const placed = model.resources.flatMap((resource) => placedPrimitives(resource));
  const histories = resourceHistories(cib);
  const items = model.nodes.map((node) => {
    const rank = historyRank(histories.get(node.name) ?? []);
    const here = placed
      .filter((entry) => entry.primitive.activeOn.has(node.name))
      .map((entry, index) => ({ entry, index, position: rank(entry) }))
      .sort((a, b) => a.position - b.position || a.index - b.index)
      .map(({ entry }) => entry);
    const lines = here.map((entry) =>
      listItem(
        primitiveLine(entry.primitive, {
          model,
          promotable: entry.promotable,
          name: entry.shownId,
          resourceOnly: true,
        }),
      ),
    );
    const kind = node.type === "remote" ? "RemoteNode" : "Node";
    const state = nodeStateText(node, here.length > 0);
    return listItem(`${kind} ${node.name}: ${state}`, [listItem("Resources", lines)]);
  });
  return listItem("Node List", items);
}

function hasInactivePart(resource: ResourceModel): boolean {
  // A clone without instances still has Pacemaker's stopped instance 0.
  if (resource.kind === "clone" && resource.instances.length === 0) return true;
  return placedPrimitives(resource).some((entry) => entry.primitive.activeOn.size === 0);
}

export function inactiveResources(model: ClusterModel): ListItem {
  const resources = model.resources.filter(hasInactivePart);
  const title = "Inactive Resources";
  if (resources.length === 0) return listItem(title, [listItem("No inactive resources")]);
  const sections = statusSections({ ...model, resources }, { showInactive: true });
  const last = sections[sections.length - 1];
  return listItem(title, last?.children ?? []);
}
