import type { Kpis, LatencyFigures } from '../../../../shared/contracts/analytics';
import { formatCount, formatUsd } from '../../../../shared/format';
import type { Translate } from '../../hooks/useTranslate';

/** A message: its id (without the plugin prefix) and its English text. */
type Message = [id: string, defaultMessage: string];

export interface KpiTileSpec {
  testId: string;
  label: Message;
  definition: Message;
  value: (kpis: Kpis) => string;
  hint?: (kpis: Kpis, t: Translate) => string | undefined;
}

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const ms = (value: number | null) =>
  value === null
    ? '–'
    : value >= 10_000
      ? `${(value / 1000).toLocaleString('en-US')} s`
      : `${value.toLocaleString('en-US')} ms`;
const latency = (figures: LatencyFigures) =>
  figures.calls === 0 ? '–' : `${ms(figures.p50Ms)} · ${ms(figures.p95Ms)}`;

/** The headline tiles of the Analytics page, in the order they are shown. */
export const KPI_TILES: KpiTileSpec[] = [
  {
    testId: 'cost',
    label: ['kpi.cost', 'Total cost (estimated)'],
    value: (kpis) => formatUsd(kpis.costUsd),
    hint: (kpis, t) =>
      kpis.unpricedRequests > 0
        ? t('kpi.cost.unpriced', '+ {count} unpriced calls not included', {
            count: formatCount(kpis.unpricedRequests),
          })
        : t('kpi.cost.hint', 'at the prices of each call'),
    definition: [
      'kpi.cost.definition',
      'Every priced call in the range at the prices in force when it ran, exact to the femto-dollar. Unpriced calls are counted apart, never as $0.',
    ],
  },
  {
    testId: 'requests',
    label: ['kpi.requests', 'Requests'],
    value: (kpis) => formatCount(kpis.requests),
    hint: (kpis, t) =>
      kpis.blocked > 0
        ? t('kpi.requests.blocked', '{count} blocked by budgets', {
            count: formatCount(kpis.blocked),
          })
        : undefined,
    definition: [
      'kpi.requests.definition',
      'Calls that reached a provider, successful or failed. Calls a budget refused are counted as blocked, not as requests.',
    ],
  },
  {
    testId: 'tokens',
    label: ['kpi.tokens', 'Tokens'],
    value: (kpis) => formatCount(kpis.tokens),
    hint: (kpis, t) =>
      t('kpi.tokens.hint', '{input} in · {output} out', {
        input: formatCount(kpis.inputTokens),
        output: formatCount(kpis.outputTokens),
      }),
    definition: [
      'kpi.tokens.definition',
      'Input plus output tokens, as each provider reported them.',
    ],
  },
  {
    testId: 'providers',
    label: ['kpi.providers', 'Providers'],
    value: (kpis) => String(kpis.providers),
    definition: [
      'kpi.providers.definition',
      'Providers that served at least one request in the range.',
    ],
  },
  {
    testId: 'models',
    label: ['kpi.models', 'Models'],
    value: (kpis) => String(kpis.models),
    definition: ['kpi.models.definition', 'Models that served at least one request in the range.'],
  },
  {
    testId: 'users',
    label: ['kpi.users', 'Active users'],
    value: (kpis) => String(kpis.activeUsers),
    definition: ['kpi.users.definition', 'Admin users who made at least one request in the range.'],
  },
  {
    testId: 'avg-cost',
    label: ['kpi.avgCost', 'Avg cost / priced request'],
    value: (kpis) =>
      kpis.avgCostPerPricedRequestUsd === null ? '–' : formatUsd(kpis.avgCostPerPricedRequestUsd),
    hint: (kpis, t) =>
      t('kpi.avgCost.hint', 'over {count} successful priced calls', {
        count: formatCount(kpis.pricedRequests),
      }),
    definition: [
      'kpi.avgCost.definition',
      'Cost of successful, priced calls divided by their number. Failed and unpriced calls are in neither side.',
    ],
  },
  {
    testId: 'cache',
    label: ['kpi.cache', 'Cached input'],
    value: (kpis) => percent(kpis.cachedInputShare),
    hint: (kpis, t) =>
      t('kpi.cache.hint', '{written} written to cache · saved {saved}', {
        written: formatCount(kpis.cacheWriteTokens),
        saved: formatUsd(kpis.cacheSavingsUsd),
      }),
    definition: [
      'kpi.cache.definition',
      'Share of input tokens read from the provider’s prompt cache (not a share of requests). Saved: those tokens at the input price minus what they cost at the cache-read price.',
    ],
  },
  {
    testId: 'failures',
    label: ['kpi.failures', 'Failure rate'],
    value: (kpis) => percent(kpis.failureRate),
    definition: [
      'kpi.failures.definition',
      'Failed requests divided by requests. Blocked calls are in neither.',
    ],
  },
  {
    testId: 'latency',
    label: ['kpi.latency', 'Latency p50 · p95'],
    value: (kpis) => latency(kpis.latency),
    definition: [
      'kpi.latency.definition',
      'Median and 95th percentile of successful calls, every service together, each rounded up to a step of a 12-per-decade scale (at most 22 % above). The service breakdown shows them per service.',
    ],
  },
];
