import { Box, Button, EmptyStateLayout, Flex, Toggle, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  DEFAULT_RANGE,
  RANGE_KEYS,
  type AnalyticsDocument,
  type GetAnalytics,
  type RangeKey,
} from '../../../../shared/contracts/analytics';
import { BudgetBanner } from '../../components/BudgetBanner';
import { PERMISSIONS } from '../../permissions';
import { PLUGIN_ID } from '../../pluginId';
import { Breakdowns } from './Breakdowns';
import { KpiTiles } from './KpiTiles';
import { LatencyTable } from './LatencyTable';
import { ModelCharts } from './ModelCharts';
import { RangeLinks } from './RangeLinks';
import { TrendChart } from './TrendChart';
import { TopEntries } from './TopEntries';
import { UsersTable } from './UsersTable';

const LIVE_EVERY_MS = 5000;

interface Props {
  /** "all": the admin Analytics page; "me": the signed-in user's own usage. */
  scope: 'all' | 'me';
}

const AnalyticsView = ({ scope }: Props) => {
  const { get } = useFetchClient();
  const [params] = useSearchParams();
  const requested = params.get('range');
  const range: RangeKey = RANGE_KEYS.includes(requested as RangeKey)
    ? (requested as RangeKey)
    : DEFAULT_RANGE;
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
    const url = URL.createObjectURL(data as Blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `llm-usage-${range}.${format}`;
    link.click();
    URL.revokeObjectURL(url);
  };

  if (failed && !doc) return <Page.Error />;
  if (!doc) return <Page.Loading />;
  const empty = doc.kpis.requests === 0 && doc.kpis.blocked === 0;

  return (
    <Page.Main>
      <Page.Title>{scope === 'all' ? 'LLM analytics' : 'My LLM usage'}</Page.Title>
      <Layouts.Header
        title={scope === 'all' ? 'Analytics' : 'My usage'}
        subtitle={`${doc.range.from} – ${doc.range.to} (${doc.range.timeZone}). Costs are estimated from the prices in effect at each call.`}
        primaryAction={
          <Flex gap={2}>
            <Button
              variant="tertiary"
              startIcon={<Download />}
              onClick={() => void download('csv')}
              data-testid="llm-export-csv"
            >
              CSV
            </Button>
            <Button
              variant="tertiary"
              startIcon={<Download />}
              onClick={() => void download('json')}
            >
              JSON
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={5}>
          {scope === 'me' && <BudgetBanner />}
          <Flex justifyContent="space-between" wrap="wrap" gap={3}>
            <RangeLinks current={range} />
            <Flex gap={2}>
              <Typography variant="pi" id="llm-live-label">
                Live
              </Typography>
              <Toggle
                aria-labelledby="llm-live-label"
                onLabel="On"
                offLabel="Off"
                checked={live}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => setLive(e.target.checked)}
              />
            </Flex>
          </Flex>
          {empty ? (
            <Box background="neutral0" hasRadius shadow="filterShadow" data-testid="llm-empty">
              <EmptyStateLayout content="No LLM usage in this range yet. On a development site, `npx strapi-llm seed-usage` fills it with 90 days of demo usage." />
            </Box>
          ) : (
            <>
              <KpiTiles kpis={doc.kpis} />
              <TrendChart trend={doc.trend} />
              <ModelCharts byModel={doc.byModel} />
              <Breakdowns breakdowns={doc.breakdowns} />
              <LatencyTable rows={doc.latencyByService} />
              <TopEntries entries={doc.topEntries} />
              {scope === 'all' && <UsersTable users={doc.users} />}
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export const AnalyticsPage = () => (
  <Page.Protect permissions={PERMISSIONS.analytics}>
    <AnalyticsView scope="all" />
  </Page.Protect>
);

export const MyUsagePage = () => <AnalyticsView scope="me" />;
