/**
 * Attribute values as attrd computes them: `value++` and `value+=N` expand against the value
 * held (attrd_expand_value, saturating at INFINITY, as the controller counts failures), and the
 * fail-count/last-failure names of one resource (attrd's clear-failure request).
 */
const infinity = 1_000_000;

function score(text: string | undefined): number {
  if (text === undefined) return 0;
  if (/^\+?INFINITY$/i.test(text)) return infinity;
  if (/^-INFINITY$/i.test(text)) return -infinity;
  const parsed = Number.parseInt(text, 10);
  return Number.isNaN(parsed) ? 0 : Math.max(-infinity, Math.min(infinity, parsed));
}

function scoreText(value: number): string {
  if (value >= infinity) return "INFINITY";
  if (value <= -infinity) return "-INFINITY";
  return String(value);
}

/** True for `value++` and `value+=N`, which attrd expands against the value it holds. */
export function needsExpansion(value: string): boolean {
  return /^value(\+\+|\+=.+)$/.test(value);
}

/** The value to hold: `value++`/`value+=N` added to the current value, anything else as given. */
export function expandValue(value: string, current: string | undefined): string {
  if (!needsExpansion(value)) return value;
  const offset = value === "value++" ? 1 : score(value.slice("value+=".length));
  return scoreText(score(current) + offset);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Matches `fail-count-RSC`, `fail-count-RSC#OP_INTERVAL` and `last-failure-…` of one resource
 * (an anonymous clone's `RSC:N` instances included).
 */
export function failureAttributeMatcher(resource: string): (name: string) => boolean {
  const pattern = new RegExp(
    `^(?:fail-count|last-failure)-${escapeRegExp(resource)}(?::\\d+)?(?:#.*)?$`,
  );
  return (name) => pattern.test(name);
}
