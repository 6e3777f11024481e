/**
 * The status parts of crm_simulate's output: the date line, the maintenance banner, the
 * "N of M resource instances DISABLED" line and the titled status list.
 */
import type { Result } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import type { ClusterModel, PrimitiveModel, ResourceModel } from "../../daemons/scheduler/index.js";
import { formatIsoDate, unpackCluster } from "../../daemons/scheduler/index.js";
import { clusterStatusList } from "../render/status/index.js";
import type { Printer } from "./printer.js";

/**
 * The CIB as the scheduler should see it: with -t, Pacemaker's "now" is that date even when
 * the CIB carries an execution-date, so the attribute is left out of the view (the children
 * are shared, the CIB itself is not changed).
 */
export function withEffectiveDate(cib: XmlElement, dateTime: string | undefined): XmlElement {
  if (dateTime === undefined || cib.attributes["execution-date"] === undefined) return cib;
  const attributes = { ...cib.attributes };
  delete attributes["execution-date"];
  return { ...cib, attributes };
}

export function unpackForStatus(cib: XmlElement, now: string | undefined): Result<ClusterModel> {
  return unpackCluster(withEffectiveDate(cib, now), now === undefined ? {} : { now });
}

/** `set_effective_date`: which "now" the run uses, said once per unpacking. */
export function printEffectiveDate(
  printer: Printer,
  cib: XmlElement,
  dateTime: string | undefined,
): void {
  if (dateTime !== undefined) {
    printer.info(`Setting effective cluster time: ${dateTime}`);
    return;
  }
  const executionDate = cib.attributes["execution-date"];
  if (executionDate !== undefined && /^\d+$/.test(executionDate)) {
    printer.info(`Using the original execution date of: ${formatIsoDate(Number(executionDate))}`);
  }
}

function countInstances(resource: ResourceModel, promotable: boolean, counts: number[]): void {
  if (resource.kind === "group") {
    for (const child of resource.children) countInstances(child, promotable, counts);
    return;
  }
  if (resource.kind === "clone") {
    for (const child of resource.instances) countInstances(child, resource.promotable, counts);
    return;
  }
  if (resource.orphan && resource.role === "Stopped") return;
  counts[0] = (counts[0] ?? 0) + 1;
  if (isPrimitiveDisabled(resource, promotable)) counts[1] = (counts[1] ?? 0) + 1;
  if (resource.blocked) counts[2] = (counts[2] ?? 0) + 1;
}

function isPrimitiveDisabled(primitive: PrimitiveModel, promotable: boolean): boolean {
  const target = primitive.meta.get("target-role")?.toLowerCase();
  return target === "stopped" || (promotable && (target === "unpromoted" || target === "slave"));
}

/** Everything crm_simulate prints before the injections, with its spacers. */
export function printCurrentStatus(printer: Printer, model: ClusterModel): void {
  if (model.options.maintenanceMode && !printer.quiet) {
    printer.raw([
      "",
      "              *** Resource management is DISABLED ***",
      "  The cluster will not attempt to start, stop or recover services",
    ]);
    printer.markPrinted();
  }
  const counts = [0, 0, 0];
  for (const resource of model.resources) countInstances(resource, false, counts);
  const [instances = 0, disabled = 0, blocked = 0] = counts;
  if (disabled > 0 || blocked > 0) {
    if (!printer.quiet) printer.spacer();
    printer.info(
      `${disabled} of ${instances} resource instances DISABLED and ${blocked} BLOCKED from further action due to failure`,
    );
    if (!printer.quiet) printer.markPrinted();
  }
  printStatus(printer, model, "Current cluster status");
}

export function printStatus(printer: Printer, model: ClusterModel, title: string): void {
  if (printer.quiet) return;
  printer.spacer();
  printer.list(clusterStatusList(model, title));
  printer.markPrinted();
}
