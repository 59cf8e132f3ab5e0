import type {
  AnalyticsRange,
  ModelBucket,
  TrendPoint,
} from '../../../../shared/contracts/analytics';
import { addUsd } from '../../../../shared/format';

/** How finely a range's charts and tables are drawn: the server's buckets, weeks or months. */
export type Grain = 'bucket' | 'week' | 'month';

/** Calendar days a range covers (its first and last day keys, both inclusive). */
const daysOf = (range: Pick<AnalyticsRange, 'from' | 'to' | 'bucket'>) =>
  range.bucket === 'hour'
    ? 1
    : (Date.parse(`${range.to.slice(0, 10)}T00:00:00Z`) -
        Date.parse(`${range.from.slice(0, 10)}T00:00:00Z`)) /
        86_400_000 +
      1;

/** 90 days read as 13 weeks and 12 months as 12 months, not as hundreds of hairline bars. */
export const grainOf = (range: Pick<AnalyticsRange, 'from' | 'to' | 'bucket'>): Grain => {
  const days = daysOf(range);
  return days > 200 ? 'month' : days > 45 ? 'week' : 'bucket';
};

/** The Monday (ISO week start) of a day key ("2026-11-05" → "2026-11-02"). */
function mondayOf(day: string): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** The key of the group a server bucket falls in: itself, its week's Monday, or its month. */
export const groupKey = (bucket: string, grain: Grain) =>
  grain === 'month' ? bucket.slice(0, 7) : grain === 'week' ? mondayOf(bucket) : bucket;

/** Groups consecutive items by key, in order, folding each group with `add`. */
function fold<T>(items: T[], keyOf: (item: T) => string, add: (a: T, b: T) => T): T[] {
  const groups = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const seen = groups.get(key);
    groups.set(key, seen === undefined ? item : add(seen, item));
  }
  return [...groups.values()];
}

/** The trend by week or month: money summed exactly (decimal text), counts as numbers. */
export function groupTrend(trend: TrendPoint[], grain: Grain): TrendPoint[] {
  if (grain === 'bucket') return trend;
  return fold(
    trend.map((p) => ({ ...p, bucket: groupKey(p.bucket, grain) })),
    (p) => p.bucket,
    (a, b) => ({
      ...a,
      costUsd: addUsd(a.costUsd, b.costUsd),
      requests: a.requests + b.requests,
      tokens: a.tokens + b.tokens,
      failures: a.failures + b.failures,
      cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
      cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
      cacheSavingsUsd: addUsd(a.cacheSavingsUsd, b.cacheSavingsUsd),
    })
  );
}

/** The stacked cost by model, by week or month, each series summed exactly. */
export function groupModelBuckets(buckets: ModelBucket[], grain: Grain): ModelBucket[] {
  if (grain === 'bucket') return buckets;
  return fold(
    buckets.map((b) => ({ ...b, bucket: groupKey(b.bucket, grain) })),
    (b) => b.bucket,
    (a, b) => ({
      ...a,
      cost: Object.fromEntries(
        Object.keys({ ...a.cost, ...b.cost }).map((k) => [
          k,
          addUsd(a.cost[k] ?? '0', b.cost[k] ?? '0'),
        ])
      ),
      tokens: Object.fromEntries(
        Object.keys({ ...a.tokens, ...b.tokens }).map((k) => [
          k,
          (a.tokens[k] ?? 0) + (b.tokens[k] ?? 0),
        ])
      ),
    })
  );
}

/** The exact sum of decimal USD texts. */
export const sumUsd = (values: string[]) => values.reduce((sum, v) => addUsd(sum, v), '0');
