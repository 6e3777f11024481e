/**
 * Resource history as Pacemaker's controller records it: one `lrm_resource` per resource, with
 * `RSC_last_0` for the last one-shot operation, `RSC_last_failure_0` for the last failure and
 * `RSC_monitor_INTERVAL` per recurring monitor. A successful stop drops the recurring entries.
 */
import { parametersDigest } from "../scheduler/index.js";
import type { AgentRef, ExecRequest, ExecResult, OpRecord, ResourceHistory } from "./core-types.js";

export interface OpContext {
  readonly node: string;
  readonly callId: number;
  readonly nowMs: number;
  readonly featureSet: string;
}

/** OCF exit codes that say what state a resource is in, not that it failed. */
export const ocf = { success: 0, notRunning: 7, runningPromoted: 8 } as const;

/** True when the result is not what the DC expected (a failure to record and count). */
export function isFailure(request: ExecRequest, result: ExecResult): boolean {
  if (result.status !== 0) return true;
  if (result.rc === request.expectedRc) return false;
  // A probe may find any state; finding it is not a failure.
  const probe = request.operation === "monitor" && request.intervalMs === 0;
  return !(
    probe &&
    (result.rc === ocf.success || result.rc === ocf.notRunning || result.rc === ocf.runningPromoted)
  );
}

/**
 * True when the result is the one the DC expected. Not the opposite of a failure: a probe that
 * finds a resource running is no failure, but the DC did not expect it, so its transition stops
 * and the scheduler runs again on what the probe found (Pacemaker's "Event failed" abort).
 */
export function isExpected(request: ExecRequest, result: ExecResult): boolean {
  return result.status === 0 && result.rc === request.expectedRc;
}

/** Pacemaker's op-digest: MD5 of the parameters the operation ran with (the scheduler's). */
export function opDigest(params: Readonly<Record<string, string>>): string {
  return parametersDigest(Object.entries(params));
}

export function operationKey(resource: string, operation: string, intervalMs: number): string {
  return `${resource}_${operation}_${intervalMs}`;
}

/** The `lrm_rsc_op` attributes for one result, under the id it is kept by. */
export function opRecord(request: ExecRequest, result: ExecResult, context: OpContext): OpRecord {
  const { resource, operation, intervalMs } = request;
  const id = intervalMs > 0 ? operationKey(resource, operation, intervalMs) : `${resource}_last_0`;
  return {
    id,
    operation_key: operationKey(resource, operation, intervalMs),
    operation,
    "crm-debug-origin": "do_update_resource",
    crm_feature_set: context.featureSet,
    "transition-key": request.transitionKey,
    "transition-magic": `${result.status}:${result.rc};${request.transitionKey}`,
    "exit-reason": result.exitReason ?? "",
    on_node: context.node,
    "call-id": String(context.callId),
    "rc-code": String(result.rc),
    "op-status": String(result.status),
    interval: String(intervalMs),
    "last-rc-change": String(Math.floor(context.nowMs / 1000)),
    "exec-time": String(Math.round(result.execTimeMs)),
    "queue-time": "0",
    "op-digest": opDigest(request.params),
  };
}

/** The `RSC_last_failure_0` record: the last failure, kept until a cleanup. */
export function isFailureRecord(op: Readonly<Record<string, string>>): boolean {
  return op["id"]?.endsWith("_last_failure_0") === true;
}

/** The records one result adds: its own, and a `_last_failure_0` copy when it failed. */
export function recordsFor(
  request: ExecRequest,
  result: ExecResult,
  context: OpContext,
): OpRecord[] {
  const record = opRecord(request, result, context);
  if (!isFailure(request, result)) return [record];
  return [record, { ...record, id: `${request.resource}_last_failure_0` }];
}

/**
 * A recurring operation's own record (`RSC_monitor_10000`), which a successful stop drops. The
 * `RSC_last_failure_0` copy of a failed monitor stays until a cleanup, as in Pacemaker, so
 * crm_mon keeps listing the failure after the recovery.
 */
export function isRecurringRecord(op: Readonly<Record<string, string>>): boolean {
  return Number(op["interval"] ?? 0) > 0 && !isFailureRecord(op);
}

/** True when these records end the resource's recurring monitors (a successful stop). */
export function endsRecurring(records: readonly OpRecord[]): boolean {
  return records.some(
    (record) =>
      record["operation"] === "stop" && record["rc-code"] === "0" && record["op-status"] === "0",
  );
}

/** The history with `records` put in place (same id replaced, new ids appended). */
export function withRecords(
  history: ResourceHistory | undefined,
  resource: { readonly id: string; readonly agent: AgentRef },
  records: readonly OpRecord[],
): ResourceHistory {
  const dropRecurring = endsRecurring(records);
  let ops = (history?.ops ?? []).filter((op) => !(dropRecurring && isRecurringRecord(op)));
  for (const record of records) {
    const index = ops.findIndex((op) => op["id"] === record["id"]);
    ops = index < 0 ? [...ops, record] : ops.map((op, at) => (at === index ? record : op));
  }
  return { id: resource.id, agent: history?.agent ?? resource.agent, ops };
}

/** True when the newest one-shot record may leave the resource running (all but a done stop
 * and "not running"); a failed start counts as active, since it needs a stop. */
export function isActive(history: ResourceHistory): boolean {
  const last = history.ops.find((op) => op["id"] === `${history.id}_last_0`);
  if (last === undefined) return false;
  const done = last["op-status"] === "0";
  if (last["operation"] === "stop") return !(done && last["rc-code"] === "0");
  return !(done && last["rc-code"] === "7");
}
