import type { Kpis, LatencyFigures } from '../../../../shared/contracts/analytics';
import type { Format } from '../../hooks/useFormat';
import { msg, type Message, type Translate } from '../../hooks/useTranslate';
import type { ChangeSpec } from './kpiChange';

/** A tile's figure, or the line under it, from the range's KPIs (`t` for words and units). */
type Text = (kpis: Kpis, t: Translate, f: Format) => string;

export interface KpiTileSpec {
  testId: string;
  label: Message;
  /** What the figure is, exactly (shared/contracts/analytics.ts says the same). */
  definition: Message;
  value: Text;
  hint?: (kpis: Kpis, t: Translate, f: Format) => string | undefined;
  /** The figure compared with the previous period, and whether a rise is good, bad or neither. */
  change: ChangeSpec;
}

const percent = (value: number | null, f: Format) => (value === null ? '–' : f.percent(value));
const ms = (value: number | null, t: Translate, f: Format) =>
  value === null
    ? '–'
    : value >= 10_000
      ? t('units.seconds', '{value} s', { value: f.number(value / 1000) })
      : t('units.milliseconds', '{value} ms', { value: f.number(value) });
const latency = (figures: LatencyFigures, t: Translate, f: Format) =>
  figures.calls === 0 ? '–' : `${ms(figures.p50Ms, t, f)} · ${ms(figures.p95Ms, t, f)}`;
const avgCost: Text = (kpis, _t, f) =>
  kpis.avgCostPerPricedRequestUsd === null ? '–' : f.usd(kpis.avgCostPerPricedRequestUsd);

const costHint: KpiTileSpec['hint'] = (kpis, t, f) =>
  kpis.unpricedRequests > 0
    ? t(
        'kpi.cost.unpriced',
        '+ {count, plural, one {{calls} unpriced call} other {{calls} unpriced calls}} not included',
        { count: kpis.unpricedRequests, calls: f.count(kpis.unpricedRequests) }
      )
    : t('kpi.cost.hint', 'at the prices of each call');
const requestsHint: KpiTileSpec['hint'] = (kpis, t, f) =>
  kpis.blocked > 0
    ? t('kpi.requests.blocked', '{count} blocked by budgets', { count: f.count(kpis.blocked) })
    : undefined;
const tokensHint: KpiTileSpec['hint'] = (kpis, t, f) =>
  t('kpi.tokens.hint', '{input} in · {output} out', {
    input: f.count(kpis.inputTokens),
    output: f.count(kpis.outputTokens),
  });
const avgCostHint: KpiTileSpec['hint'] = (kpis, t, f) =>
  t(
    'kpi.avgCost.hint',
    'over {count, plural, one {{calls} successful priced call} other {{calls} successful priced calls}}',
    { count: kpis.pricedRequests, calls: f.count(kpis.pricedRequests) }
  );
const cacheHint: KpiTileSpec['hint'] = (kpis, t, f) =>
  t('kpi.cache.hint', '{written} written to cache · saved {saved}', {
    written: f.count(kpis.cacheWriteTokens),
    saved: f.usd(kpis.cacheSavingsUsd),
  });

/**
 * The headline tiles of the Analytics page, in the order they are shown. Each tile's `change` says,
 * once, what its rise means: spending, failing and waiting more is bad (cost, average cost, failure
 * rate, latency — its median), more of the cache is good, volumes (requests, tokens, providers,
 * models, users) are neutral.
 */
export const KPI_TILES: KpiTileSpec[] = [
  {
    testId: 'cost',
    change: { kind: 'usd', figure: (k) => k.costUsd, better: 'down' },
    label: msg('kpi.cost', 'Total cost (estimated)'),
    definition: msg(
      'kpi.cost.definition',
      'Every priced call in the range at the prices in force when it ran, exact to the femto-dollar. Unpriced calls are counted apart, never as $0.'
    ),
    value: (k, _t, f) => f.usd(k.costUsd),
    hint: costHint,
  },
  {
    testId: 'requests',
    change: { kind: 'count', figure: (k) => k.requests, better: 'neutral' },
    label: msg('kpi.requests', 'Requests'),
    definition: msg(
      'kpi.requests.definition',
      'Calls that reached a provider, successful or failed. Calls a budget refused are counted as blocked, not as requests.'
    ),
    value: (k, _t, f) => f.count(k.requests),
    hint: requestsHint,
  },
  {
    testId: 'tokens',
    change: { kind: 'count', figure: (k) => k.tokens, better: 'neutral' },
    label: msg('kpi.tokens', 'Tokens'),
    definition: msg(
      'kpi.tokens.definition',
      'Input plus output tokens, as each provider reported them.'
    ),
    value: (k, _t, f) => f.count(k.tokens),
    hint: tokensHint,
  },
  {
    testId: 'providers',
    change: { kind: 'count', figure: (k) => k.providers, better: 'neutral' },
    label: msg('kpi.providers', 'Providers'),
    definition: msg(
      'kpi.providers.definition',
      'Providers that served at least one request in the range.'
    ),
    value: (k, _t, f) => f.number(k.providers),
  },
  {
    testId: 'models',
    change: { kind: 'count', figure: (k) => k.models, better: 'neutral' },
    label: msg('kpi.models', 'Models'),
    definition: msg(
      'kpi.models.definition',
      'Models that served at least one request in the range.'
    ),
    value: (k, _t, f) => f.number(k.models),
  },
  {
    testId: 'users',
    change: { kind: 'count', figure: (k) => k.activeUsers, better: 'neutral' },
    label: msg('kpi.users', 'Active users'),
    definition: msg(
      'kpi.users.definition',
      'Admin users who made at least one request in the range.'
    ),
    value: (k, _t, f) => f.number(k.activeUsers),
  },
  {
    testId: 'avg-cost',
    change: { kind: 'usd', figure: (k) => k.avgCostPerPricedRequestUsd, better: 'down' },
    label: msg('kpi.avgCost', 'Avg cost / priced request'),
    definition: msg(
      'kpi.avgCost.definition',
      'Cost of successful, priced calls divided by their number. Failed and unpriced calls are in neither side.'
    ),
    value: avgCost,
    hint: avgCostHint,
  },
  {
    testId: 'cache',
    change: { kind: 'ratio', figure: (k) => k.cachedInputShare, better: 'up' },
    label: msg('kpi.cache', 'Cached input'),
    definition: msg(
      'kpi.cache.definition',
      'Share of input tokens read from the provider’s prompt cache (not a share of requests). Saved: those tokens at the input price minus what they cost at the cache-read price.'
    ),
    value: (k, _t, f) => percent(k.cachedInputShare, f),
    hint: cacheHint,
  },
  {
    testId: 'failures',
    change: { kind: 'ratio', figure: (k) => k.failureRate, better: 'down' },
    label: msg('kpi.failures', 'Failure rate'),
    definition: msg(
      'kpi.failures.definition',
      'Failed requests divided by requests. Blocked calls are in neither.'
    ),
    value: (k, _t, f) => percent(k.failureRate, f),
  },
  {
    testId: 'latency',
    change: { kind: 'ms', figure: (k) => k.latency.p50Ms, better: 'down' },
    label: msg('kpi.latency', 'Latency p50 · p95'),
    definition: msg(
      'kpi.latency.definition',
      'Median and 95th percentile of successful calls, every service together, each rounded up to a step of a 12-per-decade scale (at most 25 % above). The service breakdown shows them per service.'
    ),
    value: (k, t, f) => latency(k.latency, t, f),
  },
];
