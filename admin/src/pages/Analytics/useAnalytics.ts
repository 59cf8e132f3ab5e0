import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  DEFAULT_RANGE,
  RANGE_KEYS,
  type AnalyticsDocument,
  type GetAnalytics,
  type RangeKey,
} from '../../../../shared/contracts/analytics';
import { PLUGIN_ID } from '../../pluginId';

const LIVE_EVERY_MS = 5000;

/** "all": the admin Analytics page; "me": the signed-in user's own usage. */
export type Scope = 'all' | 'me';

/** The range in the URL (?range=), or the default one. */
function useRange(): RangeKey {
  const [params] = useSearchParams();
  const requested = params.get('range');
  return RANGE_KEYS.includes(requested as RangeKey) ? (requested as RangeKey) : DEFAULT_RANGE;
}

/**
 * The analytics document of the range, reloaded every few seconds while "Live" is on, and its
 * export as a file download.
 */
export function useAnalytics(scope: Scope) {
  const { get } = useFetchClient();
  const range = useRange();
  const base = scope === 'all' ? `/${PLUGIN_ID}/analytics` : `/${PLUGIN_ID}/me/analytics`;
  const [doc, setDoc] = useState<AnalyticsDocument | null>(null);
  const [failed, setFailed] = useState(false);
  const [live, setLive] = useState(false);

  const load = useCallback(async () => {
    try {
      const { data } = await get<GetAnalytics.Response>(`${base}?range=${range}`);
      setDoc(data.data);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [get, base, range]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => void load(), LIVE_EVERY_MS);
    return () => clearInterval(timer);
  }, [live, load]);

  const download = async (format: 'csv' | 'json') => {
    const { data } = await get(`${base}/export?range=${range}&format=${format}`, {
      responseType: 'blob',
    });
    const url = URL.createObjectURL(data);
    const link = document.createElement('a');
    link.href = url;
    link.download = `llm-usage-${range}.${format}`;
    link.click();
    URL.revokeObjectURL(url);
  };

  return { range, doc, failed, live, setLive, download };
}
