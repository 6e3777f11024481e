/** A tick is a fixed number of milliseconds, set by the host's configuration. */
export type Tick = number;

/** Whole ticks covering `ms` milliseconds (rounded up, at least one tick for a positive span). */
export function ticksFromMs(ms: number, tickMs: number): number {
  if (ms <= 0) return 0;
  return Math.max(1, Math.ceil(ms / tickMs));
}

/** Milliseconds spanned by `ticks` ticks. */
export function msFromTicks(ticks: number, tickMs: number): number {
  return ticks * tickMs;
}
