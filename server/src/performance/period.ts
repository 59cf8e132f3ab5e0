import { errors } from '@strapi/utils';
import {
  DEFAULT_RANGE,
  MAX_PERIOD_DAYS,
  RANGE_KEYS,
  type RangeKey,
} from '../../../shared/contracts/analytics';
import { resolveRange, shiftDay, type ResolvedRange } from '../analytics/range';
import { validate, yup } from '../controllers/validation/validate';
import { dayKey } from '../time/day-key';

/**
 * The period of a Performance request: a named `range`, or `from`–`to` local dates (both
 * inclusive). Unlike the Analytics document, which falls back to its default so an old bookmark
 * still opens, a panel fetched by the page itself is told plainly what is wrong: a 400 naming it.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date: '2026-02-30' is refused rather than rolled into March. */
const isDate = (value: string) => DATE.test(value) && shiftDay(value, 0) === value;

const date = (path: string) =>
  yup
    .string()
    .typeError(`${path} must be a date (YYYY-MM-DD)`)
    .test('date', `${path} must be a date (YYYY-MM-DD)`, (v) => v === undefined || isDate(v));

const TOO_LONG = `to must be within ${MAX_PERIOD_DAYS} days of from`;

const periodSchema = yup
  .object({
    range: yup
      .string()
      .typeError(`range must be one of ${RANGE_KEYS.join(', ')}`)
      .oneOf([...RANGE_KEYS], `range must be one of ${RANGE_KEYS.join(', ')}`),
    from: date('from'),
    to: date('to'),
  })
  .test('both', 'from and to go together', function both(value) {
    if ((value.from === undefined) === (value.to === undefined)) return true;
    const missing = value.from === undefined ? 'from' : 'to';
    return this.createError({ path: missing, message: 'from and to go together' });
  })
  .test('order', 'from must not be after to', function order(value) {
    if (!value.from || !value.to || value.from <= value.to) return true;
    return this.createError({ path: 'from', message: 'from must not be after to' });
  })
  .test('length', TOO_LONG, function length(value) {
    if (!value.from || !value.to || shiftDay(value.from, MAX_PERIOD_DAYS - 1) >= value.to)
      return true;
    return this.createError({ path: 'to', message: TOO_LONG });
  });

/** Days from one local date to another, both inclusive. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * The period asked for, resolved in the plugin's time zone: a named range as the Analytics page
 * resolves it; a from–to as its days, cut at today (a period that starts after today is a 400).
 */
export async function resolvePeriod(
  query: Record<string, unknown>,
  now: Date,
  timeZone: string
): Promise<ResolvedRange> {
  const { range, from, to } = await validate(periodSchema, {
    range: query.range,
    from: query.from,
    to: query.to,
  });
  if (!from || !to)
    return resolveRange((range as RangeKey | undefined) ?? DEFAULT_RANGE, now, timeZone);
  const today = dayKey(now, timeZone);
  if (from > today) {
    const message = 'from must not be after today';
    throw new errors.ValidationError(message, {
      errors: [{ path: ['from'], message, name: 'ValidationError' }],
    });
  }
  const last = to > today ? today : to;
  const buckets: string[] = [];
  for (let day = from; day <= last; day = shiftDay(day, 1)) buckets.push(day);
  return { key: 'custom', from, to: last, bucket: 'day', timeZone, buckets };
}
