/**
 * The operation digest the controller records with each result (`op-digest`): MD5 of the
 * action's parameters as Pacemaker serialises them for v1 digests — sorted by name, meta
 * attributes dropped except the timeout of recurring operations.
 */
import { parametersDigest } from "../../daemons/scheduler/index.js";
import type { GraphAction } from "./graph.js";
import { intervalOf } from "./graph.js";

const ignoredParameters = new Set([
  "id",
  "crm_feature_set",
  "op-digest",
  "on_node",
  "on_node_uuid",
  "pcmk_external_ip",
]);

/** The filtered parameter set of an action (`pcmk__filter_op_for_digest`). */
function digestParameters(action: GraphAction): [string, string][] {
  const kept: [string, string][] = [];
  for (const [name, value] of action.attributes) {
    if (name.startsWith("CRM_meta_") || ignoredParameters.has(name)) continue;
    kept.push([name, value]);
  }
  const timeout = action.attributes.get("CRM_meta_timeout");
  if (intervalOf(action) !== 0 && timeout !== undefined) kept.push(["CRM_meta_timeout", timeout]);
  return kept;
}

/** The digest of an action's filtered parameters: the scheduler's, as the controller records. */
export function operationDigest(action: GraphAction): string {
  return parametersDigest(digestParameters(action));
}
