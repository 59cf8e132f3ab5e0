import type { AnalyticsRange, AnalyticsQueryString } from './analytics';

/**
 * The Performance panel: how long calls take, per model. Every figure describes successful calls
 * only (a failure's latency is how long it took to fail, not how fast the model is).
 *
 * `exact`: nearest-rank percentiles (the ⌈p·n⌉-th smallest value) of the raw usage rows, in ms.
 * Used for periods of up to EXACT_MAX_DAYS days and whenever a filter other than `model` is set.
 * Raw rows exist only within the retention window (`retention.rawDays`, 400 by default).
 *
 * `histogram`: longer unfiltered periods read per-day, per-model histograms kept in the daily
 * rollups: the same nearest rank, reported as the upper bound of the bucket it falls in on a
 * 12-per-decade scale (10, 12, 15, 18, 22, 27, 33, 39, 47, 56, 68, 82, 100 ms …), so it is never
 * below the exact value and at most `maxRelativeError` above it (for values of 10 ms or more; a
 * value under 10 ms is reported as 10). Past the last bound (820 s) a percentile is null.
 */
export type PerformanceMethod = 'exact' | 'histogram';

/** Periods up to this many days are always answered exactly from raw rows. */
export const EXACT_MAX_DAYS = 7;

export interface Percentiles {
  /** null without calls, or (histogram) past the last bound. */
  p50Ms: number | null;
  p95Ms: number | null;
  /** The calls the percentiles describe. */
  calls: number;
}

export interface ModelPerformance {
  /** The model's id as text ('0' for calls without a model): the value of the `model` filter. */
  key: string;
  /** The model's display name. */
  label: string;
  /** Latency of successful calls (request to last byte). */
  latency: Percentiles;
  /** Time to first token of successful streamed calls that reported one. */
  ttft: Percentiles;
  /**
   * Output tokens per second of those streams: the sum of their output tokens over the sum of their
   * generation time (latency − TTFT), a ratio of sums — long streams weigh more than short ones, as
   * they do for the reader. null without generation time.
   */
  tokensPerSecond: number | null;
}

/** One bucket (an hour of the 1-day range, else a day) of the chart: latency per model key. */
export interface PerformanceBucket {
  bucket: string;
  label: string;
  models: Record<string, Percentiles>;
}

export interface PerformanceDocument {
  range: AnalyticsRange;
  method: PerformanceMethod;
  /** How far above the exact value a figure may be: 0 for `exact`, 0.25 for `histogram`. */
  maxRelativeError: number;
  /** Most calls first. */
  models: ModelPerformance[];
  /** Every bucket of the period, oldest first (models without calls in it are absent). */
  buckets: PerformanceBucket[];
}

/**
 * GET /llm/analytics/performance?range=|from=&to=&<filters> — permission analytics.read. A bad
 * range, date or filter value is a 400 naming it.
 */
export declare namespace GetPerformance {
  interface Request {
    query: AnalyticsQueryString;
  }
  interface Response {
    data: PerformanceDocument;
  }
}
