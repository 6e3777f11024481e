/**
 * Scores: integers saturating at ±1000000 (INFINITY). When adding, -INFINITY wins over
 * +INFINITY, as in Pacemaker's `pcmk__add_scores`.
 */
export const INFINITY = 1_000_000;

export function addScores(a: number, b: number): number {
  if (a <= -INFINITY || b <= -INFINITY) return -INFINITY;
  if (a >= INFINITY || b >= INFINITY) return INFINITY;
  return clampScore(a + b);
}

export function clampScore(value: number): number {
  if (value >= INFINITY) return INFINITY;
  if (value <= -INFINITY) return -INFINITY;
  return Math.trunc(value);
}

/** Parses a CIB score (`INFINITY`, `+INFINITY`, `-INFINITY`, `red`…, an integer). */
export function parseScore(text: string | undefined, fallback = 0): number {
  if (text === undefined) return fallback;
  const trimmed = text.trim();
  if (/^\+?inf(inity)?$/i.test(trimmed)) return INFINITY;
  if (/^-inf(inity)?$/i.test(trimmed)) return -INFINITY;
  if (/^(red|yellow|green)$/i.test(trimmed)) return 0;
  const match = /^[+-]?\d+/.exec(trimmed);
  if (match === null) return fallback;
  return clampScore(Number.parseInt(match[0], 10));
}

export function formatScore(score: number): string {
  if (score >= INFINITY) return "INFINITY";
  if (score <= -INFINITY) return "-INFINITY";
  return String(score);
}

/** Multiplies a score by a colocation factor (score/INFINITY), Pacemaker-style rounding. */
export function scaleScore(score: number, factor: number): number {
  if (factor === 1) return score;
  if (score >= INFINITY || score <= -INFINITY) {
    return clampScore(score * factor);
  }
  const product = score * factor;
  if (product === 0) return 0;
  const rounded = Math.round(product);
  if (rounded === 0) return product > 0 ? 1 : -1;
  return rounded;
}

/** Parses an interval or duration ("10s", "1m", "500ms", "PT1M", "10") into milliseconds. */
export function parseDurationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(trimmed);
  if (iso !== null && trimmed.length > 1) {
    const [, days, hours, minutes, seconds] = iso;
    const total =
      Number(days ?? 0) * 86400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 +
      Number(seconds ?? 0);
    return total * 1000;
  }
  const match = /^(\d+)\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?$/i.exec(trimmed);
  if (match === null) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? "s").toLowerCase();
  const factors: Record<string, number> = {
    ms: 1, msec: 1, us: 0.001, usec: 0.001, s: 1000, sec: 1000, m: 60000, min: 60000,
    h: 3600000, hr: 3600000,
  };
  return Math.trunc(amount * (factors[unit] ?? 1000));
}

/** Natural order (numeric-aware, case-insensitive), as crm_mon sorts node names. */
export function compareNatural(a: string, b: string): number {
  const pattern = /(\d+)|(\D+)/g;
  const left = a.toLowerCase().match(pattern) ?? [];
  const right = b.toLowerCase().match(pattern) ?? [];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const x = left[index] ?? "";
    const y = right[index] ?? "";
    if (x === y) continue;
    const xNumber = /^\d/.test(x);
    const yNumber = /^\d/.test(y);
    if (xNumber && yNumber) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** Plain byte order (C `strcmp`). */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
