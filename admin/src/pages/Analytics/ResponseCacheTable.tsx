import type { AnalyticsDocument } from '../../../../shared/contracts/analytics';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { TableSection } from './TableSection';

/**
 * The gateway's response cache in the period: what it saved (the cached answers' original cost)
 * and its hit rate, in total and per configuration. Shown once there is a hit.
 */
export const ResponseCacheTable = ({ doc }: { doc: AnalyticsDocument }) => {
  const t = useTranslate();
  const f = useFormat();
  const { kpis } = doc;
  if (kpis.responseCacheHits === 0) return null;
  return (
    <TableSection
      testId="llm-response-cache"
      title={t('responseCache.title', 'Response cache')}
      subtitle={t(
        'responseCache.subtitle',
        'Saved by response cache: {saved}. Hit rate {rate} ({hits} of {requests} requests answered without a provider, at no cost).',
        {
          saved: f.usd(kpis.responseCacheSavedUsd),
          rate: f.percent(kpis.responseCacheHitRate ?? 0),
          hits: f.number(kpis.responseCacheHits),
          requests: f.number(kpis.requests),
        }
      )}
      columns={[
        t('responseCache.configuration', 'Configuration'),
        t('responseCache.requests', 'Requests'),
        t('responseCache.hits', 'Cache hits'),
        t('responseCache.hitRate', 'Hit rate'),
        t('responseCache.saved', 'Saved by response cache'),
      ]}
      rows={doc.responseCache.map((row) => ({
        key: row.key,
        testId: `llm-response-cache-${row.key}`,
        cells: [
          row.label,
          f.number(row.requests),
          f.number(row.hits),
          f.percent(row.hitRate),
          f.usd(row.savedUsd),
        ],
      }))}
    />
  );
};
