/**
 * What both methods read, in one shape: counts of calls per value — an exact duration in ms, or a
 * histogram bucket's bound (null past the last one) — so the same nearest-rank code answers both.
 */
export type Counts = Map<number | null, number>;

export interface Samples {
  /** Per model key, per chart bucket: successful calls per latency. */
  latency: Map<string, Map<string, Counts>>;
  /** Per model key: successful timed streams per time to first token. */
  ttft: Map<string, Counts>;
  /** Per model key: those streams' output tokens and generation time (ms). */
  streams: Map<string, { outputTokens: number; generationMs: number }>;
}

export const emptySamples = (): Samples => ({
  latency: new Map(),
  ttft: new Map(),
  streams: new Map(),
});

export function addCount(counts: Counts, value: number | null, calls: number) {
  counts.set(value, (counts.get(value) ?? 0) + calls);
}

/** The counts of one model in one bucket, created on first use. */
export function latencyCounts(samples: Samples, model: string, bucket: string): Counts {
  let byBucket = samples.latency.get(model);
  if (!byBucket) samples.latency.set(model, (byBucket = new Map()));
  let counts = byBucket.get(bucket);
  if (!counts) byBucket.set(bucket, (counts = new Map()));
  return counts;
}

export function ttftCounts(samples: Samples, model: string): Counts {
  let counts = samples.ttft.get(model);
  if (!counts) samples.ttft.set(model, (counts = new Map()));
  return counts;
}
