import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  FILTER_KEYS,
  parseFilters,
  periodOf,
  searchParamsToQuery,
  type Filters,
  type LogFilterKey,
  type PeriodQuery,
} from '../../../shared/analytics-query';

const PERIOD_PARAMS = ['range', 'from', 'to'];

/** The URL search of another period with the same filters and other parameters. */
export function searchWithPeriod(params: URLSearchParams, to: PeriodQuery): string {
  const next = new URLSearchParams(params);
  next.delete('cursor');
  for (const name of PERIOD_PARAMS) next.delete(name);
  if (to.from !== undefined || to.to !== undefined) {
    if (to.from) next.set('from', to.from);
    if (to.to) next.set('to', to.to);
  } else if (to.range) next.set('range', to.range);
  return `?${next.toString()}`;
}

/** A copy of the URL's parameters with one edit, and without the cursor of the old results. */
function edited(current: URLSearchParams, edit: (next: URLSearchParams) => void) {
  const next = new URLSearchParams(current);
  next.delete('cursor');
  edit(next);
  return next;
}

/** Removes one value of a filter, or all of its values. */
function dropFilter(params: URLSearchParams, key: string, value?: string) {
  const kept = value === undefined ? [] : params.getAll(key).filter((v) => v !== value);
  params.delete(key);
  for (const v of kept) params.append(key, v);
}

/**
 * The period and filters of an analytics view, kept in the URL (shareable; the back button undoes
 * a filter). Values the URL holds that are not valid are left out here and reported by the server.
 * Changing the period or a filter keeps every other parameter of the URL except `cursor`, which
 * belongs to the page of results it was handed out for.
 */
export function useAnalyticsQuery<K extends LogFilterKey>(
  keys: readonly K[] = FILTER_KEYS as unknown as readonly K[]
) {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => searchParamsToQuery(params), [params]);
  const period = useMemo(() => periodOf(query), [query]);
  const filters = useMemo(() => parseFilters(query, keys).filters, [query, keys]);

  const change = useCallback(
    (edit: (next: URLSearchParams) => void) => setParams((current) => edited(current, edit)),
    [setParams]
  );

  /** The URL search of another period with the same filters (range links, previous/next). */
  const searchFor = useCallback((to: PeriodQuery) => searchWithPeriod(params, to), [params]);

  const setPeriod = useCallback(
    (to: PeriodQuery) => setParams(new URLSearchParams(searchFor(to).slice(1))),
    [searchFor, setParams]
  );

  const addFilter = useCallback(
    (key: K, value: string) =>
      change((next) => {
        if (!next.getAll(key).includes(value)) next.append(key, value);
      }),
    [change]
  );

  const removeFilter = useCallback(
    (key: K, value?: string) => change((next) => dropFilter(next, key, value)),
    [change]
  );

  const clearFilters = useCallback(
    () => change((next) => keys.forEach((key) => next.delete(key))),
    [change, keys]
  );

  return {
    period,
    filters: filters as Filters<K>,
    /** The raw query object, for the server (period and filters as the URL says them). */
    query,
    searchFor,
    setPeriod,
    addFilter,
    removeFilter,
    clearFilters,
  };
}
