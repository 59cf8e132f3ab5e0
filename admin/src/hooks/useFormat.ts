import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { formatCount, formatUsd, formatUsdTick } from '../../../shared/format';
import { useTranslate } from './useTranslate';

/** One date style for the whole plugin: the admin locale's medium date, 24-hour times. */
const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** A bucket key from the server ("2026-11-01", "2026-11-21 22", "2026-11") as a UTC instant. */
function bucketDate(key: string): { date: Date; precision: 'month' | 'day' | 'hour' } {
  const [day, hour] = key.split(' ');
  const [y, m, d] = day.split('-').map(Number);
  const precision = hour !== undefined ? 'hour' : d === undefined ? 'month' : 'day';
  return { date: new Date(Date.UTC(y, (m ?? 1) - 1, d ?? 1, Number(hour ?? 0))), precision };
}

/**
 * Numbers, money and dates in the signed-in user's admin locale, the same way on every screen.
 * Bucket keys are already in the site's time zone, so they are formatted as UTC (no second shift).
 */
export function useFormat() {
  const { locale } = useIntl();
  const t = useTranslate();
  const unpriced = t('format.unpriced', 'unpriced');

  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { ...DATE, ...TIME });
    const date = new Intl.DateTimeFormat(locale, DATE);
    const bucketFormats = {
      hour: new Intl.DateTimeFormat(locale, {
        month: 'short',
        day: 'numeric',
        ...TIME,
        timeZone: 'UTC',
      }),
      day: new Intl.DateTimeFormat(locale, { ...DATE, timeZone: 'UTC' }),
      month: new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }),
    };
    const number = new Intl.NumberFormat(locale);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    return {
      locale,
      /** Exact decimal USD text as money ("$1,234.56", "1.234,56 $"); null → "unpriced". */
      usd: (value: string | null | undefined, options: { approximate?: boolean } = {}) =>
        formatUsd(value, { ...options, locale, unpriced }),
      usdTick: (value: number) => formatUsdTick(value, locale),
      /** Compact counts for tiles and axes ("1.2M", "34.5k"). */
      count: (value: string | number | null | undefined) => formatCount(value, locale),
      /** Every digit, grouped ("122,930"): tables. */
      number: (value: number) => number.format(value),
      /** A ratio (0.125) as a percentage ("12.5 %"). */
      percent: (ratio: number) => percent.format(ratio),
      date: (value: string | number | Date) => date.format(new Date(value)),
      dateTime: (value: string | number | Date) => dateTime.format(new Date(value)),
      /** A server bucket key, at its own precision (hour, day or month). */
      bucket: (key: string) => {
        const { date: at, precision } = bucketDate(key);
        return bucketFormats[precision].format(at);
      },
    };
  }, [locale, unpriced]);
}

export type Format = ReturnType<typeof useFormat>;
