import { Flex } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import type { AnalyticsDocument } from '../../../../shared/contracts/analytics';
import { BudgetBanner } from '../../components/BudgetBanner';
import { useTranslate } from '../../hooks/useTranslate';
import { PERMISSIONS } from '../../permissions';
import { ExportButtons, LiveToggle } from './AnalyticsControls';
import { Breakdowns } from './Breakdowns';
import { EmptyRange } from './EmptyRange';
import { KpiTiles } from './KpiTiles';
import { LatencyTable } from './LatencyTable';
import { ModelCharts } from './ModelCharts';
import { RangeLinks } from './RangeLinks';
import { TopEntries } from './TopEntries';
import { TrendChart } from './TrendChart';
import { useAnalytics, type Scope } from './useAnalytics';
import { UsersTable } from './UsersTable';

/** Every figure of the range, from the headline tiles down to the users (site-wide only). */
const Sections = ({ doc, scope }: { doc: AnalyticsDocument; scope: Scope }) => (
  <>
    <KpiTiles kpis={doc.kpis} />
    <TrendChart trend={doc.trend} />
    <ModelCharts byModel={doc.byModel} />
    <Breakdowns breakdowns={doc.breakdowns} />
    <LatencyTable rows={doc.latencyByService} />
    <TopEntries entries={doc.topEntries} />
    {scope === 'all' && <UsersTable users={doc.users} />}
  </>
);

const AnalyticsView = ({ scope }: { scope: Scope }) => {
  const t = useTranslate();
  const { range, doc, failed, live, setLive, download } = useAnalytics(scope);

  if (failed && !doc) return <Page.Error />;
  if (!doc) return <Page.Loading />;
  const empty = doc.kpis.requests === 0 && doc.kpis.blocked === 0;

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
        subtitle={t(
          'analytics.subtitle',
          '{from} – {to} ({timeZone}). Costs are estimated from the prices in effect at each call.',
          { from: doc.range.from, to: doc.range.to, timeZone: doc.range.timeZone }
        )}
        primaryAction={<ExportButtons onExport={(format) => void download(format)} />}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={5}>
          {scope === 'me' && <BudgetBanner />}
          <Flex justifyContent="space-between" wrap="wrap" gap={3}>
            <RangeLinks current={range} />
            <LiveToggle live={live} onChange={setLive} />
          </Flex>
          {empty ? <EmptyRange scope={scope} /> : <Sections doc={doc} scope={scope} />}
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
