/**
 * Failures Pacemaker no longer lists because they expired (check_operation_expiry): the
 * resource has a failure-timeout, the record is at least that old, and no unexpired fail count
 * holds it (a failure blocking the resource never expires). An expired probe or one-time
 * operation is ignored; an expired recurring monitor is rescheduled on a clean online node.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import type { ClusterModel, PrimitiveModel } from "../../daemons/scheduler/index.js";
import { parseDurationMs } from "../../daemons/scheduler/index.js";
import { failCountOn, failNameOf, usesLegacyFailCounts } from "./fail-counts.js";
import { collectFailedActions, type FailedAction } from "./failures.js";
import { anonymousCloneMembers } from "./operations.js";

function primitiveOf(model: ClusterModel, historyId: string): PrimitiveModel | undefined {
  const base = historyId.replace(/:\d+$/, "");
  const resource =
    model.resourceById.get(historyId) ??
    model.resourceById.get(`${base}:0`) ??
    model.resourceById.get(base);
  return resource?.kind === "primitive" ? resource : undefined;
}

function timeoutSeconds(primitive: PrimitiveModel): number {
  if (primitive.failureTimeoutBlocked) return 0;
  return Math.floor((parseDurationMs(primitive.meta.get("failure-timeout")) ?? 0) / 1000);
}

export interface ExpiryContext {
  readonly model: ClusterModel;
  readonly anonymous: ReadonlySet<string>;
  readonly legacy: boolean;
}

/** True when the failed record `op` of history `historyId` on `nodeName` has expired. */
export function isExpiredFailure(
  context: ExpiryContext,
  op: XmlElement,
  historyId: string,
  nodeName: string,
): boolean {
  const { model } = context;
  const primitive = primitiveOf(model, historyId);
  const node = model.nodeByName.get(nodeName);
  if (primitive === undefined || node === undefined || model.now === undefined) return false;
  const timeout = timeoutSeconds(primitive);
  const lastRun = Number(op.attributes["last-rc-change"] ?? "");
  if (timeout <= 0 || !Number.isInteger(lastRun)) return false;
  if (model.now < lastRun + timeout) return false;
  const counted = failCountOn(node, failNameOf(historyId, context.anonymous), context.legacy);
  if (counted.failCount > 0 && (primitive.failCounts.get(nodeName) ?? 0) > 0) return false;
  const intervalMs = Number(op.attributes["interval"] ?? "0");
  return intervalMs === 0 || (node.online && !node.unclean);
}

/** The failed actions crm_mon lists for a CIB: online nodes' unexpired failures. */
export function listedFailures(cib: XmlElement, model: ClusterModel): FailedAction[] {
  const context: ExpiryContext = {
    model,
    anonymous: anonymousCloneMembers(model),
    legacy: usesLegacyFailCounts(cib),
  };
  return collectFailedActions(
    cib,
    (node) => model.nodeByName.get(node)?.online === true,
    (op, historyId, node) => isExpiredFailure(context, op, historyId, node),
  );
}
