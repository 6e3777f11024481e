/**
 * Fail counts as Pacemaker keeps them: `fail-count-RSC#OP_INTERVAL` (INFINITY for a failed
 * start while start-failure-is-fatal) and `last-failure-RSC#OP_INTERVAL` (epoch seconds).
 */
import type { XmlElement } from "../../backend/cib/index.js";
import { childElements, firstChild } from "../../backend/cib/index.js";
import type { OpRecord } from "./core-types.js";
import { transientAttributes } from "./status.js";

const infinity = 1_000_000;

function startFailureIsFatal(cib: XmlElement): boolean {
  const configuration = firstChild(cib, "configuration");
  const crmConfig =
    configuration === undefined ? undefined : firstChild(configuration, "crm_config");
  for (const set of crmConfig === undefined
    ? []
    : childElements(crmConfig, "cluster_property_set")) {
    for (const pair of childElements(set, "nvpair")) {
      if (pair.attributes["name"] === "start-failure-is-fatal") {
        return !/^(false|no|off|0|n)$/i.test(pair.attributes["value"] ?? "");
      }
    }
  }
  return true;
}

/** The attributes a failed result sets, or undefined when the records hold no failure. */
export function recordsFailCount(
  cib: XmlElement,
  failure: {
    readonly nodeId: string;
    readonly records: readonly OpRecord[];
    readonly nowMs: number;
  },
): Record<string, string> | undefined {
  const record =
    failure.records.find((entry) => entry["id"]?.endsWith("_last_failure_0") === true) ??
    failure.records[0];
  const key = record?.["operation_key"];
  const operation = record?.["operation"];
  if (record === undefined || key === undefined || operation === undefined) return undefined;
  const suffix = `${operation}_${record["interval"] ?? "0"}`;
  const resource = key.slice(0, key.length - suffix.length - 1);
  const name = `${resource}#${suffix}`;
  const currentText = transientAttributes(cib, failure.nodeId).get(`fail-count-${name}`) ?? "0";
  const current = /^\+?INFINITY$/i.test(currentText) ? infinity : Number(currentText);
  const count =
    operation === "start" && startFailureIsFatal(cib)
      ? infinity
      : Math.min(infinity, (Number.isFinite(current) ? current : 0) + 1);
  return {
    [`fail-count-${name}`]: count >= infinity ? "INFINITY" : String(count),
    [`last-failure-${name}`]: String(Math.floor(failure.nowMs / 1000)),
  };
}
