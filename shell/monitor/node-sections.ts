/**
 * crm_mon's per-node sections built on the unpacked model: "Node Attributes" (-A) and
 * "Migration Summary" (-f, fail counts from the transient attributes).
 */
import type { ClusterModel, NodeModel } from "../../daemons/scheduler/index.js";
import type { ListItem } from "../render/status/index.js";
import { compareNatural, listItem } from "../render/status/index.js";
import { formatCtime } from "./dates.js";

const hiddenAttributes = new Set(["shutdown", "terminate", "standby"]);

function isShownAttribute(name: string): boolean {
  return (
    !name.startsWith("#") &&
    !name.startsWith("fail-count-") &&
    !name.startsWith("last-failure-") &&
    !hiddenAttributes.has(name)
  );
}

/** The attributes crm_mon -A lists for a node, sorted by name. */
export function shownAttributes(node: NodeModel): [string, string][] {
  return [...node.attributes]
    .filter(([name]) => isShownAttribute(name))
    .sort(([a], [b]) => compareNatural(a, b));
}

export function nodeAttributesSection(model: ClusterModel): ListItem | undefined {
  const items: ListItem[] = [];
  for (const node of model.nodes) {
    if (!node.online) continue;
    const lines = shownAttributes(node).map(([name, value]) =>
      listItem(`${name.padEnd(32)}\t: ${value.padEnd(10)}`),
    );
    if (lines.length > 0) items.push(listItem(`Node: ${node.name}`, lines));
  }
  return items.length === 0 ? undefined : listItem("Node Attributes", items);
}

export interface NodeFailure {
  readonly resource: string;
  readonly failCount: number;
  readonly lastFailure: number | undefined;
}

/** `fail-count-RSC#TASK_INTERVAL` (or the older `fail-count-RSC`) → RSC. */
function resourceOfAttribute(name: string, prefix: string): string | undefined {
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  const hash = rest.indexOf("#");
  return hash === -1 ? rest : rest.slice(0, hash);
}

function addCount(total: number, text: string): number {
  const value = /^(\+|-)?(inf|infinity)$/i.test(text) ? 1000000 : Number(text);
  return Number.isFinite(value) ? Math.min(1000000, total + value) : total;
}

/** Fail counts per resource on a node, in attribute order. */
export function nodeFailures(node: NodeModel): NodeFailure[] {
  const counts = new Map<string, { failCount: number; lastFailure: number | undefined }>();
  for (const [name, value] of node.attributes) {
    const counted = resourceOfAttribute(name, "fail-count-");
    if (counted !== undefined) {
      const entry = counts.get(counted) ?? { failCount: 0, lastFailure: undefined };
      counts.set(counted, { ...entry, failCount: addCount(entry.failCount, value) });
    }
    const failed = resourceOfAttribute(name, "last-failure-");
    if (failed !== undefined && /^\d+$/.test(value)) {
      const entry = counts.get(failed) ?? { failCount: 0, lastFailure: undefined };
      const latest = Math.max(entry.lastFailure ?? 0, Number(value));
      counts.set(failed, { ...entry, lastFailure: latest });
    }
  }
  return [...counts]
    .filter(([, entry]) => entry.failCount > 0)
    .map(([resource, entry]) => ({ resource, ...entry }));
}

export function migrationThreshold(model: ClusterModel, resourceId: string): string {
  const resource = model.resourceById.get(resourceId);
  return (
    resource?.meta.get("migration-threshold") ??
    model.rscDefaults.get("migration-threshold") ??
    "1000000"
  );
}

export function migrationSummarySection(model: ClusterModel): ListItem {
  const items: ListItem[] = [];
  for (const node of model.nodes) {
    const failures = nodeFailures(node);
    if (failures.length === 0) continue;
    const lines = failures.map((failure) => {
      const last =
        failure.lastFailure === undefined
          ? ""
          : ` last-failure='${formatCtime(failure.lastFailure)}'`;
      const threshold = migrationThreshold(model, failure.resource);
      return listItem(
        `${failure.resource}: migration-threshold=${threshold} fail-count=${failure.failCount}${last}`,
      );
    });
    items.push(listItem(`Node: ${node.name}`, lines));
  }
  return listItem("Migration Summary", items);
}
