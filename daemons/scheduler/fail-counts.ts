/** Fail counts from node attributes (`fail-count-RSC#OP_INTERVAL`), with failure-timeout expiry. */
import type { NodeModel, PrimitiveModel } from "./model.js";
import { owningClone } from "./unpack-history.js";
import type { RecheckTime } from "./recheck.js";
import { addScores, parseDurationMs, parseScore } from "./score.js";

function failCountName(primitive: PrimitiveModel): string {
  const clone = owningClone(primitive);
  return clone !== undefined && !clone.globallyUnique ? primitive.baseId : primitive.id;
}

/** `fail-count-NAME`, `fail-count-NAME#op_interval`, and for anonymous clones `NAME:N…`. */
function matches(attribute: string, prefix: string, name: string, anonymous: boolean): boolean {
  if (!attribute.startsWith(`${prefix}${name}`)) return false;
  let rest = attribute.slice(prefix.length + name.length);
  if (anonymous) rest = rest.replace(/^:\d+/, "");
  return rest === "" || rest.startsWith("#");
}

/** failure-timeout in whole seconds, as Pacemaker keeps it (0: failures never expire). */
export function failureTimeoutSeconds(primitive: PrimitiveModel): number {
  return Math.floor((parseDurationMs(primitive.meta.get("failure-timeout")) ?? 0) / 1000);
}

/** check_operation_expiry: some history entry on the node is at least failure-timeout old. */
function hasExpiredRecord(primitive: PrimitiveModel, node: string, before: number): boolean {
  return primitive.history.some(
    (record) => record.node === node && record.lastRcChange !== undefined && record.lastRcChange <= before,
  );
}

/**
 * pe_get_failcount: a node's fail count is forgotten once `now` is past the last failure plus
 * failure-timeout (and cleared, as check_operation_expiry schedules, when a history entry there
 * has expired); until then the instant it expires is noted for the recheck.
 */
export function unpackFailCounts(
  primitives: readonly PrimitiveModel[],
  nodes: readonly NodeModel[],
  recheck: RecheckTime,
): void {
  const { now } = recheck;
  for (const primitive of primitives) {
    const name = failCountName(primitive);
    const anonymous = name !== primitive.id;
    // A failure blocking the resource (on-fail=block) never expires: pe_get_failcount drops
    // failure-timeout when it conflicts with the block.
    const timeout = primitive.failureTimeoutBlocked ? 0 : failureTimeoutSeconds(primitive);
    for (const node of nodes) {
      let count = 0;
      let lastFailure = 0;
      for (const [attribute, value] of node.attributes) {
        if (matches(attribute, "fail-count-", name, anonymous)) count = addScores(count, parseScore(value));
        if (matches(attribute, "last-failure-", name, anonymous)) lastFailure = Math.max(lastFailure, Number(value) || 0);
      }
      if (count === 0) continue;
      if (timeout > 0 && now !== undefined && lastFailure > 0) {
        if (now > lastFailure + timeout) {
          if (hasExpiredRecord(primitive, node.name, now - timeout))
            primitive.clearFailCountOn.push(node.name);
          continue;
        }
        recheck.note(lastFailure + timeout + 1);
      }
      primitive.failCounts.set(node.name, count);
    }
  }
}
