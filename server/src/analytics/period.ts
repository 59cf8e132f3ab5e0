import {
  DEFAULT_RANGE,
  MAX_PERIOD_DAYS,
  type AnalyticsPeriod,
  type DayPeriod,
  type PeriodNote,
} from '../../../shared/contracts/analytics';
import { periodOf } from '../../../shared/analytics-query';
import { dayKey } from '../time/day-key';
import {
  dayRange,
  hourRange,
  parseRangeKey,
  resolveRange,
  shiftDay,
  type ResolvedRange,
} from './range';

/**
 * A period as the server resolved it: the buckets to show, the period compared with (as buckets
 * too, so the comparison is read exactly like the period), and the links to the periods around it.
 * The analytics page, the request log and the performance panel resolve a query the same way.
 */
export interface ResolvedPeriod extends ResolvedRange {
  period: AnalyticsPeriod;
  /** The comparison period, resolved like the period itself. */
  previous: ResolvedRange;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date: '2026-02-30' is not one (Date.UTC would roll it into March). */
const isDate = (value: unknown): value is string =>
  typeof value === 'string' && DATE.test(value) && shiftDay(value, 0) === value;

const firstOfMonth = (day: string) => `${day.slice(0, 8)}01`;
/** The last day of a date's month. */
const endOfMonth = (day: string) => shiftDay(shiftMonths(firstOfMonth(day), 1), -1);
/** A date moved by whole months, its day clamped to the target month's end (31 Mar − 1 month = 28 Feb). */
function shiftMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}
const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
  Number(to.slice(5, 7)) -
  Number(from.slice(5, 7));
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** A from–to moved by whole months: a month-end `to` stays a month end. */
function byMonths({ from, to }: DayPeriod, months: number): DayPeriod {
  const atEnd = to === endOfMonth(to);
  const movedTo = shiftMonths(to, months);
  return { from: shiftMonths(from, months), to: atEnd ? endOfMonth(movedTo) : movedTo };
}

/**
 * The period compared with and the links around it. A period starting on the 1st is a calendar
 * period: it is compared with the same days of the month(s) before, and its links move by whole
 * months (month to date counting as the whole month). Any other period moves by its own length.
 */
function neighbours(from: string, to: string, today: string, linked: boolean) {
  const days = daysBetween(from, to);
  const cut = (p: DayPeriod | null): DayPeriod | null =>
    !p || p.from > today ? null : { from: p.from, to: p.to > today ? today : p.to };
  if (from.endsWith('-01')) {
    const months = monthsBetween(from, to) + 1;
    // Month to date links to whole months: the period it is part of, not a stub of it.
    const whole = to === today ? { from, to: endOfMonth(to) } : { from, to };
    return {
      previous: byMonths({ from, to }, -months),
      navigation: linked
        ? { previous: byMonths(whole, -months), next: cut(byMonths(whole, months)) }
        : null,
    };
  }
  const back = { from: shiftDay(from, -days), to: shiftDay(from, -1) };
  return {
    previous: back,
    navigation: linked
      ? { previous: back, next: cut({ from: shiftDay(to, 1), to: shiftDay(to, days) }) }
      : null,
  };
}

/** Why a from–to cannot be shown as asked, or null (a `to` after today is cut, silently). */
function problemOf(from: unknown, to: unknown, today: string): PeriodNote | null {
  if (!isDate(from) || !isDate(to)) return 'invalid-date';
  if (from > to) return 'reversed';
  if (from > today) return 'future';
  if (daysBetween(from, to > today ? today : to) > MAX_PERIOD_DAYS) return 'too-long';
  return null;
}

/**
 * Resolves an analytics query's period (`?range=`, or `?from=&to=` inclusive local dates) at `now`
 * in `timeZone`. Never throws: a bad from–to falls back to the default range, with a note saying why.
 */
export function resolvePeriod(
  query: Record<string, unknown>,
  now: Date,
  timeZone: string
): ResolvedPeriod {
  const asked = periodOf(query);
  const today = dayKey(now, timeZone);
  let note: PeriodNote | null = null;
  if (asked.from !== undefined || asked.to !== undefined) {
    note = problemOf(asked.from, asked.to, today);
    if (!note) {
      const to = asked.to! > today ? today : asked.to!;
      const range = dayRange('custom', asked.from!, to, timeZone);
      const { previous, navigation } = neighbours(asked.from!, to, today, true);
      return withPeriod(range, dayRange('custom', previous.from, previous.to, timeZone), {
        navigation,
        note,
      });
    }
  }
  const key = note ? DEFAULT_RANGE : parseRangeKey(asked.range);
  const range = resolveRange(key, now, timeZone);
  if (range.bucket === 'hour') {
    // The 24 hours before the hourly range.
    const previous = hourRange(new Date(range.since!.getTime() - 24 * 3_600_000), timeZone);
    return withPeriod(range, previous, { navigation: null, note });
  }
  const { previous, navigation } = neighbours(range.from, range.to, today, key === 'month');
  return withPeriod(range, dayRange(key, previous.from, previous.to, timeZone), {
    navigation,
    note,
  });
}

function withPeriod(
  range: ResolvedRange,
  previous: ResolvedRange,
  extra: Pick<AnalyticsPeriod, 'navigation' | 'note'>
): ResolvedPeriod {
  return {
    ...range,
    previous,
    period: {
      key: range.key,
      from: range.from,
      to: range.to,
      bucket: range.bucket,
      timeZone: range.timeZone,
      days: range.bucket === 'hour' ? 1 : range.buckets.length,
      previous: { from: previous.from, to: previous.to },
      ...extra,
    },
  };
}
