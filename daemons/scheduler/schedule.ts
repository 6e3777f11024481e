/** `schedule()`: CIB → transition graph, scores and Transition Summary. Only sequences stages. */
import type { Issue } from "../../backend/base/index.js";
import { readXml, type XmlElement } from "../../backend/cib/index.js";
import { createPrimitiveActions, createRecoveryActions, pseudoResourceAction } from "./actions.js";
import { assignAll } from "./assign.js";
import { buildWorking } from "./build-working.js";
import { unpackColocations } from "./colocation.js";
import { applyQuorumSuicide, scheduleFencing } from "./fencing.js";
import { buildGraph, type TransitionGraph } from "./graph.js";
import { applyNodeCriteria } from "./location.js";
import type { ClusterModel } from "./model.js";
import { antiColocationOrderings, applyOrderings, blockColocationDependents, internalConstraints, unpackPseudoOrderings, unpackUserOrderings } from "./ordering.js";
import { propagateOrderings } from "./propagate.js";
import { transitionSummary } from "./summary.js";
import { unpackCluster } from "./unpack.js";
import { isPromotableClone } from "./tree.js";
import type { ResourceState, Working } from "./working.js";
import { createProbes } from "./probes.js";
import { createRecurringMonitors } from "./recurring.js";
import { cancelReloads, checkDefinitionChanges } from "./definition-changes.js";
import { applyTicketBans, applyTicketLosses } from "./tickets.js";
import { createNotificationPseudoOps } from "./notify-pseudo.js";
import { createNotifications } from "./notifications.js";
import { applyShutdownLocks, clearExpiredFailCounts } from "./shutdown-lock.js";
import { createMigrationActions, markCloneStopMigratable, migrationSource } from "./migration.js";

export interface ScheduleOptions {
  /** Instant for time-based rules (ISO 8601 or epoch seconds); the CIB's execution-date wins. */
  readonly now?: string;
}

export interface ScheduleResult {
  readonly graph: TransitionGraph;
  /** The `crm_simulate -s` lines, in the order they were computed. */
  readonly scores: readonly string[];
  /** Transition Summary lines (`  * Start  rsc  ( node )`). */
  readonly summary: readonly string[];
  readonly issues: readonly Issue[];
  /** The unpacked model (undefined when the CIB could not be read). */
  readonly model: ClusterModel | undefined;
  /**
   * Pacemaker's `recheck-by`: the earliest instant (epoch seconds) after `now` at which the
   * result can change with the CIB unchanged (a failure-timeout expiry, a date rule boundary).
   */
  readonly recheckBy?: number;
}

function failed(issues: readonly Issue[]): ScheduleResult {
  return { graph: { actions: [], edges: [] }, scores: [], summary: [], issues, model: undefined };
}

function createActions(working: Working, state: ResourceState): void {
  for (const child of state.children) createActions(working, child);
  if (state.resource.kind === "primitive") {
    createPrimitiveActions(working, state);
    createRecurringMonitors(working, state);
    const source = migrationSource(working, state);
    if (source !== undefined) createMigrationActions(working, state, source);
    return;
  }
  for (const task of ["start", "running", "stop", "stopped"]) pseudoResourceAction(working, state, task);
  const stop = state.actions.find((action) => action.task === "stop");
  if (stop !== undefined) markCloneStopMigratable(state, stop);
  const promotable = isPromotableClone(state);
  if (promotable || (state.resource.kind === "group" && isPromotableClone(state.parent))) {
    for (const task of ["promote", "promoted", "demote", "demoted"]) pseudoResourceAction(working, state, task);
  }
  createNotificationPseudoOps(working, state, promotable);
}

function forEachPrimitive(state: ResourceState, visit: (primitive: ResourceState) => void): void {
  if (state.resource.kind === "primitive") visit(state);
  for (const child of state.children) forEachPrimitive(child, visit);
}

/** Runs every stage on an unpacked cluster and returns the final working state. */
export function runStages(model: ClusterModel): Working {
  const working = buildWorking(model);
  clearExpiredFailCounts(working);
  applyTicketLosses(working);
  applyQuorumSuicide(working);
  unpackColocations(working);
  unpackUserOrderings(working);
  antiColocationOrderings(working);
  applyNodeCriteria(working);
  applyShutdownLocks(working);
  applyTicketBans(working);
  for (const state of working.topLevel) internalConstraints(working, state);
  checkDefinitionChanges(working);
  for (const state of working.topLevel) {
    forEachPrimitive(state, (primitive) => createRecoveryActions(working, primitive));
  }
  assignAll(working);
  for (const state of working.topLevel) createActions(working, state);
  createProbes(working);
  scheduleFencing(working);
  unpackPseudoOrderings(working);
  applyOrderings(working);
  blockColocationDependents(working);
  propagateOrderings(working);
  createNotifications(working);
  cancelReloads(working);
  return working;
}

export function schedule(cib: XmlElement | string, options: ScheduleOptions = {}): ScheduleResult {
  let root: XmlElement;
  if (typeof cib === "string") {
    const parsed = readXml(cib);
    if (!parsed.ok) return failed(parsed.issues);
    root = parsed.value;
  } else {
    root = cib;
  }
  const unpacked = unpackCluster(root, options.now === undefined ? {} : { now: options.now });
  if (!unpacked.ok) return failed(unpacked.issues);
  const working = runStages(unpacked.value);
  return {
    graph: buildGraph(working),
    scores: working.scores,
    summary: transitionSummary(working),
    issues: unpacked.issues,
    model: unpacked.value,
    ...(unpacked.value.recheck.earliest === undefined
      ? {}
      : { recheckBy: unpacked.value.recheck.earliest }),
  };
}
