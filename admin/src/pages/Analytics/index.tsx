import { Flex } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import type { AnalyticsDocument } from '../../../../shared/contracts/analytics';
import { BudgetBanner } from '../../components/BudgetBanner';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { PERMISSIONS } from '../../permissions';
import { ExportButtons, LiveToggle } from './AnalyticsControls';
import { Breakdowns } from './Breakdowns';
import { EmptyRange } from './EmptyRange';
import { KpiTiles } from './KpiTiles';
import { LatencyTable } from './LatencyTable';
import { ModelCharts } from './ModelCharts';
import { Dimmed, LiveFailure, LoadError } from './PageStates';
import { RangeLinks } from './RangeLinks';
import { TopEntries } from './TopEntries';
import { TrendChart } from './TrendChart';
import { useAnalytics, type Scope } from './useAnalytics';
import { UsersTable } from './UsersTable';

/** Every figure of the range, from the headline tiles down to the users (site-wide only). */
const Sections = ({ doc, scope }: { doc: AnalyticsDocument; scope: Scope }) => (
  <>
    <KpiTiles kpis={doc.kpis} />
    <TrendChart trend={doc.trend} range={doc.range} />
    <ModelCharts byModel={doc.byModel} range={doc.range} />
    <Breakdowns breakdowns={doc.breakdowns} />
    <LatencyTable rows={doc.latencyByService} />
    <TopEntries entries={doc.topEntries} />
    {scope === 'all' && <UsersTable users={doc.users} />}
  </>
);

const isEmpty = (doc: AnalyticsDocument) => doc.kpis.requests === 0 && doc.kpis.blocked === 0;

const AnalyticsView = ({ scope }: { scope: Scope }) => {
  const t = useTranslate();
  const format = useFormat();
  const state = useAnalytics(scope);
  const { range, doc, stale, error, loading } = state;

  if (!doc && !error) return <Page.Loading />;
  const empty = doc ? isEmpty(doc) : true;

  return (
    <Page.Main>
      <Page.Title>
        {scope === 'all'
          ? t('analytics.pageTitle', 'LLM analytics')
          : t('analytics.pageTitle.me', 'My LLM usage')}
      </Page.Title>
      <Layouts.Header
        title={
          scope === 'all' ? t('analytics.title', 'Analytics') : t('analytics.title.me', 'My usage')
        }
        subtitle={
          doc &&
          t(
            'analytics.subtitle',
            '{from} – {to} ({timeZone}). Costs are estimated from the prices in effect at each call.',
            {
              from: format.bucket(doc.range.from),
              to: format.bucket(doc.range.to),
              timeZone: doc.range.timeZone,
            }
          )
        }
        primaryAction={
          doc && !empty && !stale ? <ExportButtons onExport={state.download} /> : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={5}>
          {scope === 'me' && <BudgetBanner />}
          <Flex justifyContent="space-between" wrap="wrap" gap={3}>
            <RangeLinks current={range} />
            {doc && (!empty || state.live) && (
              <LiveToggle live={state.live} onChange={state.setLive} />
            )}
          </Flex>
          {state.liveFailures > 0 && <LiveFailure error={error} nextTryMs={state.nextTryMs} />}
          {!doc ? (
            <LoadError error={error} onRetry={() => void state.retry()} busy={loading} />
          ) : (
            <Dimmed busy={stale || (loading && !state.live)}>
              {empty ? <EmptyRange scope={scope} /> : <Sections doc={doc} scope={scope} />}
            </Dimmed>
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
