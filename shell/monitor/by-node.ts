/**
 * crm_mon -n: the node list with each node's active resources, and (with -r) the resources
 * that are not fully active under "Inactive Resources".
 */
import type { ClusterModel, PrimitiveModel, ResourceModel } from "../../daemons/scheduler/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { childElements } from "../../backend/cib/index.js";
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

function callIdOf(op: XmlElement): number {
  const value = Number(op.attributes["call-id"] ?? "");
  return Number.isInteger(value) ? value : -1;
}

/** A history whose latest result leaves the resource running there. */
function looksActive(resource: XmlElement): boolean {
  const ops = childElements(resource, "lrm_rsc_op")
    .filter((op) => op.attributes["operation"] !== "notify")
    .sort((a, b) => callIdOf(a) - callIdOf(b));
  const last = ops.at(-1);
  if (last === undefined) return false;
  const task = last.attributes["operation"];
  if (task === "stop") return false;
  if (task !== "monitor") return true;
  const rc = last.attributes["rc-code"];
  return rc === "0" || rc === "8";
}

/**
 * Position of a primitive in a node's recorded history: Pacemaker lists a node's resources in
 * the order it found them running there, so the first history of the resource (an anonymous
 * clone instance: of any instance) that leaves it running; else any history of it.
 */
function historyRank(history: readonly XmlElement[]): (entry: Placed) => number {
  const positions = new Map(history.map((resource, index) => [resource.attributes["id"], index]));
  const active = history.map(looksActive);
  return (entry) => {
    const { primitive } = entry;
    const anonymous = entry.shownId === primitive.baseId;
    const running = history.findIndex((resource, index) => {
      const id = resource.attributes["id"] ?? "";
      const named = id === primitive.id || id === primitive.historyName;
      const sameBase = anonymous && id.replace(/:\d+$/, "") === primitive.baseId;
      return active[index] === true && (named || sameBase);
    });
    if (running >= 0) return running;
    return (
      positions.get(primitive.historyName ?? primitive.id) ??
      positions.get(primitive.id) ??
      positions.get(primitive.baseId) ??
      history.length
    );
  };
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
