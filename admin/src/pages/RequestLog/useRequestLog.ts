import { useFetchClient, useAPIErrorHandler, useNotification } from '@strapi/strapi/admin';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LOG_FILTER_KEYS, toSearchParams } from '../../../../shared/analytics-query';
import {
  LOG_ORDERS,
  LOG_SORTS,
  type LogOrder,
  type LogSort,
} from '../../../../shared/contracts/request-log';
import { useAnalyticsQuery } from '../../hooks/useAnalyticsQuery';
import { useTranslate } from '../../hooks/useTranslate';
import { REQUEST_LOG_PATH, useGetLlmRequestLogQuery } from '../../services/request-log';

const pick = <T extends string>(values: readonly T[], value: string | null, fallback: T): T =>
  values.includes(value as T) ? (value as T) : fallback;

/** The server's reason from a failed download (a blob keeps the error body as a blob). */
async function reasonOf(data: Blob, status: number): Promise<string> {
  try {
    const body = JSON.parse(await data.text()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // Not JSON: the status says enough.
  }
  return `HTTP ${status}`;
}

/** The filtered log as a CSV file; a failure is a notification with the server's reason. */
function useExport(search: URLSearchParams) {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler();
  const t = useTranslate();
  return useCallback(async () => {
    const params = new URLSearchParams(search);
    params.delete('cursor');
    try {
      const { data, status = 200 } = await get(`${REQUEST_LOG_PATH}/export?${params}`, {
        responseType: 'blob',
        validateStatus: () => true,
      });
      if (status >= 400) throw new Error(await reasonOf(data, status));
      const url = URL.createObjectURL(data);
      const link = document.createElement('a');
      link.href = url;
      link.download = 'llm-requests.csv';
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      toggleNotification({
        type: 'danger',
        title: t('requestLog.export.failed', 'The export failed'),
        message:
          error instanceof Error
            ? error.message
            : formatAPIError(error as Parameters<typeof formatAPIError>[0]),
      });
    }
  }, [get, search, toggleNotification, formatAPIError, t]);
}

/**
 * The log's state, all in the URL (period, filters, sort and the page's cursor) so a link shows
 * the same rows. Earlier cursors are kept in memory for Previous: keyset pages only go forward.
 */
export function useRequestLog() {
  const analyticsQuery = useAnalyticsQuery(LOG_FILTER_KEYS);
  const [params, setParams] = useSearchParams();
  const [earlier, setEarlier] = useState<string[]>([]);
  const sort = pick<LogSort>(LOG_SORTS, params.get('sort'), 'time');
  const order = pick<LogOrder>(LOG_ORDERS, params.get('order'), 'desc');
  const cursor = params.get('cursor') ?? undefined;
  const search = useMemo(
    () =>
      toSearchParams(analyticsQuery.period, analyticsQuery.filters, {
        sort: sort === 'time' ? undefined : sort,
        order: order === 'desc' ? undefined : order,
        cursor,
      }),
    [analyticsQuery.period, analyticsQuery.filters, sort, order, cursor]
  );
  const page = useGetLlmRequestLogQuery(search.toString());
  // Another period, filter or sort starts again from the first page: earlier cursors are void.
  const withoutCursor = toSearchParams(analyticsQuery.period, analyticsQuery.filters, {
    sort,
    order,
  }).toString();
  useEffect(() => setEarlier([]), [withoutCursor]);

  const goTo = useCallback(
    (next: string | undefined) =>
      setParams((current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set('cursor', next);
        else updated.delete('cursor');
        return updated;
      }),
    [setParams]
  );

  return {
    ...analyticsQuery,
    sort,
    order,
    page,
    isFirstPage: !cursor,
    next: () => {
      if (!page.data?.nextCursor) return;
      setEarlier((list) => [...list, cursor ?? '']);
      goTo(page.data.nextCursor);
    },
    previous: () => {
      setEarlier((list) => list.slice(0, -1));
      goTo(earlier[earlier.length - 1] || undefined);
    },
    setSort: (to: LogSort) => {
      setEarlier([]);
      setParams((current) => {
        const updated = new URLSearchParams(current);
        const flip = to === sort && order === 'desc';
        updated.delete('cursor');
        if (to === 'time') updated.delete('sort');
        else updated.set('sort', to);
        if (flip) updated.set('order', 'asc');
        else updated.delete('order');
        return updated;
      });
    },
    download: useExport(search),
  };
}

export type RequestLogState = ReturnType<typeof useRequestLog>;
