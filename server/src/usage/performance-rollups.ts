import type { UsageEvent } from './event';
import { latencyBound } from './latency';
import { EVERYONE, rollupRow, type RollupRows } from './rollup-rows';
import type { RollupRow } from './rollups';

/**
 * The Performance panel's sketch, kept in the daily rollups for everyone (user -1) only: the panel
 * is site-wide, and per user it would multiply the rows by the users for a figure nobody reads.
 *
 * - `latency-model`: successful calls per (day, model, latency bucket); member '<modelId>|<bound>'.
 * - `ttft-model`: successful streamed calls with a time to first token, per (day, model, TTFT
 *   bucket); member '<modelId>|<bound>'. Buckets are usage/latency.ts's 12-per-decade scale
 *   ('over' past its last bound), `requests` holds the calls.
 * - `stream-model`: the same streamed calls per (day, model); member '<modelId>'. `requests` counts
 *   them, `outputTokens` sums their output tokens and `latencyMsSum` sums their generation time
 *   (latency − TTFT, in ms), so tokens per second is a ratio of two sums over any period.
 *
 * They exist from the upgrade that added them on: older days have none (docs/analytics/performance.md).
 */
export const LATENCY_MODEL_DIMENSION = 'latency-model';
export const TTFT_MODEL_DIMENSION = 'ttft-model';
export const STREAM_MODEL_DIMENSION = 'stream-model';
export const PERFORMANCE_DIMENSIONS = [
  LATENCY_MODEL_DIMENSION,
  TTFT_MODEL_DIMENSION,
  STREAM_MODEL_DIMENSION,
] as const;
export type PerformanceDimension = (typeof PERFORMANCE_DIMENSIONS)[number];

/** A model's member in these dimensions: its id, '0' for calls without a model. */
export const modelMember = (modelId: number | null) => String(modelId ?? 0);

/** '<modelId>|<bound>' of a duration on the latency scale ('…|over' past the last bound). */
export const modelBucketKey = (modelId: number | null, ms: number) =>
  `${modelMember(modelId)}|${latencyBound(ms) ?? 'over'}`;

/** A successful stream that reported its first token: what TTFT and tokens per second describe. */
export const timedStream = (event: UsageEvent): event is UsageEvent & { ttftMs: number } =>
  event.success && event.streamed && event.ttftMs !== null;

/** Generation time of a stream: after its first token; never negative (clocks are not perfect). */
export const generationMs = (event: { latencyMs: number; ttftMs: number }) =>
  Math.max(0, event.latencyMs - event.ttftMs);

/** The performance rows of a batch, one per (day, dimension, member, seeded), for everyone. */
export function performanceRows(events: UsageEvent[]): RollupRow[] {
  const rows: RollupRows = new Map();
  const row = (event: UsageEvent, dimension: PerformanceDimension, dimensionKey: string) =>
    rollupRow(rows, event, EVERYONE, dimension, dimensionKey);
  for (const event of events) {
    if (!event.success) continue;
    row(event, LATENCY_MODEL_DIMENSION, modelBucketKey(event.modelId, event.latencyMs)).sums
      .requests++;
    if (!timedStream(event)) continue;
    row(event, TTFT_MODEL_DIMENSION, modelBucketKey(event.modelId, event.ttftMs)).sums.requests++;
    const stream = row(event, STREAM_MODEL_DIMENSION, modelMember(event.modelId)).sums;
    stream.requests++;
    stream.outputTokens += BigInt(event.outputTokens);
    stream.latencyMsSum += BigInt(generationMs(event));
  }
  return [...rows.values()];
}
