/**
 * Failed resource actions as crm_mon lists them: every recorded operation whose result
 * differs from the expected one, or that did not complete, once per operation key and node,
 * read from the CIB's status section in history order.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import { childElements, firstChild } from "../../backend/cib/index.js";
import { formatCtime, formatDuration } from "./dates.js";
import { executionStatusName, ocfExitName } from "../../backend/ra/index.js";

export interface FailedAction {
  readonly resource: string;
  readonly operationKey: string;
  readonly task: string;
  readonly intervalMs: number;
  readonly node: string;
  readonly rc: number;
  readonly status: number;
  readonly callId: number;
  readonly exitReason: string;
  readonly lastRcChange: number | undefined;
  readonly execMs: number;
  readonly queueMs: number;
  /** The record names its operation_key (else operationKey is its id). */
  readonly hasOperationKey: boolean;
  /** The lrm_rsc_op's attributes as recorded. */
  readonly recorded: Readonly<Record<string, string>>;
}

function numberOf(op: XmlElement, name: string): number | undefined {
  const text = op.attributes[name];
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  return Number(text);
}

/** The rc the transition expected: the third field of the transition key, else 0. */
function expectedRc(op: XmlElement): number {
  const key = op.attributes["transition-key"] ?? op.attributes["transition-magic"]?.split(";")[1];
  const field = key?.split(":")[2];
  return field !== undefined && /^\d+$/.test(field) ? Number(field) : 0;
}

/** Status and rc of an operation: its attributes, else the transition magic's `status:rc`. */
function outcomeOf(op: XmlElement): [number, number] {
  const status = numberOf(op, "op-status");
  const rc = numberOf(op, "rc-code");
  if (status !== undefined && rc !== undefined) return [status, rc];
  const magic = /^(-?\d+):(\d+);/.exec(op.attributes["transition-magic"] ?? "");
  if (magic !== null) return [Number(magic[1]), Number(magic[2])];
  return [status ?? 0, rc ?? 0];
}

/** A result the transition accepts: the expected rc, or a probe finding any known state. */
function isAccepted(op: XmlElement, rc: number, intervalMs: number): boolean {
  const isProbe = op.attributes["operation"] === "monitor" && intervalMs === 0;
  return rc === expectedRc(op) || (isProbe && (rc === 0 || rc === 7 || rc === 8));
}

/** The resource of an operation key `RSC_TASK_INTERVAL`. */
function resourceOfKey(key: string, task: string, intervalMs: number): string | undefined {
  const suffix = `_${task}_${intervalMs}`;
  return key.endsWith(suffix) ? key.slice(0, -suffix.length) : undefined;
}

/**
 * A probe that found the agent missing or its parameters invalid: Pacemaker treats it as "not
 * running" and leaves it out of the failed actions.
 */
function isMaskedProbeFailure(op: XmlElement): boolean {
  if (op.attributes["operation"] !== "monitor" || (numberOf(op, "interval") ?? 0) !== 0)
    return false;
  const rc = numberOf(op, "rc-code") ?? 0;
  return rc === 5 || rc === 2 || numberOf(op, "op-status") === 7;
}

function failedAction(op: XmlElement, resource: string, node: string): FailedAction | undefined {
  const [status, rc] = outcomeOf(op);
  const intervalMs = numberOf(op, "interval") ?? 0;
  if (status === -1 || ((status === 0 || status === 4) && isAccepted(op, rc, intervalMs)))
    return undefined;
  const task = op.attributes["operation"] ?? "";
  const operationKey = op.attributes["operation_key"] ?? op.attributes["id"] ?? "";
  return {
    resource: resourceOfKey(operationKey, task, intervalMs) ?? resource,
    operationKey,
    task,
    intervalMs,
    node,
    rc: numberOf(op, "rc-code") ?? rc,
    status: numberOf(op, "op-status") ?? status,
    callId: numberOf(op, "call-id") ?? 0,
    exitReason: op.attributes["exit-reason"] ?? "",
    lastRcChange: numberOf(op, "last-rc-change"),
    execMs: numberOf(op, "exec-time") ?? 0,
    queueMs: numberOf(op, "queue-time") ?? 0,
    hasOperationKey: op.attributes["operation_key"] !== undefined,
    recorded: op.attributes,
  };
}

/** Pacemaker's history order: call id, then (same call id) last-rc-change. */
function byCallId(a: XmlElement, b: XmlElement): number {
  const calls = (numberOf(a, "call-id") ?? 0) - (numberOf(b, "call-id") ?? 0);
  if (calls !== 0) return calls;
  const changeA = numberOf(a, "last-rc-change");
  const changeB = numberOf(b, "last-rc-change");
  return changeA === undefined || changeB === undefined ? 0 : changeA - changeB;
}

/**
 * Failures in history order; `isOnline` leaves out nodes whose history is not unpacked, and
 * `isExpired` failures that expired (never recorded, as Pacemaker skips them).
 */
export function collectFailedActions(
  cib: XmlElement,
  isOnline: (node: string) => boolean = () => true,
  isExpired: (op: XmlElement, historyId: string, node: string) => boolean = () => false,
): FailedAction[] {
  const failures: FailedAction[] = [];
  const seen = new Set<string>();
  const status = firstChild(cib, "status");
  for (const nodeState of status === undefined ? [] : childElements(status, "node_state")) {
    const node = nodeState.attributes["uname"] ?? nodeState.attributes["id"] ?? "";
    if (!isOnline(node)) continue;
    const resources = firstChild(firstChild(nodeState, "lrm") ?? nodeState, "lrm_resources");
    for (const resource of resources === undefined
      ? []
      : childElements(resources, "lrm_resource")) {
      const id = resource.attributes["id"] ?? "";
      for (const op of [...childElements(resource, "lrm_rsc_op")].sort(byCallId)) {
        const failure = failedAction(op, id, node);
        // Pacemaker keeps one failure per operation_key and node; records without the
        // attribute all share one (absent) key.
        const operationKey = op.attributes["operation_key"]?.toLowerCase() ?? "\u0001";
        const key = `${operationKey}\u0000${node.toLowerCase()}`;
        if (failure === undefined || seen.has(key) || isExpired(op, id, node)) continue;
        seen.add(key);
        if (!isMaskedProbeFailure(op)) failures.push(failure);
      }
    }
  }
  return failures;
}

function taskText(failure: FailedAction): string {
  if (failure.task === "monitor" && failure.intervalMs === 0) return "probe";
  if (failure.intervalMs === 0) return failure.task;
  return `${formatDuration(failure.intervalMs)}-interval ${failure.task}`;
}

/** `web 10s-interval monitor on node1 returned 'error' (reason) at DATE after 33ms`. */
export function failedActionText(failure: FailedAction): string {
  const reason = failure.exitReason === "" ? "" : failure.exitReason;
  const outcome =
    failure.status === 0
      ? `returned '${ocfExitName(failure.rc)}'${reason === "" ? "" : ` (${reason})`}`
      : `could not be executed (${executionStatusName(failure.status)}${reason === "" ? "" : `: ${reason}`})`;
  const at = failure.lastRcChange === undefined ? "" : ` at ${formatCtime(failure.lastRcChange)}`;
  const after = failure.execMs > 0 ? ` after ${formatDuration(failure.execMs)}` : "";
  return `${failure.resource} ${taskText(failure)} on ${failure.node} ${outcome}${at}${after}`;
}
