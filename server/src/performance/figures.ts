import type {
  ModelPerformance,
  PerformanceBucket,
  Percentiles,
} from '../../../shared/contracts/performance';
import { bucketLabel } from '../analytics/range';
import { LATENCY_BOUNDS, percentiles } from '../usage/latency';
import type { Counts, Samples } from './samples';

/**
 * How far above the true value a histogram percentile can be: the widest step between two
 * neighbouring bounds of the scale (15/12 − 1 = 25 %). A value at or under the first bound (10 ms)
 * reads as 10 ms; past the last bound (820 s) it reads as null.
 */
export const HISTOGRAM_MAX_RELATIVE_ERROR = Math.max(
  ...LATENCY_BOUNDS.slice(1).map((bound, i) => bound / LATENCY_BOUNDS[i] - 1)
);

/**
 * Nearest-rank p50 and p95 of counts: the ⌈p·n⌉-th smallest value. Exact when the values are
 * exact durations, the bucket's bound when they are bounds (usage/latency.ts does the ranking).
 */
export function percentilesOf(counts: Counts | undefined): Percentiles {
  return percentiles(counts ?? new Map());
}

/** Many per-bucket counts merged into one, for the period's figure. */
function merged(byBucket: Map<string, Counts> | undefined): Counts {
  const all: Counts = new Map();
  for (const counts of byBucket?.values() ?? [])
    for (const [value, calls] of counts) all.set(value, (all.get(value) ?? 0) + calls);
  return all;
}

/** Output tokens per second of generation, a ratio of sums; null without generation time. */
export const tokensPerSecond = (
  stream: { outputTokens: number; generationMs: number } | undefined
) =>
  stream && stream.generationMs > 0
    ? Math.round((stream.outputTokens * 1000 * 10) / stream.generationMs) / 10
    : null;

/** Per model over the whole period, most calls first (then by key, so the order is stable). */
export function modelFigures(
  samples: Samples,
  labelOf: (key: string) => string
): ModelPerformance[] {
  const keys = new Set([...samples.latency.keys(), ...samples.ttft.keys()]);
  return [...keys]
    .map((key) => ({
      key,
      label: labelOf(key),
      latency: percentilesOf(merged(samples.latency.get(key))),
      ttft: percentilesOf(samples.ttft.get(key)),
      tokensPerSecond: tokensPerSecond(samples.streams.get(key)),
    }))
    .sort((a, b) => b.latency.calls - a.latency.calls || a.key.localeCompare(b.key));
}

/** Every bucket of the period, oldest first, with each model's latency in it. */
export function bucketFigures(samples: Samples, buckets: string[]): PerformanceBucket[] {
  return buckets.map((bucket) => {
    const models: Record<string, Percentiles> = {};
    for (const [key, byBucket] of samples.latency) {
      const counts = byBucket.get(bucket);
      if (counts) models[key] = percentilesOf(counts);
    }
    return { bucket, label: bucketLabel(bucket), models };
  });
}
