/**
 * crm_mon's "Cluster Summary": stack, DC, last update and change, and the numbers of nodes
 * and resource instances configured (with disabled and blocked ones).
 */
import type { XmlElement } from "../../backend/cib/index.js";
import { childElements } from "../../backend/cib/index.js";
import type {
  CloneModel,
  ClusterModel,
  PrimitiveModel,
  ResourceModel,
} from "../../daemons/scheduler/index.js";
import { formatCtime } from "./dates.js";

export interface ClusterSummary {
  readonly stack: string;
  readonly dc: { readonly name: string; readonly id: string; readonly version: string } | undefined;
  readonly withQuorum: boolean;
  readonly lastChange: {
    readonly time: string;
    readonly user: string;
    readonly client: string;
    readonly origin: string;
  };
  readonly nodesConfigured: number;
  readonly instances: number;
  readonly disabled: number;
  readonly blocked: number;
}

function isDisabled(primitive: PrimitiveModel, promotable: boolean): boolean {
  const target = primitive.meta.get("target-role")?.toLowerCase();
  return target === "stopped" || (promotable && (target === "unpromoted" || target === "slave"));
}

function countInstances(resource: ResourceModel, promotable: boolean, counts: number[]): void {
  if (resource.kind === "group") {
    for (const child of resource.children) countInstances(child, promotable, counts);
    return;
  }
  if (resource.kind === "clone") {
    for (const child of resource.instances) countInstances(child, resource.promotable, counts);
    // Without nodes Pacemaker still creates one instance (to attach orphans to) and counts it.
    if (resource.instances.length === 0) countTemplate(resource, counts);
    return;
  }
  if (resource.orphan && resource.role === "Stopped") return;
  counts[0] = (counts[0] ?? 0) + 1;
  if (isDisabled(resource, promotable)) counts[1] = (counts[1] ?? 0) + 1;
  if (resource.blocked) counts[2] = (counts[2] ?? 0) + 1;
}

/** A clone without instances counts as one instance of its configured child. */
function countTemplate(clone: CloneModel, counts: number[]): void {
  const primitives =
    clone.template.name === "group"
      ? childElements(clone.template, "primitive").length
      : clone.template.name === "primitive"
        ? 1
        : 0;
  counts[0] = (counts[0] ?? 0) + primitives;
}

export function clusterSummary(cib: XmlElement, model: ClusterModel): ClusterSummary {
  const counts = [0, 0, 0];
  for (const resource of model.resources) countInstances(resource, false, counts);
  const [instances = 0, disabled = 0, blocked = 0] = counts;
  const dcNode = model.nodes.find((node) => node.id === model.dcUuid);
  const attributes = cib.attributes;
  return {
    stack: model.options.all.get("cluster-infrastructure") ?? "unknown",
    dc:
      dcNode === undefined
        ? undefined
        : {
            name: dcNode.name,
            id: dcNode.id,
            version: model.options.all.get("dc-version") ?? "unknown",
          },
    withQuorum: model.haveQuorum,
    lastChange: {
      time: attributes["cib-last-written"] ?? "",
      user: attributes["update-user"] ?? "",
      client: attributes["update-client"] ?? "",
      origin: attributes["update-origin"] ?? "",
    },
    nodesConfigured: model.nodes.length,
    instances,
    disabled,
    blocked,
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function instancesText(summary: ClusterSummary): string {
  const base = `${plural(summary.instances, "resource instance")} configured`;
  const blocked = `${summary.blocked} BLOCKED from further action due to failure`;
  if (summary.disabled > 0 && summary.blocked > 0)
    return `${base} (${summary.disabled} DISABLED, ${blocked})`;
  if (summary.disabled > 0) return `${base} (${summary.disabled} DISABLED)`;
  if (summary.blocked > 0) return `${base} (${blocked})`;
  return base;
}

/** The summary's lines (list items, without bullets); `now` is the wall clock in seconds. */
export function summaryLines(summary: ClusterSummary, now: number): string[] {
  const { dc, lastChange } = summary;
  const quorum = summary.withQuorum ? "partition with quorum" : "partition WITHOUT quorum";
  const change = [
    lastChange.time,
    lastChange.user === "" ? "" : ` by ${lastChange.user}`,
    lastChange.client === "" ? "" : ` via ${lastChange.client}`,
    lastChange.origin === "" ? "" : ` on ${lastChange.origin}`,
  ].join("");
  return [
    `Stack: ${summary.stack}`,
    dc === undefined
      ? "Current DC: NONE"
      : `Current DC: ${dc.name} (version ${dc.version}) - ${quorum}`,
    `Last updated: ${formatCtime(now)}`,
    `Last change:  ${change}`,
    `${plural(summary.nodesConfigured, "node")} configured`,
    instancesText(summary),
  ];
}
