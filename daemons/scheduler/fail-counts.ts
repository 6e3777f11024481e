/** Fail counts from node attributes (`fail-count-RSC#OP_INTERVAL`), with failure-timeout expiry. */
import type { NodeModel, PrimitiveModel } from "./model.js";
import { owningClone } from "./unpack-history.js";
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

export function unpackFailCounts(
  primitives: readonly PrimitiveModel[],
  nodes: readonly NodeModel[],
  now: number | undefined,
): void {
  for (const primitive of primitives) {
    const name = failCountName(primitive);
    const anonymous = name !== primitive.id;
    const timeoutMs = parseDurationMs(primitive.meta.get("failure-timeout")) ?? 0;
    for (const node of nodes) {
      let count = 0;
      let lastFailure = 0;
      for (const [attribute, value] of node.attributes) {
        if (matches(attribute, "fail-count-", name, anonymous)) count = addScores(count, parseScore(value));
        if (matches(attribute, "last-failure-", name, anonymous)) lastFailure = Math.max(lastFailure, Number(value) || 0);
      }
      if (count === 0) continue;
      if (timeoutMs > 0 && now !== undefined && lastFailure > 0 && lastFailure + timeoutMs / 1000 <= now) continue;
      primitive.failCounts.set(node.name, count);
    }
  }
}
