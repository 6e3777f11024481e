/** The `<node_history>` and `<cluster_options>` parts of crm_mon's XML. */
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type { XmlElement } from "../../backend/cib/index.js";
import type { ClusterModel } from "../../daemons/scheduler/index.js";
import { collectBans } from "./bans.js";
import { formatCtime } from "./dates.js";
import { failCountOn, failNameOf, usesLegacyFailCounts } from "./fail-counts.js";
import { migrationThreshold } from "./node-sections.js";
import {
  historyEntries,
  resourceHistories,
  anonymousCloneMembers,
  shownId,
  type HistoryEntry,
} from "./operations.js";
import { ocfExitName } from "../../backend/ra/index.js";

function operationAttributes(entry: HistoryEntry): Record<string, string> {
  return {
    call: String(entry.callId),
    task: entry.task === "monitor" && entry.intervalMs === 0 ? "probe" : entry.task,
    rc: String(entry.rc),
    rc_text: ocfExitName(entry.rc),
    ...(entry.intervalMs > 0 ? { interval: `${entry.intervalMs}ms` } : {}),
    ...(entry.lastRcChange === undefined || entry.lastRcChange <= 0
      ? {}
      : { "last-rc-change": formatCtime(entry.lastRcChange) }),
    ...(entry.execMs === undefined ? {} : { "exec-time": `${entry.execMs}ms` }),
    ...(entry.queueMs === undefined ? {} : { "queue-time": `${entry.queueMs}ms` }),
  };
}

export function nodeHistoryXml(parent: XMLBuilder, cib: XmlElement, model: ClusterModel): void {
  const anonymous = anonymousCloneMembers(model);
  const legacy = usesLegacyFailCounts(cib);
  const histories = [...resourceHistories(cib)].filter(
    ([name]) => model.nodeByName.get(name)?.online === true,
  );
  // The list starts with the first online node in the status section, shown or not.
  if (histories.length === 0) return;
  const element = parent.ele("node_history");
  for (const [name, resources] of histories) {
    const node = model.nodeByName.get(name);
    if (node === undefined) continue;
    const shown = resources.filter((resource) => historyEntries(resource).length > 0);
    if (shown.length === 0) continue;
    const nodeElement = element.ele("node", { name });
    for (const resource of shown) {
      const entries = historyEntries(resource);
      const lrmId = resource.attributes["id"] ?? "";
      const id = shownId(lrmId, anonymous);
      const failure = failCountOn(node, failNameOf(lrmId, anonymous), legacy);
      // Pacemaker creates a resource for any history it unpacks (orphans too), so the
      // history always finds one.
      const history = nodeElement.ele("resource_history", {
        id,
        orphan: "false",
        "migration-threshold": migrationThreshold(model, id),
        ...(failure.failCount > 0 ? { "fail-count": String(failure.failCount) } : {}),
        ...(failure.lastFailure === undefined
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

/** `<bans>`: every node a location constraint gives a negative weight. */
export function bansXml(parent: XMLBuilder, model: ClusterModel): void {
  const bans = collectBans(model);
  if (bans.length === 0) return;
  const element = parent.ele("bans");
  for (const ban of bans) {
    const promotedOnly = String(ban.promotedOnly);
    element.ele("ban", {
      id: ban.id,
      resource: ban.resource,
      node: ban.node,
      weight: String(ban.weight),
      "promoted-only": promotedOnly,
      master_only: promotedOnly,
    });
  }
}
