/**
 * Resource history (`lrm_rsc_op`): current roles, active nodes, failures with their
 * on-fail handling, hard-error bans and pending operations.
 */
import { childElements, firstChild, type XmlElement } from "../../backend/cib/index.js";
import type {
  ClusterOptions,
  CloneModel,
  NodeModel,
  OnFail,
  OperationRecord,
  PrimitiveModel,
  ResourceModel,
  Role,
} from "./model.js";
import { addCloneInstance, primitivesOf, type ResourceContext } from "./unpack-resources.js";
import { parseDurationMs } from "./score.js";
import { failureTimeoutSeconds } from "./fail-counts.js";
import { isTrue } from "./nvpairs.js";

const onFailSeverity: readonly OnFail[] = [
  "ignore",
  "demote",
  "restart",
  "block",
  "stop",
  "standby",
  "fence",
];
const roleRank: Record<Role, number> = {
  Unknown: 0,
  Stopped: 1,
  Started: 2,
  Unpromoted: 3,
  Promoted: 4,
};

export function higherRole(a: Role, b: Role): Role {
  return roleRank[a] >= roleRank[b] ? a : b;
}

export interface HistoryContext {
  readonly options: ClusterOptions;
  readonly resources: ResourceContext;
  readonly topLevel: ResourceModel[];
  readonly now: number | undefined;
}

/**
 * Unpacks node histories in document order (unpack_node_history): every node's when fencing or
 * shutdown locks are enabled, otherwise only online nodes' (so active clone instances number first).
 */
export function unpackHistory(
  states: ReadonlyMap<string, XmlElement>,
  nodes: readonly NodeModel[],
  context: HistoryContext,
): void {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const everyNode = context.options.stonithEnabled || isTrue(context.options.all.get("shutdown-lock"));
  for (const [name, state] of states) {
    const node = byName.get(name);
    if (everyNode || node?.online === true) unpackNodeHistory(node, state, context);
  }
}

function unpackNodeHistory(
  node: NodeModel | undefined,
  state: XmlElement,
  context: HistoryContext,
): void {
  if (node === undefined) return;
  const lrm = firstChild(state, "lrm");
  const section = lrm === undefined ? undefined : firstChild(lrm, "lrm_resources");
  if (section === undefined) return;
  for (const entry of childElements(section, "lrm_resource")) {
    const id = entry.attributes["id"] ?? "";
    const primitive = findHistoryPrimitive(id, node.name, context);
    if (primitive === undefined) continue;
    const records = childElements(entry, "lrm_rsc_op")
      .map((op) => toRecord(op, node.name))
      .reverse()
      .sort(compareRecords);
    primitive.knownOn.add(node.name);
    if (id !== primitive.id) primitive.historyName = id;
    unpackShutdownLock(entry, primitive, node, context);
    applyRecords(primitive, node, records, context);
  }
}

/** unpack_shutdown_lock: a history entry locked to its node, unless shutdown-lock-limit expired. */
function unpackShutdownLock(entry: XmlElement, primitive: PrimitiveModel, node: NodeModel, context: HistoryContext): void {
  if (!isTrue(context.options.all.get("shutdown-lock"))) return;
  const since = Number(entry.attributes["shutdown-lock"] ?? "0");
  if (!Number.isFinite(since) || since === 0) return;
  const limitSeconds = (parseDurationMs(context.options.all.get("shutdown-lock-limit")) ?? 0) / 1000;
  if (limitSeconds > 0 && context.now !== undefined && context.now > since + limitSeconds) {
    primitive.clearHistoryOn.push(node.name);
    return;
  }
  if (limitSeconds > 0) context.resources.rule.recheck?.note(since + limitSeconds + 1);
  primitive.shutdownLock = { node: node.name, since };
}

/**
 * Operation order (pe__is_newer_op): by call-id, then last-rc-change; ties keep the reversed
 * document order, as Pacemaker prepends entries before its stable sort.
 */
function compareRecords(a: OperationRecord, b: OperationRecord): number {
  if (a.callId < 0 && b.callId < 0) return 0;
  const byCall = callOrder(a) - callOrder(b);
  if (byCall !== 0) return byCall;
  if (a.lastRcChange === undefined || b.lastRcChange === undefined) return 0;
  return a.lastRcChange - b.lastRcChange;
}

function callOrder(record: OperationRecord): number {
  return record.callId < 0 ? Number.MAX_SAFE_INTEGER : record.callId;
}

function toRecord(op: XmlElement, node: string): OperationRecord {
  const attributes = op.attributes;
  const key = attributes["transition-key"]?.split(":");
  const rc = Number(attributes["rc-code"] ?? 0);
  const expectedText = key?.[2];
  return {
    id: attributes["id"] ?? "",
    task: attributes["operation"] ?? "",
    intervalMs: Number(attributes["interval"] ?? 0),
    callId: Number(attributes["call-id"] ?? 0),
    rc: rc === 190 ? 0 : rc === 191 ? 8 : rc,
    status: Number(attributes["op-status"] ?? 0),
    expectedRc: expectedText === undefined ? (rc === 7 || rc === 8 ? rc : 0) : Number(expectedText),
    lastRcChange:
      attributes["last-rc-change"] === undefined ? undefined : Number(attributes["last-rc-change"]),
    node,
    ...optionalText("digest", attributes["op-digest"]),
    ...optionalText("restartDigest", attributes["op-restart-digest"]),
    ...optionalText("forceRestart", attributes["op-force-restart"]),
    ...optionalText("migrateSource", attributes["migrate_source"]),
    ...optionalText("migrateTarget", attributes["migrate_target"]),
  };
}

function optionalText<Name extends string>(name: Name, value: string | undefined): Partial<Record<Name, string>> {
  return value === undefined ? {} : ({ [name]: value } as Partial<Record<Name, string>>);
}

/** Maps a history id (`rsc`, `rsc:2`) to a configured primitive or a clone instance. */
function findHistoryPrimitive(
  id: string,
  nodeName: string,
  context: HistoryContext,
): PrimitiveModel | undefined {
  const direct = context.resources.resourceById.get(id);
  if (direct?.kind === "primitive" && !isAnonymousInstance(direct)) return direct;
  const baseId = id.replace(/:\d+$/, "");
  const clone = cloneOwning(baseId, context.topLevel);
  if (clone === undefined) return undefined;
  if (clone.globallyUnique) {
    return direct?.kind === "primitive" ? direct : undefined;
  }
  return anonymousInstance(clone, baseId, nodeName, context.resources);
}

function isAnonymousInstance(primitive: PrimitiveModel): boolean {
  const clone = owningClone(primitive);
  return clone !== undefined && !clone.globallyUnique;
}

export function owningClone(resource: ResourceModel): CloneModel | undefined {
  for (let current = resource.parent; current !== undefined; current = current.parent) {
    if (current.kind === "clone") return current;
  }
  return undefined;
}

function cloneOwning(baseId: string, resources: readonly ResourceModel[]): CloneModel | undefined {
  for (const resource of resources) {
    if (resource.kind !== "clone") continue;
    const template = resource.template;
    if (template.attributes["id"] === baseId) return resource;
    if (childElements(template, "primitive").some((child) => child.attributes["id"] === baseId)) {
      return resource;
    }
  }
  return undefined;
}

function instanceNodes(instance: ResourceModel): Set<string> {
  const nodes = new Set<string>();
  for (const primitive of primitivesOf(instance))
    for (const node of primitive.activeOn.keys()) nodes.add(node);
  return nodes;
}

function memberOf(instance: ResourceModel, baseId: string): PrimitiveModel | undefined {
  return primitivesOf(instance).find((primitive) => primitive.baseId === baseId);
}

function anonymousInstance(
  clone: CloneModel,
  baseId: string,
  nodeName: string,
  context: ResourceContext,
): PrimitiveModel | undefined {
  let inactive: PrimitiveModel | undefined;
  let skipInactive = false;
  for (const instance of clone.instances) {
    const member = memberOf(instance, baseId);
    const active = instanceNodes(instance);
    if (active.size > 0) {
      if (!active.has(nodeName) || member === undefined) continue;
      if (member.activeOn.size === 0) return member;
      skipInactive = true;
      continue;
    }
    if (!skipInactive && inactive === undefined && member !== undefined && !member.blocked) inactive = member;
  }
  if (!skipInactive && inactive !== undefined) return inactive;
  const orphan = addCloneInstance(clone, clone.instances.length, context);
  if (orphan === undefined) return undefined;
  for (const primitive of primitivesOf(orphan)) primitive.orphan = true;
  return memberOf(orphan, baseId);
}

interface NodeHistoryState {
  role: Role;
  onFail: OnFail | undefined;
  /** `task interval` of the last failed operation. */
  lastFailure: string | undefined;
}

function applyRecords(
  primitive: PrimitiveModel,
  node: NodeModel,
  records: readonly OperationRecord[],
  context: HistoryContext,
): void {
  const state: NodeHistoryState = { role: "Unknown", onFail: undefined, lastFailure: undefined };
  // block_failure: a failure that blocks the resource never expires.
  if (records.some((record) => isFailure(record) && configuredOnFail(primitive, record, context.options) === "block"))
    primitive.failureTimeoutBlocked = true;
  const timeout = primitive.failureTimeoutBlocked ? 0 : failureTimeoutSeconds(primitive);
  const recheck = context.resources.rule.recheck;
  for (const record of records) {
    primitive.history.push(record);
    if (isExpiredFailure(record, timeout, context.now)) continue;
    if (timeout > 0 && record.lastRcChange !== undefined && isFailure(record))
      recheck?.note(record.lastRcChange + timeout);
    applyRecord(primitive, node, record, state, context.options);
  }
  finishNodeHistory(primitive, node, state, context.options);
}

/** check_operation_expiry: a failure at least failure-timeout old is ignored. */
function isExpiredFailure(record: OperationRecord, timeout: number, now: number | undefined): boolean {
  if (timeout <= 0 || now === undefined || record.lastRcChange === undefined) return false;
  if (record.lastRcChange + timeout > now) return false;
  return isFailure(record);
}

function isFailure(record: OperationRecord): boolean {
  const succeeded = (record.status === 0 || record.status === 4) && isExpected(record);
  return !succeeded && record.status !== -1;
}

function configuredOnFail(
  primitive: PrimitiveModel,
  record: OperationRecord,
  options: ClusterOptions,
): OnFail {
  const configured = primitive.operations.find(
    (op) => op.name === record.task && op.intervalMs === record.intervalMs,
  )?.onFail;
  if (configured !== undefined) return configured;
  if (record.task === "stop") return options.stonithEnabled ? "fence" : "block";
  return "restart";
}

function successRole(record: OperationRecord, current: Role): Role {
  switch (record.task) {
    case "start":
    case "migrate_from":
    case "migrate_to":
      // After migrate_to the resource counts as active on the source until resolveMigrations.
      return "Started";
    case "stop":
      return "Stopped";
    case "promote":
      return "Promoted";
    case "demote":
      return "Unpromoted";
    case "monitor":
      if (record.rc === 7) return "Stopped";
      if (record.rc === 8) return "Promoted";
      return current === "Promoted" || roleRank[current] < roleRank.Started ? "Started" : current;
    default:
      return roleRank[current] < roleRank.Started ? "Started" : current;
  }
}

const clearingTasks = new Set(["start", "stop", "promote", "migrate_from"]);

function applySuccess(record: OperationRecord, state: NodeHistoryState): void {
  state.role = successRole(record, state.role);
  const sameAsFailure = record.task === "monitor" && state.lastFailure === `${record.task} ${record.intervalMs}`;
  const clears = record.rc === 7 || clearingTasks.has(record.task) || sameAsFailure;
  if (clears && ["ignore", "block", "demote", "restart"].includes(state.onFail ?? "")) {
    state.onFail = undefined;
  }
}

function isExpected(record: OperationRecord): boolean {
  const probe = record.task === "monitor" && record.intervalMs === 0;
  if (probe) return record.rc === 0 || record.rc === 7 || record.rc === 8;
  if (record.rc === record.expectedRc) return true;
  return record.task === "stop" && record.rc === 7;
}

function applyRecord(
  primitive: PrimitiveModel,
  node: NodeModel,
  record: OperationRecord,
  state: NodeHistoryState,
  options: ClusterOptions,
): void {
  if (record.status === -1 || record.callId === -1) {
    primitive.pendingTasks.set(node.name, record.task);
    if (record.task === "start" || record.task === "migrate_to")
      state.role = higherRole(state.role, "Started");
    if (record.task === "promote") state.role = "Promoted";
    return;
  }
  if (record.status === 1) return;
  const probe = record.task === "monitor" && record.intervalMs === 0;
  if (probe && (record.rc === 5 || record.rc === 2 || record.status === 7)) {
    state.role = "Stopped";
    primitive.bannedNodes.add(node.name);
    return;
  }
  if ((record.status === 0 || record.status === 4) && isExpected(record)) {
    applySuccess(record, state);
    if (record.task === "monitor" && record.intervalMs > 0) {
      primitive.activeMonitors.add(`${node.name} ${record.intervalMs}`);
    }
    return;
  }
  applyFailure(primitive, node, record, state, options);
}

function applyFailure(
  primitive: PrimitiveModel,
  node: NodeModel,
  record: OperationRecord,
  state: NodeHistoryState,
  options: ClusterOptions,
): void {
  const configured = configuredOnFail(primitive, record, options);
  const onFail = configured === "ignore" && !isPlainError(record) ? "restart" : configured;
  if (onFail === "ignore") {
    applySuccess({ ...record, rc: record.expectedRc }, state);
    return;
  }
  if (
    [2, 4, 5].includes(record.rc) ||
    (record.rc === 3 && record.intervalMs === 0) ||
    [3, 5, 7].includes(record.status)
  ) {
    primitive.bannedNodes.add(node.name);
  }
  if (record.rc === 6) primitive.bannedEverywhere = true;
  if (record.task === "stop") primitive.failedStopOn.add(node.name);
  if (
    state.onFail === undefined ||
    onFailSeverity.indexOf(onFail) > onFailSeverity.indexOf(state.onFail)
  ) {
    state.onFail = onFail;
  }
  state.lastFailure = `${record.task} ${record.intervalMs}`;
  if (record.task === "promote" || record.rc === 8 || record.rc === 9) state.role = "Promoted";
  else if (record.task === "demote") state.role = demoteFailureRole(onFail);
  else if (roleRank[state.role] < roleRank.Started) state.role = "Started";
}

function fenceNode(node: NodeModel, reason: string): void {
  if (node.unclean) return;
  node.unclean = true;
  node.fenceReason = reason;
}

function finishNodeHistory(
  primitive: PrimitiveModel,
  node: NodeModel,
  state: NodeHistoryState,
  options: ClusterOptions,
): void {
  const active = state.role !== "Stopped" && state.role !== "Unknown";
  const managed = primitive.managed && !options.maintenanceMode;
  if (active && !node.online && !node.maintenance && managed && options.stonithEnabled) {
    fenceNode(node, `${primitive.id} is thought to be active there`);
  }
  if (active) {
    primitive.activeOn.set(node.name, state.role);
    primitive.role = higherRole(primitive.role, state.role);
  }
  const onFail = node.unclean ? undefined : state.onFail;
  if (onFail === undefined) return;
  primitive.onFailByNode.set(node.name, onFail);
  applyOnFail(primitive, node, onFail);
  if (!active || onFail === "ignore") return;
  primitive.failed = true;
  if (onFail === "demote" || onFail === "block") return;
  primitive.failureStop = true;
  if (onFail === "restart") primitive.recoverOn.add(node.name);
}

function applyOnFail(primitive: PrimitiveModel, node: NodeModel, onFail: OnFail): void {
  switch (onFail) {
    case "fence":
      fenceNode(node, `${primitive.id} failed there`);
      return;
    case "standby":
      node.standbyOnFail = true;
      return;
    case "block":
      primitive.managed = false;
      primitive.blocked = true;
      return;
    case "stop":
      primitive.stopOnFail = true;
      return;
    default:
      return;
  }
}

/** A failed demote leaves the resource Unpromoted (Promoted with on-fail=block). */
function demoteFailureRole(onFail: OnFail): Role {
  return onFail === "block" ? "Promoted" : "Unpromoted";
}

/** on-fail=ignore pretends success for every failure but a missing agent (op-status 7). */
function isPlainError(record: OperationRecord): boolean {
  return record.status !== 7;
}
