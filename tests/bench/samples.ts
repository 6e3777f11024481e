// Figures the benches print from their samples: nearest-rank percentiles and the median.

/** The nearest-rank percentile (`fraction` 0.5 = p50, 1 = max); NaN without samples. */
export function percentile(samples: readonly number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * fraction) - 1))] ?? NaN
  );
}

/** The middle sample (the upper one of an even count); NaN without samples. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** One line: `label  n=N  p50 …  p90 …  p99 …  max … unit`. */
export function summaryLine(
  label: string,
  samples: readonly number[],
  options: {
    readonly width?: number;
    readonly unit?: string;
    readonly fractions?: readonly number[];
  } = {},
): string {
  const figures = (options.fractions ?? [0.5, 0.9, 0.99])
    .map((fraction) => `p${Math.round(fraction * 100)} ${percentile(samples, fraction).toFixed(1)}`)
    .join("  ");
  const count = String(samples.length).padStart(4);
  const max = percentile(samples, 1).toFixed(1);
  return `${label.padEnd(options.width ?? 50)} n=${count}  ${figures}  max ${max} ${options.unit ?? "ms"}`;
}
