import { useCallback } from 'react';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import type { Grain } from './aggregate';

/** A bucket's name in the user's locale: an hour, a day, "Week of 2 Nov 2026" or a month. */
export function useBucketLabel(grain: Grain) {
  const format = useFormat();
  const t = useTranslate();
  return useCallback(
    (key: string) =>
      grain === 'week'
        ? t('analytics.bucket.week', 'Week of {date}', { date: format.bucket(key) })
        : format.bucket(key),
    [grain, format, t]
  );
}
