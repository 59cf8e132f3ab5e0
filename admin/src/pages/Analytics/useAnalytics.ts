import { useAPIErrorHandler, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  FILTER_KEYS,
  type FilterKey,
  type Filters,
  type PeriodQuery,
} from '../../../../shared/analytics-query';
import { DEFAULT_RANGE } from '../../../../shared/contracts/analytics';
import { useAnalyticsQuery } from '../../hooks/useAnalyticsQuery';
import { useTranslate } from '../../hooks/useTranslate';
import {
  analyticsParams,
  analyticsPath,
  useGetLlmAnalyticsQuery,
  type AnalyticsScope,
} from '../../services/analytics';

/** Live mode reloads every 5 s; after a failure it waits twice as long each time, up to a minute. */
export const LIVE_EVERY_MS = 5000;
export const LIVE_MAX_MS = 60_000;
export const liveDelay = (failures: number) => Math.min(LIVE_EVERY_MS * 2 ** failures, LIVE_MAX_MS);

export type Scope = AnalyticsScope;

/** The filters a scope offers: My usage is one user's own calls, so not by user or role. */
export const FILTERS_OF: Record<Scope, readonly FilterKey[]> = {
  all: FILTER_KEYS,
  me: FILTER_KEYS.filter((key) => key !== 'user' && key !== 'role'),
};

/** The download's file name: the named range, or the from–to of a custom period. */
const fileStem = (period: PeriodQuery) =>
  period.from || period.to
    ? `${period.from ?? ''}_${period.to ?? ''}`
    : (period.range ?? DEFAULT_RANGE);

/**
 * "Live": reload while on, 5 s apart, backing off (doubling up to 60 s) while reloads fail and
 * back to 5 s on the first success. Returns the failures in a row and the wait before the next try.
 */
function useLive(refetch: () => { unwrap: () => Promise<unknown> }) {
  const [live, setLive] = useState(false);
  const [failures, setFailures] = useState(0);
  const refetchRef = useRef(refetch);
  refetchRef.current = refetch;
  useEffect(() => {
    if (!live) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    let misses = 0;
    const next = () => {
      timer = setTimeout(async () => {
        try {
          await refetchRef.current().unwrap();
          misses = 0;
        } catch {
          misses += 1;
        }
        if (cancelled) return;
        setFailures(misses);
        next();
      }, liveDelay(misses));
    };
    setFailures(0);
    next();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [live]);
  return { live, setLive, liveFailures: live ? failures : 0, nextTryMs: liveDelay(failures) };
}

/**
 * The server's reason from a failed download: a blob response keeps the error body as a blob, so
 * the `{ error: { message } }` document is read from it (the fetch client would only say "Server Error").
 */
class DownloadError extends Error {}

async function downloadError(data: Blob, status: number): Promise<DownloadError> {
  try {
    const body = JSON.parse(await data.text()) as { error?: { message?: string } };
    if (body.error?.message) return new DownloadError(body.error.message);
  } catch {
    // Not JSON: fall back to the status.
  }
  return new DownloadError(`HTTP ${status}`);
}

/** The export of the period and filters on screen as a file; a failure is a notification with the server's reason. */
function useDownload(scope: Scope, period: PeriodQuery, filters: Filters) {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler();
  const t = useTranslate();
  return useCallback(
    async (format: 'csv' | 'json') => {
      try {
        const { data, status = 200 } = await get(`${analyticsPath(scope)}/export`, {
          params: analyticsParams({ period, filters }, { format }),
          responseType: 'blob',
          validateStatus: () => true,
        });
        if (status >= 400) throw await downloadError(data, status);
        const url = URL.createObjectURL(data);
        const link = document.createElement('a');
        link.href = url;
        link.download = `llm-usage-${fileStem(period)}.${format}`;
        link.click();
        // Some browsers read the blob after click() returns: release it a little later.
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      } catch (error) {
        toggleNotification({
          type: 'danger',
          title: t('analytics.export.failed', 'The export failed'),
          message:
            error instanceof DownloadError
              ? error.message
              : formatAPIError(error as Parameters<typeof formatAPIError>[0]),
        });
      }
    },
    [get, scope, period, filters, toggleNotification, formatAPIError, t]
  );
}

/**
 * The analytics document of the URL's period and filters (RTK Query, through the admin's data
 * layer). While another query loads, the previous figures stay (`stale`) so the page can dim them;
 * `error` is the last request's failure, `retry` asks again. `view` edits the period and filters.
 */
export function useAnalytics(scope: Scope) {
  const view = useAnalyticsQuery(FILTERS_OF[scope]);
  const { period, filters } = view;
  const query = useGetLlmAnalyticsQuery({ scope, period, filters });
  const { currentData, data, error, isFetching, refetch } = query;
  const doc = currentData ?? (isFetching ? data : undefined);
  const stale = isFetching && currentData === undefined && doc !== undefined;
  const live = useLive(refetch);
  const download = useDownload(scope, period, filters);
  return {
    view,
    doc,
    stale,
    loading: isFetching,
    error,
    retry: refetch,
    download,
    ...live,
  };
}
