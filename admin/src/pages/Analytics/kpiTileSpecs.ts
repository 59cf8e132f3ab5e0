import type { Kpis, LatencyFigures } from '../../../../shared/contracts/analytics';
import { formatCount, formatUsd } from '../../../../shared/format';

/** The tiles' texts by message id, in English (translations/en.json holds the same). */
export const KPI_MESSAGES = {
  'kpi.cost': 'Total cost (estimated)',
  'kpi.cost.unpriced': '+ {count} unpriced calls not included',
  'kpi.cost.hint': 'at the prices of each call',
  'kpi.cost.definition':
    'Every priced call in the range at the prices in force when it ran, exact to the femto-dollar. Unpriced calls are counted apart, never as $0.',
  'kpi.requests': 'Requests',
  'kpi.requests.blocked': '{count} blocked by budgets',
  'kpi.requests.definition':
    'Calls that reached a provider, successful or failed. Calls a budget refused are counted as blocked, not as requests.',
  'kpi.tokens': 'Tokens',
  'kpi.tokens.hint': '{input} in · {output} out',
  'kpi.tokens.definition': 'Input plus output tokens, as each provider reported them.',
  'kpi.providers': 'Providers',
  'kpi.providers.definition': 'Providers that served at least one request in the range.',
  'kpi.models': 'Models',
  'kpi.models.definition': 'Models that served at least one request in the range.',
  'kpi.users': 'Active users',
  'kpi.users.definition': 'Admin users who made at least one request in the range.',
  'kpi.avgCost': 'Avg cost / priced request',
  'kpi.avgCost.hint': 'over {count} successful priced calls',
  'kpi.avgCost.definition':
    'Cost of successful, priced calls divided by their number. Failed and unpriced calls are in neither side.',
  'kpi.cache': 'Cached input',
  'kpi.cache.hint': '{written} written to cache · saved {saved}',
  'kpi.cache.definition':
    'Share of input tokens read from the provider’s prompt cache (not a share of requests). Saved: those tokens at the input price minus what they cost at the cache-read price.',
  'kpi.failures': 'Failure rate',
  'kpi.failures.definition': 'Failed requests divided by requests. Blocked calls are in neither.',
  'kpi.latency': 'Latency p50 · p95',
  'kpi.latency.definition':
    'Median and 95th percentile of successful calls, every service together, each rounded up to a step of a 12-per-decade scale (at most 22 % above). The service breakdown shows them per service.',
} as const;

export type KpiMessageId = keyof typeof KPI_MESSAGES;
type Message = (id: KpiMessageId, values?: Record<string, string>) => string;

/** A tile's label id: every label has a definition, `<label id>.definition`. */
type TileId = KpiMessageId extends infer Id
  ? Id extends `${infer Base}.definition`
    ? Base
    : never
  : never;

/** The line under a tile's figure. */
type Hint = (kpis: Kpis, message: Message) => string | undefined;

export interface KpiTileSpec {
  testId: string;
  id: TileId;
  value: (kpis: Kpis) => string;
  hint?: Hint;
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
const avgCost = (kpis: Kpis) =>
  kpis.avgCostPerPricedRequestUsd === null ? '–' : formatUsd(kpis.avgCostPerPricedRequestUsd);

const costHint: Hint = (kpis, message) =>
  kpis.unpricedRequests > 0
    ? message('kpi.cost.unpriced', { count: formatCount(kpis.unpricedRequests) })
    : message('kpi.cost.hint');
const requestsHint: Hint = (kpis, message) =>
  kpis.blocked > 0
    ? message('kpi.requests.blocked', { count: formatCount(kpis.blocked) })
    : undefined;
const tokensHint: Hint = (kpis, message) =>
  message('kpi.tokens.hint', {
    input: formatCount(kpis.inputTokens),
    output: formatCount(kpis.outputTokens),
  });
const avgCostHint: Hint = (kpis, message) =>
  message('kpi.avgCost.hint', { count: formatCount(kpis.pricedRequests) });
const cacheHint: Hint = (kpis, message) =>
  message('kpi.cache.hint', {
    written: formatCount(kpis.cacheWriteTokens),
    saved: formatUsd(kpis.cacheSavingsUsd),
  });

/** The headline tiles of the Analytics page, in the order they are shown. */
export const KPI_TILES: KpiTileSpec[] = [
  { testId: 'cost', id: 'kpi.cost', value: (k) => formatUsd(k.costUsd), hint: costHint },
  {
    testId: 'requests',
    id: 'kpi.requests',
    value: (k) => formatCount(k.requests),
    hint: requestsHint,
  },
  { testId: 'tokens', id: 'kpi.tokens', value: (k) => formatCount(k.tokens), hint: tokensHint },
  { testId: 'providers', id: 'kpi.providers', value: (k) => String(k.providers) },
  { testId: 'models', id: 'kpi.models', value: (k) => String(k.models) },
  { testId: 'users', id: 'kpi.users', value: (k) => String(k.activeUsers) },
  { testId: 'avg-cost', id: 'kpi.avgCost', value: avgCost, hint: avgCostHint },
  { testId: 'cache', id: 'kpi.cache', value: (k) => percent(k.cachedInputShare), hint: cacheHint },
  { testId: 'failures', id: 'kpi.failures', value: (k) => percent(k.failureRate) },
  { testId: 'latency', id: 'kpi.latency', value: (k) => latency(k.latency) },
];
