import { FORECAST_TRAILING_DAYS } from '../../../shared/contracts/forecast';
import { divRound } from '../pricing/money';
import { addDays, daysBetween, monthBounds } from './days';

/** Exact spend per local day ('YYYY-MM-DD' → femto-USD); a missing day spent nothing. */
export type DailySpend = Map<string, bigint>;

export interface Projection {
  monthSoFar: bigint;
  today: bigint;
  /** femto-USD per day, rounded to the femto. */
  rate: bigint;
  projected: bigint;
  daysLeft: number;
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);

/** The days whose spend the method reads for `today`: the trailing days and this month so far. */
export function daysRead(today: string): { from: string; to: string } {
  const trailingStart = addDays(today, -FORECAST_TRAILING_DAYS);
  const { first } = monthBounds(today);
  return { from: trailingStart < first ? trailingStart : first, to: today };
}

/**
 * The month-end projection (shared/contracts/forecast.ts states the method): the trailing days'
 * average, today at the larger of its spend so far and that rate, each later day at the rate.
 */
export function project(spend: DailySpend, today: string): Projection {
  const { first, last } = monthBounds(today);
  let trailing = 0n;
  for (let back = 1; back <= FORECAST_TRAILING_DAYS; back++)
    trailing += spend.get(addDays(today, -back)) ?? 0n;
  const rate = divRound(trailing, BigInt(FORECAST_TRAILING_DAYS));
  let monthSoFar = 0n;
  for (const [day, femto] of spend) if (day >= first && day <= today) monthSoFar += femto;
  const todaySoFar = spend.get(today) ?? 0n;
  const daysLeft = daysBetween(today, last);
  const projected = monthSoFar - todaySoFar + max(todaySoFar, rate) + rate * BigInt(daysLeft);
  return { monthSoFar, today: todaySoFar, rate, projected, daysLeft };
}

/**
 * When a cost limit is reached at the projected rate (all nano-USD): today when the use already
 * reaches it or today's projection does, else the first later day of the window that does; null
 * when the window (ending on `windowEnd`) ends first.
 */
export function runOut(input: {
  used: bigint;
  limit: bigint;
  rate: bigint;
  todaySoFar: bigint;
  today: string;
  windowEnd: string;
}): { runsOutOn: string | null; projected: bigint } {
  const { used, limit, rate, todaySoFar, today, windowEnd } = input;
  const restOfToday = max(0n, rate - todaySoFar);
  const later = BigInt(daysBetween(today, windowEnd));
  const projected = used + restOfToday + rate * later;
  if (used + restOfToday >= limit) return { runsOutOn: today, projected };
  if (rate <= 0n) return { runsOutOn: null, projected };
  const missing = limit - used - restOfToday;
  const days = (missing + rate - 1n) / rate;
  return { runsOutOn: days <= later ? addDays(today, Number(days)) : null, projected };
}
