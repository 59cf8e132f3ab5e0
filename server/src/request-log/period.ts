import type { PeriodQuery } from '../../../shared/analytics-query';
import { resolveRange, shiftDay } from '../analytics/range';
import { localHourStart } from '../time/day-key';

/** The instants a log period covers: since ≤ occurredAt < until; null where it is unbounded. */
export interface LogPeriod {
  since: Date | null;
  until: Date | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (day: string) =>
  DATE.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

/**
 * A period as asked (a named range, or inclusive local dates) as instants in the configured time
 * zone, so the log reads the occurred_at index instead of the day column. A bad date is the caller's
 * mistake (400), not a default: a log shown under the wrong period would be misleading.
 * No period: every row.
 */
export function resolveLogPeriod(
  period: PeriodQuery,
  now: Date,
  timeZone: string
): LogPeriod | { problem: string; parameter: 'from' | 'to' } {
  if (period.range) {
    const range = resolveRange(period.range, now, timeZone);
    if (range.since && range.until) return { since: range.since, until: range.until };
    // A day range ends with today; calls stamped later today by a clock ahead are in it too.
    return {
      since: localHourStart(range.from, 0, timeZone),
      until: localHourStart(shiftDay(range.to, 1), 0, timeZone),
    };
  }
  const { from, to } = period;
  if (from !== undefined && !isRealDate(from))
    return { problem: 'from must be a date (YYYY-MM-DD)', parameter: 'from' };
  if (to !== undefined && !isRealDate(to))
    return { problem: 'to must be a date (YYYY-MM-DD)', parameter: 'to' };
  if (from && to && from > to) return { problem: 'from must not be after to', parameter: 'from' };
  return {
    since: from ? localHourStart(from, 0, timeZone) : null,
    until: to ? localHourStart(shiftDay(to, 1), 0, timeZone) : null,
  };
}
