import {
  DEFAULT_RANGE,
  RANGE_KEYS,
  type AnalyticsRange,
  type RangeKey,
} from '../../../shared/contracts/analytics';
import { dayKey, hourKey } from '../time/day-key';

export interface ResolvedRange extends AnalyticsRange {
  /** Every bucket key of the range, oldest first (zero-filled in the answer). */
  buckets: string[];
  /** For the hourly range: the instant the first bucket starts (an index-friendly bound)… */
  since?: Date;
  /** …and the instant after the last one ends. */
  until?: Date;
}

const DAYS: Record<Exclude<RangeKey, '1d' | 'month'>, number> = {
  '7d': 7,
  '30d': 30,
  '90d': 90,
  '365d': 365,
};
const HOUR_MS = 3_600_000;

/** Unknown or missing values fall back to the default range (a bookmark never breaks the page). */
export const parseRangeKey = (value: unknown): RangeKey =>
  RANGE_KEYS.includes(value as RangeKey) ? (value as RangeKey) : DEFAULT_RANGE;

/** '2026-11-21' shifted by whole calendar days (no time zone involved: it is already a local date). */
export function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The 24 hourly buckets starting at `since` (an hour start). */
export function hourRange(since: Date, timeZone: string, key: RangeKey = '1d'): ResolvedRange {
  // 24 instants an hour apart; on the night clocks go back two share a local hour and fold into one.
  const buckets = [
    ...new Set(
      Array.from({ length: 24 }, (_, i) =>
        hourKey(new Date(since.getTime() + i * HOUR_MS), timeZone)
      )
    ),
  ];
  const until = new Date(since.getTime() + 24 * HOUR_MS);
  return {
    key,
    from: buckets[0],
    to: buckets[buckets.length - 1],
    bucket: 'hour',
    timeZone,
    buckets,
    since,
    until,
  };
}

/** The daily buckets from one local date to another, both included. */
export function dayRange(
  key: AnalyticsRange['key'],
  from: string,
  to: string,
  timeZone: string
): ResolvedRange {
  const buckets: string[] = [];
  for (let day = from; day <= to; day = shiftDay(day, 1)) buckets.push(day);
  return { key, from, to, bucket: 'day', timeZone, buckets };
}

/** The buckets of a range ending now, in the configured time zone. */
export function resolveRange(key: RangeKey, now: Date, timeZone: string): ResolvedRange {
  if (key === '1d') {
    const currentHourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    return hourRange(new Date(currentHourStart - 23 * HOUR_MS), timeZone);
  }
  const today = dayKey(now, timeZone);
  const first = key === 'month' ? `${today.slice(0, 8)}01` : shiftDay(today, -(DAYS[key] - 1));
  return dayRange(key, first, today, timeZone);
}

/** '21:00' for an hour bucket, '2026-11-21' stays as is for a day. */
export const bucketLabel = (bucket: string) =>
  bucket.length > 10 ? `${bucket.slice(11, 13)}:00` : bucket;
