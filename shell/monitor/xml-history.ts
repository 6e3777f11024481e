/** The `<node_history>` and `<cluster_options>` parts of crm_mon's XML. */
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type { XmlElement } from "../../backend/cib/index.js";
import type { ClusterModel } from "../../daemons/scheduler/index.js";
import { formatCtime } from "./dates.js";
import { migrationThreshold, nodeFailures } from "./node-sections.js";
import {
  historyEntries,
  resourceHistories,
  shownId,
  uniqueCloneMembers,
  type HistoryEntry,
} from "./operations.js";
import { agentResultName } from "./results.js";

function operationAttributes(entry: HistoryEntry): Record<string, string> {
  return {
    call: String(entry.callId),
    task: entry.task === "monitor" && entry.intervalMs === 0 ? "probe" : entry.task,
    rc: String(entry.rc),
    rc_text: agentResultName(entry.rc),
    ...(entry.intervalMs > 0 ? { interval: `${entry.intervalMs}ms` } : {}),
    ...(entry.lastRcChange === undefined
      ? {}
      : { "last-rc-change": formatCtime(entry.lastRcChange) }),
    ...(entry.execMs === undefined ? {} : { "exec-time": `${entry.execMs}ms` }),
    ...(entry.queueMs === undefined ? {} : { "queue-time": `${entry.queueMs}ms` }),
  };
}

/** Ids and base ids of every configured primitive (history of others is orphaned). */
function configuredIds(model: ClusterModel): Set<string> {
  const ids = new Set<string>();
  for (const resource of model.resourceById.values()) {
    ids.add(resource.id);
    if (resource.kind === "primitive") ids.add(resource.baseId);
  }
  return ids;
}

export function nodeHistoryXml(parent: XMLBuilder, cib: XmlElement, model: ClusterModel): void {
  const unique = uniqueCloneMembers(model);
  const configured = configuredIds(model);
  const element = parent.ele("node_history");
  for (const [name, resources] of resourceHistories(cib)) {
    const node = model.nodeByName.get(name);
    if (node === undefined || !node.online) continue;
    const failures = new Map(nodeFailures(node).map((failure) => [failure.resource, failure]));
    const shown = resources.filter((resource) => historyEntries(resource).length > 0);
    if (shown.length === 0) continue;
    const nodeElement = element.ele("node", { name });
    for (const resource of shown) {
      const entries = historyEntries(resource);
      const lrmId = resource.attributes["id"] ?? "";
      const id = shownId(lrmId, unique);
      const failure = failures.get(lrmId) ?? failures.get(id);
      const history = nodeElement.ele("resource_history", {
        id,
        orphan: String(!configured.has(lrmId) && !configured.has(id)),
        "migration-threshold": migrationThreshold(model, id.replace(/:\d+$/, "")),
        ...(failure === undefined ? {} : { "fail-count": String(failure.failCount) }),
        ...(failure?.lastFailure === undefined
          ? {}
          : { "last-failure": formatCtime(failure.lastFailure) }),
      });
      for (const entry of entries) history.ele("operation_history", operationAttributes(entry));
    }
  }
}

/** Milliseconds of a Pacemaker duration (`60s`, `2min`, `500ms`, bare seconds). */
function durationMs(text: string | undefined, fallback: number): number {
  const match = /^\s*(\d+)\s*(ms|msec|s|sec|m|min|h|hr)?\s*$/.exec(text ?? "");
  if (match === null) return fallback;
  const factors: Record<string, number> = {
    ms: 1,
    msec: 1,
    m: 60000,
    min: 60000,
    h: 3600000,
    hr: 3600000,
  };
  return Number(match[1]) * (factors[match[2] ?? "s"] ?? 1000);
}

export function clusterOptionsXml(parent: XMLBuilder, model: ClusterModel): void {
  const options = model.options;
  parent.ele("cluster_options", {
    "stonith-enabled": String(options.stonithEnabled),
    "symmetric-cluster": String(options.symmetricCluster),
    "no-quorum-policy": options.noQuorumPolicy,
    "maintenance-mode": String(options.maintenanceMode),
    "stop-all-resources": String(options.stopAllResources),
    "stonith-timeout-ms": String(durationMs(options.all.get("stonith-timeout"), 60000)),
    "priority-fencing-delay-ms": String(durationMs(options.all.get("priority-fencing-delay"), 0)),
  });
}

/** `<bans>`: node-based location constraints with a negative score, one per node. */
export function bansXml(parent: XMLBuilder, model: ClusterModel): void {
  const bans = model.locations.filter(
    (location) => location.score < 0 && location.node !== undefined && location.rules.length === 0,
  );
  if (bans.length === 0) return;
  const element = parent.ele("bans");
  for (const ban of bans) {
    const promotedOnly = String(ban.role === "Promoted");
    element.ele("ban", {
      id: ban.id,
      resource: ban.resourceId,
      node: ban.node ?? "",
      weight: String(Math.max(ban.score, -1000000)),
      "promoted-only": promotedOnly,
      master_only: promotedOnly,
    });
  }
}
