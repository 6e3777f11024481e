/**
 * What a failed result sets on its node through attrd, as Pacemaker's controller does
 * (update_failcount): `fail-count-RSC#OP_INTERVAL` incremented (`value++`, expanded by attrd in
 * agreed order) or INFINITY for a failed start while start-failure-is-fatal, and
 * `last-failure-RSC#OP_INTERVAL` set to the time of the failure (epoch seconds).
 */
import type { XmlElement } from "../../backend/cib/index.js";
import { childElements, firstChild } from "../../backend/cib/index.js";
import type { OpRecord } from "./core-types.js";
import { isFailureRecord } from "./history.js";

/** One attribute of a node through attrd (null deletes; `value++` increments). */
export interface AttributeValue {
  readonly name: string;
  readonly value: string | null;
}

export function clusterProperty(cib: XmlElement, name: string): string | undefined {
  const configuration = firstChild(cib, "configuration");
  const crmConfig =
    configuration === undefined ? undefined : firstChild(configuration, "crm_config");
  for (const set of crmConfig === undefined
    ? []
    : childElements(crmConfig, "cluster_property_set")) {
    for (const pair of childElements(set, "nvpair")) {
      if (pair.attributes["name"] === name) return pair.attributes["value"];
    }
  }
  return undefined;
}

function startFailureIsFatal(cib: XmlElement): boolean {
  const value = clusterProperty(cib, "start-failure-is-fatal");
  return value === undefined || !/^(false|no|off|0|n)$/i.test(value);
}

/**
 * update_failcount's value: recurring operations, promote and demote count one more; a failed
 * start counts INFINITY while start-failure-is-fatal (failed-start-offset), a failed stop always
 * (failed-stop-offset); probes and other one-shot operations count nothing.
 */
function failCountValue(cib: XmlElement, operation: string, interval: string): string | undefined {
  if (interval !== "0" || operation === "promote" || operation === "demote") return "value++";
  if (operation === "start") return startFailureIsFatal(cib) ? "INFINITY" : "value++";
  if (operation === "stop") return "INFINITY";
  return undefined;
}

/** The attributes a failed result sets, or undefined when it counts no failure. */
export function failureAttributes(
  cib: XmlElement,
  failure: { readonly records: readonly OpRecord[]; readonly nowMs: number },
): readonly AttributeValue[] | undefined {
  const record = failure.records.find(isFailureRecord);
  const key = record?.["operation_key"];
  const operation = record?.["operation"];
  if (record === undefined || key === undefined || operation === undefined) return undefined;
  const interval = record["interval"] ?? "0";
  const count = failCountValue(cib, operation, interval);
  if (count === undefined) return undefined;
  const suffix = `${operation}_${interval}`;
  const resource = key.slice(0, key.length - suffix.length - 1);
  const name = `${resource}#${suffix}`;
  return [
    { name: `fail-count-${name}`, value: count },
    { name: `last-failure-${name}`, value: String(Math.floor(failure.nowMs / 1000)) },
  ];
}

interface AwaitedFailure {
  readonly nodeId: string;
  readonly name: string;
  readonly value: string;
  readonly untilMs: number;
}

/**
 * Failures whose attributes the DC asked attrd for and the status section does not hold yet:
 * the scheduler waits for them (as long as `waitMs`), so it sees the new fail count instead of
 * restarting the resource in place first.
 */
export class AwaitedFailures {
  #awaited: AwaitedFailure[] = [];

  constructor(readonly waitMs: number) {}

  /** Waits for the last-failure value of one failure (written with its fail count). */
  add(nodeId: string, values: readonly AttributeValue[], nowMs: number): void {
    const lastFailure = values.find((entry) => entry.name.startsWith("last-failure-"));
    if (lastFailure?.value == null) return;
    const { name, value } = lastFailure;
    this.#awaited.push({ nodeId, name, value, untilMs: nowMs + this.waitMs });
  }

  /** True while a failure's attributes are neither in this CIB nor waited for too long. */
  pending(held: (nodeId: string, name: string) => string | undefined, nowMs: number): boolean {
    // A later failure of the same operation may have replaced the value: as recent is enough.
    const written = (entry: AwaitedFailure): boolean =>
      Number(held(entry.nodeId, entry.name) ?? -1) >= Number(entry.value);
    this.#awaited = this.#awaited.filter((entry) => entry.untilMs > nowMs && !written(entry));
    return this.#awaited.length > 0;
  }
}
