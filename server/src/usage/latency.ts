/**
 * Latency is kept as a histogram, not a mean: calls are long-tailed, and a median and a 95th
 * percentile say what users wait. Each successful call counts in one bucket of a 12-per-decade scale
 * (the E12 series: 10, 12, 15, 18, 22, 27, 33, 39, 47, 56, 68, 82, 100 … ms), so a percentile is
 * reported as the upper bound of its bucket: never more than 25 % above the true value.
 */
const E12 = [10, 12, 15, 18, 22, 27, 33, 39, 47, 56, 68, 82];

/** Bucket upper bounds in ms, ascending: 10 ms … 820 s; slower calls fall in the last, open bucket. */
export const LATENCY_BOUNDS: number[] = [1, 10, 100, 1000, 10_000].flatMap((decade) =>
  E12.map((m) => m * decade)
);

/** The bucket a call's latency falls in: the smallest bound ≥ ms, or null past the last one. */
export function latencyBound(ms: number): number | null {
  for (const bound of LATENCY_BOUNDS) if (ms <= bound) return bound;
  return null;
}

/** The rollup member key of a latency bucket: '<service>|<bound>' ('…|over' past the last bound). */
export const latencyKey = (service: string, ms: number) =>
  `${service}|${latencyBound(ms) ?? 'over'}`;

export function parseLatencyKey(key: string): { service: string; bound: number | null } {
  const at = key.lastIndexOf('|');
  const bound = key.slice(at + 1);
  return { service: key.slice(0, at), bound: bound === 'over' ? null : Number(bound) };
}

export interface LatencyPercentiles {
  /** Upper bound (ms) of the bucket holding the median; null past the last bound or without calls. */
  p50Ms: number | null;
  p95Ms: number | null;
  /** How many successful calls the figures describe. */
  calls: number;
}

/**
 * Nearest-rank percentiles of a histogram (bound → calls; null = past the last bound): the p-th
 * percentile is the ⌈p·n⌉-th smallest latency, reported as its bucket's bound.
 */
export function percentiles(histogram: Map<number | null, bigint | number>): LatencyPercentiles {
  const buckets = [...histogram.entries()]
    .map(([bound, calls]) => ({ bound, calls: Number(calls) }))
    .filter((b) => b.calls > 0);
  buckets.sort((a, b) => (a.bound ?? Infinity) - (b.bound ?? Infinity));
  const calls = buckets.reduce((sum, b) => sum + b.calls, 0);
  const rank = (p: number) => {
    if (calls === 0) return null;
    const wanted = Math.max(1, Math.ceil((p * calls) / 100));
    let seen = 0;
    for (const b of buckets) {
      seen += b.calls;
      if (seen >= wanted) return b.bound;
    }
    return null;
  };
  return { p50Ms: rank(50), p95Ms: rank(95), calls };
}
