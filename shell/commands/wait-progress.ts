import { isError } from "../../backend/base/index.js";
import type { XmlElement } from "../../backend/cib/index.js";
import { schedule } from "../../daemons/scheduler/index.js";

type Environment = Readonly<Record<string, string | undefined>>;

/** How long `-w` waits for the cluster by default (crm_resource --wait has no limit either). */
export const waitSecondsDefault = 120;

/** `CRM_WAIT_TIMEOUT` (seconds) overrides the default; a value that is no number is ignored. */
export function waitTimeoutMs(environment: Environment): number {
  const text = environment["CRM_WAIT_TIMEOUT"]?.trim() ?? "";
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : waitSecondsDefault;
  return Math.max(seconds, 0) * 1000;
}

/**
 * What the cluster still has to do for this CIB: the real (not pseudo) actions of the
 * transition the scheduler computes from it, as crm_resource --wait judges it. Zero means the
 * status section already shows the configuration carried out (the DC is idle). Undefined
 * when the CIB cannot be scheduled.
 */
export function pendingActions(cib: XmlElement | string, nowSeconds: number): number | undefined {
  const result = schedule(cib, { now: String(nowSeconds) });
  if (result.issues.some(isError) && result.graph.actions.length === 0) return undefined;
  return result.graph.actions.filter((action) => !action.pseudo).length;
}

/** The progress line `-w` redraws while it waits. */
export function waitingText(pending: number | undefined): string {
  if (pending === undefined) return "waiting for the cluster…";
  const actions = pending === 1 ? "1 action" : `${pending} actions`;
  return `waiting for the cluster: ${actions} pending…`;
}
