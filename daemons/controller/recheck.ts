/**
 * When the DC runs the scheduler again with nothing changed: at the scheduler's recheck-by
 * (the earliest failure-timeout expiry or date rule boundary), and at most after
 * cluster-recheck-interval (default 15 min; 0 disables it), as controld_shorten_recheck_timer.
 */
import type { XmlElement } from "../../backend/cib/index.js";
import { parseDurationMs } from "../scheduler/index.js";
import { clusterProperty } from "./fail-count.js";

/** Pacemaker's cluster-recheck-interval default. */
export const recheckIntervalMsDefault = 15 * 60_000;

export function recheckIntervalMs(cib: XmlElement): number {
  const configured = clusterProperty(cib, "cluster-recheck-interval");
  const parsed = configured === undefined ? undefined : parseDurationMs(configured);
  return parsed ?? recheckIntervalMsDefault;
}

/** The instant (ms since the epoch) the DC runs the scheduler again, or undefined: never. */
export function recheckAtMs(
  cib: XmlElement,
  run: { readonly nowMs: number; readonly recheckBy: number | undefined },
): number | undefined {
  const interval = recheckIntervalMs(cib);
  const bound = interval > 0 ? run.nowMs + interval : undefined;
  const due = run.recheckBy === undefined ? undefined : run.recheckBy * 1000;
  if (due === undefined) return bound;
  return bound === undefined ? due : Math.min(due, bound);
}
