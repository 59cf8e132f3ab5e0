import { Flex } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { filterCount, type FilterKey } from '../../../../shared/analytics-query';
import { DEFAULT_RANGE, type AnalyticsDocument } from '../../../../shared/contracts/analytics';
import { BudgetBanner } from '../../components/BudgetBanner';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate } from '../../hooks/useTranslate';
import { PERMISSIONS } from '../../permissions';
import { ExportButtons, LiveToggle } from './AnalyticsControls';
import { Breakdowns } from './Breakdowns';
import { CachePanel } from './CachePanel';
import type { Drill } from './drill';
import { EmptyRange } from './EmptyRange';
import { FilterChips } from './FilterChips';
import { chipsOf } from './filterChipsOf';
import { ForecastPanel } from './ForecastPanel';
import { KpiTiles } from './KpiTiles';
import { LatencyTable } from './LatencyTable';
import { ModelCharts } from './ModelCharts';
import { Dimmed, LiveFailure, LoadError } from './PageStates';
import { PerformancePanel } from './PerformancePanel';
import { CustomPeriod, PeriodSteps } from './PeriodControls';
import { PeriodNotice } from './PeriodNotice';
import { RangeLinks } from './RangeLinks';
import { ResponseCacheTable } from './ResponseCacheTable';
import { RolesTable } from './RolesTable';
import { TopEntries } from './TopEntries';
import { TrendChart } from './TrendChart';
import { FILTERS_OF, useAnalytics, type Scope } from './useAnalytics';
import { UsersTable } from './UsersTable';

type State = ReturnType<typeof useAnalytics>;

/** Every figure of the period, from the headline tiles down to the users (site-wide only). */
const Sections = ({
  doc,
  scope,
  view,
}: {
  doc: AnalyticsDocument;
  scope: Scope;
  view: State['view'];
}) => {
  const drill: Drill = { keys: FILTERS_OF[scope], period: view.period, addFilter: view.addFilter };
  const filter = (key: FilterKey) => (value: string) => view.addFilter(key, value);
  const all = scope === 'all';
  return (
    <>
      <KpiTiles doc={doc} />
      <TrendChart trend={doc.trend} range={doc.range} />
      {all && <ForecastPanel period={view.period} />}
      <ModelCharts byModel={doc.byModel} range={doc.range} onModel={filter('model')} />
      <CachePanel trend={doc.trend} range={doc.range} />
      <ResponseCacheTable doc={doc} />
      {all && <PerformancePanel period={view.period} filters={view.filters} />}
      <Breakdowns breakdowns={doc.breakdowns} drill={drill} />
      <LatencyTable rows={doc.latencyByService} />
      <TopEntries entries={doc.topEntries} />
      {all && <RolesTable roles={doc.roles ?? []} onRole={filter('role')} />}
      {all && <UsersTable users={doc.users} onUser={filter('user')} />}
    </>
  );
};

const isEmpty = (doc: AnalyticsDocument) => doc.kpis.requests === 0 && doc.kpis.blocked === 0;

/** The period (named ranges, previous/next, from–to) and Live, above the figures. */
const PeriodBar = ({ state, showLive }: { state: State; showLive: boolean }) => {
  const { view, doc } = state;
  const custom = view.period.from !== undefined || view.period.to !== undefined;
  // The period as asked; where the server fell back (range.note), the one it shows.
  const current = doc?.range.note
    ? doc.range.key
    : custom
      ? 'custom'
      : (view.period.range ?? DEFAULT_RANGE);
  return (
    <Flex justifyContent="space-between" wrap="wrap" gap={3} alignItems="flex-end">
      <Flex gap={3} wrap="wrap" alignItems="center">
        <RangeLinks current={current} searchFor={view.searchFor} />
        <PeriodSteps navigation={doc?.range.navigation ?? null} onStep={view.setPeriod} />
      </Flex>
      <Flex gap={4} wrap="wrap" alignItems="flex-end">
        <CustomPeriod
          key={`${doc?.range.from}|${doc?.range.to}`}
          shown={doc?.range}
          onApply={view.setPeriod}
        />
        {showLive && <LiveToggle live={state.live} onChange={state.setLive} />}
      </Flex>
    </Flex>
  );
};

/** The page's title, its period's dates and the export. */
const Header = ({ scope, state, empty }: { scope: Scope; state: State; empty: boolean }) => {
  const t = useTranslate();
  const format = useFormat();
  const { doc, stale } = state;
  return (
    <>
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
          doc && (
            <span data-testid="llm-period-dates">
              {t(
                'analytics.subtitle',
                '{from} – {to} ({timeZone}). Costs are estimated from the prices in effect at each call.',
                {
                  from: format.bucket(doc.range.from),
                  to: format.bucket(doc.range.to),
                  timeZone: doc.range.timeZone,
                }
              )}
            </span>
          )
        }
        primaryAction={
          doc && !empty && !stale ? <ExportButtons onExport={state.download} /> : undefined
        }
      />
    </>
  );
};

const AnalyticsView = ({ scope }: { scope: Scope }) => {
  const state = useAnalytics(scope);
  const { view, doc, stale, error, loading } = state;

  if (!doc && !error) return <Page.Loading />;
  const empty = doc ? isEmpty(doc) : true;

  return (
    <Page.Main>
      <Header scope={scope} state={state} empty={empty} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={5}>
          {scope === 'me' && <BudgetBanner />}
          <PeriodBar state={state} showLive={Boolean(doc && (!empty || state.live))} />
          <PeriodNotice note={doc?.range.note} />
          <FilterChips
            filters={chipsOf(view.filters, doc?.filters)}
            onRemove={(chip) => view.removeFilter(chip.key as FilterKey, chip.value)}
            onClear={view.clearFilters}
          />
          {state.liveFailures > 0 && <LiveFailure error={error} nextTryMs={state.nextTryMs} />}
          {!doc ? (
            <LoadError error={error} onRetry={() => void state.retry()} busy={loading} />
          ) : (
            <Dimmed busy={stale || (loading && !state.live)}>
              {empty ? (
                <EmptyRange
                  scope={scope}
                  onClearFilters={filterCount(view.filters) > 0 ? view.clearFilters : undefined}
                />
              ) : (
                <Sections doc={doc} scope={scope} view={view} />
              )}
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
