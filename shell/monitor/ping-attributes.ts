/**
 * The connectivity a ping resource promises for its node attribute: crm_mon compares a node's
 * `pingd` (or the resource's `name`) with host_list's length × multiplier (`expected` in XML,
 * "Connectivity is lost/degraded" in text).
 */
import type {
  ClusterModel,
  NodeModel,
  PrimitiveModel,
  ResourceModel,
} from "../../daemons/scheduler/index.js";

function runningPrimitives(resources: readonly ResourceModel[], node: string): PrimitiveModel[] {
  const found: PrimitiveModel[] = [];
  const visit = (resource: ResourceModel): void => {
    if (resource.kind === "group") resource.children.forEach(visit);
    else if (resource.kind === "clone") resource.instances.forEach(visit);
    else if (resource.activeOn.has(node)) found.push(resource);
  };
  resources.forEach(visit);
  return found;
}

function leadingInteger(text: string | undefined): number | undefined {
  const match = /^\s*[-+]?\d+/.exec(text ?? "");
  return match === null ? undefined : Number(match[0]);
}

/** The expected value of `attribute` on `node`, when a ping resource running there sets it. */
export function pingExpectation(
  model: ClusterModel,
  node: NodeModel,
  attribute: string,
): number | undefined {
  for (const primitive of runningPrimitives(model.resources, node.name)) {
    const type = primitive.type.toLowerCase();
    if (type !== "ping" && type !== "pingd") continue;
    const name = primitive.instance.get("name") ?? "pingd";
    if (name.toLowerCase() !== attribute.toLowerCase()) continue;
    const hosts = primitive.instance.get("host_list");
    const hostCount = hosts === undefined || hosts === "" ? 0 : hosts.split(" ").length;
    return hostCount * (leadingInteger(primitive.instance.get("multiplier")) ?? 1);
  }
  return undefined;
}
