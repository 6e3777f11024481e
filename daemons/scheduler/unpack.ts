/** `unpackCluster()`: CIB XML → ClusterModel (configuration and status). */
import { firstChild, indexById, type XmlElement } from "../../backend/cib/index.js";
import { fail, issue, ok, type Result } from "../../backend/base/index.js";
import { parseIsoDate } from "./dates.js";
import { unpackFailCounts } from "./fail-counts.js";
import type { ClusterModel, ClusterOptions, NodeModel, OperationRecord, PrimitiveModel, ResourceModel } from "./model.js";
import type { NvpairContext } from "./nvpairs.js";
import { unpackConstraints, unpackReferences } from "./unpack-constraints.js";
import { unpackHistory } from "./unpack-history.js";
import { unpackNodeStates, unpackNodes } from "./unpack-nodes.js";
import { unpackDefaults, unpackOptions } from "./unpack-options.js";
import { primitivesOf, unpackResources } from "./unpack-resources.js";
import { isTrue } from "./nvpairs.js";
import { unpackTicketStates } from "./tickets.js";
import { resolveMigrations } from "./unpack-migrations.js";
import { RecheckTime } from "./recheck.js";

export interface UnpackOptions {
  /** ISO 8601 date or epoch seconds; the CIB's `execution-date` wins. */
  readonly now?: string;
}

export type SchedulerIssueCode = "not_a_cib" | "bad_date";

function resolveNow(cib: XmlElement, options: UnpackOptions): number | undefined {
  const executionDate = cib.attributes["execution-date"];
  if (executionDate !== undefined && /^\d+$/.test(executionDate)) return Number(executionDate);
  if (options.now === undefined) return undefined;
  if (/^\d+$/.test(options.now)) return Number(options.now);
  return parseIsoDate(options.now);
}

export function unpackCluster(cib: XmlElement, options: UnpackOptions = {}): Result<ClusterModel> {
  if (cib.name !== "cib") {
    return fail([issue("not_a_cib", `Cannot schedule: the root element is "${cib.name}", not "cib"`)]);
  }
  if (options.now !== undefined && resolveNow(cib, { now: options.now }) === undefined) {
    return fail([issue("bad_date", `Cannot schedule: "${options.now}" is not a valid date`)]);
  }
  const now = resolveNow(cib, options);
  const configuration = firstChild(cib, "configuration");
  const status = firstChild(cib, "status");
  const byId = indexById(cib);
  const recheck = new RecheckTime(now);
  const baseContext: NvpairContext = { byId, rule: { now, recheck } };
  const configured = unpackOptions(configuration, baseContext);
  const neverQuorate = !isTrue(cib.attributes["have-quorum"]) && !isTrue(cib.attributes["no-quorum-panic"]);
  const clusterOptions =
    configured.noQuorumPolicy === "suicide" && (!configured.stonithEnabled || neverQuorate)
      ? { ...configured, noQuorumPolicy: "stop" as const }
      : configured;
  const rscDefaults = unpackDefaults(configuration, "rsc_defaults", baseContext);
  const opDefaults = unpackDefaults(configuration, "op_defaults", baseContext);
  const nodes = unpackNodes(configuration, clusterOptions, baseContext);
  const dcUuid = cib.attributes["dc-uuid"];
  for (const node of nodes) {
    node.isDc = dcUuid !== undefined && node.id === dcUuid;
    node.attributes.set("#is_dc", node.isDc ? "true" : "false");
  }
  const resourceById = new Map<string, ResourceModel>();
  const resourcesSection = configuration === undefined ? undefined : firstChild(configuration, "resources");
  const resources = unpackResources(resourcesSection, {
    ...baseContext, rscDefaults, nodeCount: nodes.length, resourceById,
  });
  const states = unpackNodeStates(status, nodes, clusterOptions, baseContext);
  unpackHistory(states, nodes, {
    options: clusterOptions,
    resources: { ...baseContext, rscDefaults, nodeCount: nodes.length, resourceById },
    topLevel: resources,
    now,
  });
  const primitives = resources.flatMap((resource) => primitivesOf(resource));
  resolveMigrations(primitives, nodes);
  const haveQuorum = isTrue(cib.attributes["have-quorum"]);
  blockUnrecoverableStops(primitives, nodes, fencingPossible(clusterOptions, primitives, haveQuorum));
  unpackFailCounts(primitives, nodes, recheck);
  applyManagement(primitives, nodes, clusterOptions.maintenanceMode);
  const constraints = unpackConstraints(configuration === undefined ? undefined : firstChild(configuration, "constraints"), {
    resourceById, topLevel: resources, references: unpackReferences(configuration, resourcesSection),
  });
  return ok({
    options: clusterOptions,
    haveQuorum,
    dcUuid, now, recheck, nodes,
    nodeByName: new Map(nodes.map((node) => [node.name, node])),
    resources, resourceById,
    ...constraints,
    tickets: unpackTicketStates(status),
    hasFenceDevice: primitives.some((primitive) => primitive.className === "stonith"),
    rscDefaults, opDefaults,
  });
}

/** pe_can_fence at unpack time: fencing is configured, and quorum or membership allows it. */
function fencingPossible(
  options: ClusterOptions,
  primitives: readonly PrimitiveModel[],
  haveQuorum: boolean,
): (node: NodeModel) => boolean {
  const device = primitives.some((primitive) => primitive.className === "stonith");
  if (!options.stonithEnabled || !device) return () => false;
  if (haveQuorum || options.noQuorumPolicy === "ignore") return () => true;
  return (node) => node.online;
}

/** A stop that failed with a hard error (invalid, unimplemented, no privilege, not installed). */
function hardStopFailure(record: OperationRecord): boolean {
  if (record.task !== "stop" || record.status !== 0) return false;
  return [2, 4, 5].includes(record.rc) || (record.rc === 3 && record.intervalMs === 0);
}

/** check_recoverable: a hard stop failure that fencing cannot resolve leaves the resource blocked. */
function blockUnrecoverableStops(
  primitives: readonly PrimitiveModel[],
  nodes: readonly NodeModel[],
  canFence: (node: NodeModel) => boolean,
): void {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  for (const primitive of primitives) {
    for (const record of primitive.history.filter(hardStopFailure)) {
      const node = byName.get(record.node);
      if (node === undefined || canFence(node)) continue;
      primitive.managed = false;
      primitive.blocked = true;
    }
  }
}

function applyManagement(
  primitives: readonly { managed: boolean; activeOn: Map<string, unknown> }[],
  nodes: readonly NodeModel[],
  maintenanceMode: boolean,
): void {
  const maintenanceNodes = new Set(nodes.filter((node) => node.maintenance).map((node) => node.name));
  for (const primitive of primitives) {
    if (maintenanceMode) primitive.managed = false;
    for (const node of primitive.activeOn.keys()) if (maintenanceNodes.has(node)) primitive.managed = false;
  }
}
