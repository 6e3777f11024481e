/**
 * crm_mon's per-node sections built on the unpacked model: "Node Attributes" (-A) and
 * "Migration Summary" (-f, fail counts from the transient attributes).
 */
import type { ClusterModel, NodeModel } from "../../daemons/scheduler/index.js";
import type { ListItem } from "../render/status/index.js";
import { listItem } from "../render/status/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { failCountOn, failNameOf, usesLegacyFailCounts } from "./fail-counts.js";
import { anonymousCloneMembers, failureText, resourceHistories } from "./operations.js";
import { pingExpectation } from "./ping-attributes.js";

/** crm_mon never lists attributes whose names start with these. */
const hiddenPrefixes = ["fail-count-", "last-failure-", "shutdown", "terminate", "standby", "#"];

function isShownAttribute(name: string): boolean {
  return !hiddenPrefixes.some((prefix) => name.startsWith(prefix));
}

/** Byte order, as strcmp() sorts (upper case before lower case). */
function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The attributes crm_mon -A lists for a node, sorted by name. */
export function shownAttributes(node: NodeModel): [string, string][] {
  return [...node.attributes]
    .filter(([name]) => isShownAttribute(name))
    .sort(([a], [b]) => compareBytes(a, b));
}

/** Pacemaker's `%-32s\t: %-10s`, with the connectivity note for a ping resource's attribute. */
function attributeLine(model: ClusterModel, node: NodeModel, name: string, value: string): string {
  const line = `${name.padEnd(32)}\t: ${value.padEnd(10)}`;
  const expected = pingExpectation(model, node, name);
  if (expected === undefined) return line;
  const parsed = /^\s*[-+]?\d+/.exec(value);
  const current = parsed === null ? 0 : Number(parsed[0]);
  if (current <= 0) return `${line}\t: Connectivity is lost`;
  if (current < expected) return `${line}\t: Connectivity is degraded (Expected=${expected})`;
  return line;
}

export function nodeAttributesSection(model: ClusterModel): ListItem | undefined {
  const items: ListItem[] = [];
  for (const node of model.nodes) {
    if (!node.online) continue;
    const lines = shownAttributes(node).map(([name, value]) =>
      listItem(attributeLine(model, node, name, value)),
    );
    if (lines.length > 0) items.push(listItem(`Node: ${node.name}`, lines));
  }
  return items.length === 0 ? undefined : listItem("Node Attributes", items);
}

/** Pacemaker's char2score: ±INFINITY words, else the leading integer, clamped. */
function scoreText(text: string): string {
  const word = text.trim().toUpperCase();
  if (word === "INFINITY" || word === "+INFINITY") return "1000000";
  if (word === "-INFINITY") return "-1000000";
  const match = /^[-+]?\d+/.exec(text.trim());
  return match === null ? "0" : String(Math.max(-1000000, Math.min(1000000, Number(match[0]))));
}

/**
 * The migration-threshold of the resource a history id names: the instance itself, else an
 * anonymous clone's first instance (it inherits the clone's meta attributes), else the
 * configured primitive.
 */
export function migrationThreshold(model: ClusterModel, historyId: string): string {
  const base = historyId.replace(/:\d+$/, "");
  const resource =
    model.resourceById.get(historyId) ??
    model.resourceById.get(`${base}:0`) ??
    model.resourceById.get(base);
  const value =
    resource?.meta.get("migration-threshold") ?? model.rscDefaults.get("migration-threshold");
  return value === undefined ? "1000000" : scoreText(value);
}

/**
 * "Migration Summary" (-f): for each online node of the status section, in its order, the
 * histories whose resource has failed there; the heading shows once any online node is found.
 */
export function migrationSummarySection(
  cib: XmlElement,
  model: ClusterModel,
): ListItem | undefined {
  const anonymous = anonymousCloneMembers(model);
  const legacy = usesLegacyFailCounts(cib);
  const items: ListItem[] = [];
  let anyOnline = false;
  for (const [name, resources] of resourceHistories(cib)) {
    const node = model.nodeByName.get(name);
    if (node === undefined || !node.online) continue;
    anyOnline = true;
    const lines: ListItem[] = [];
    for (const resource of resources) {
      const lrmId = resource.attributes["id"] ?? "";
      const failure = failCountOn(node, failNameOf(lrmId, anonymous), legacy);
      if (failure.failCount <= 0) continue;
      const threshold = migrationThreshold(model, lrmId);
      lines.push(listItem(`${lrmId}: migration-threshold=${threshold}${failureText(failure)}`));
    }
    if (lines.length > 0) items.push(listItem(`Node: ${node.name}`, lines));
  }
  return anyOnline ? listItem("Migration Summary", items) : undefined;
}
