import { Box, Flex, Grid, Tooltip, Typography } from '@strapi/design-system';
import { Information } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { Kpis, LatencyFigures } from '../../../../shared/contracts/analytics';
import { formatCount, formatUsd } from '../../../../shared/format';
import { getTranslation } from '../../utils/getTranslation';

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const ms = (value: number | null) =>
  value === null
    ? '–'
    : value >= 10_000
      ? `${(value / 1000).toLocaleString('en-US')} s`
      : `${value.toLocaleString('en-US')} ms`;

interface TileProps {
  label: string;
  value: string;
  hint?: string;
  /** What the figure is, exactly (shared/contracts/analytics.ts says the same). */
  definition: string;
  testId: string;
}

const Tile = ({ label, value, hint, definition, testId }: TileProps) => (
  <Box
    background="neutral0"
    padding={4}
    hasRadius
    shadow="filterShadow"
    data-testid={`llm-kpi-${testId}`}
    style={{ height: '100%' }}
  >
    <Flex gap={1} alignItems="center">
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Tooltip label={definition}>
        <Flex
          tag="span"
          tabIndex={0}
          aria-label={definition}
          data-testid={`llm-kpi-${testId}-definition`}
          color="neutral500"
        >
          <Information width="1.2rem" height="1.2rem" aria-hidden />
        </Flex>
      </Tooltip>
    </Flex>
    <Box paddingTop={1}>
      <Typography variant="beta" tag="p" data-testid={`llm-kpi-${testId}-value`}>
        {value}
      </Typography>
    </Box>
    {hint && (
      <Typography variant="pi" textColor="neutral600">
        {hint}
      </Typography>
    )}
  </Box>
);

export const KpiTiles = ({ kpis }: { kpis: Kpis }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const latency = (figures: LatencyFigures) =>
    figures.calls === 0 ? '–' : `${ms(figures.p50Ms)} · ${ms(figures.p95Ms)}`;
  const tiles: TileProps[] = [
    {
      testId: 'cost',
      label: t('kpi.cost', 'Total cost (estimated)'),
      value: formatUsd(kpis.costUsd),
      hint:
        kpis.unpricedRequests > 0
          ? t('kpi.cost.unpriced', '+ {count} unpriced calls not included', {
              count: formatCount(kpis.unpricedRequests),
            })
          : t('kpi.cost.hint', 'at the prices of each call'),
      definition: t(
        'kpi.cost.definition',
        'Every priced call in the range at the prices in force when it ran, exact to the femto-dollar. Unpriced calls are counted apart, never as $0.'
      ),
    },
    {
      testId: 'requests',
      label: t('kpi.requests', 'Requests'),
      value: formatCount(kpis.requests),
      hint:
        kpis.blocked > 0
          ? t('kpi.requests.blocked', '{count} blocked by budgets', {
              count: formatCount(kpis.blocked),
            })
          : undefined,
      definition: t(
        'kpi.requests.definition',
        'Calls that reached a provider, successful or failed. Calls a budget refused are counted as blocked, not as requests.'
      ),
    },
    {
      testId: 'tokens',
      label: t('kpi.tokens', 'Tokens'),
      value: formatCount(kpis.tokens),
      hint: t('kpi.tokens.hint', '{input} in · {output} out', {
        input: formatCount(kpis.inputTokens),
        output: formatCount(kpis.outputTokens),
      }),
      definition: t(
        'kpi.tokens.definition',
        'Input plus output tokens, as each provider reported them.'
      ),
    },
    {
      testId: 'providers',
      label: t('kpi.providers', 'Providers'),
      value: String(kpis.providers),
      definition: t(
        'kpi.providers.definition',
        'Providers that served at least one request in the range.'
      ),
    },
    {
      testId: 'models',
      label: t('kpi.models', 'Models'),
      value: String(kpis.models),
      definition: t(
        'kpi.models.definition',
        'Models that served at least one request in the range.'
      ),
    },
    {
      testId: 'users',
      label: t('kpi.users', 'Active users'),
      value: String(kpis.activeUsers),
      definition: t(
        'kpi.users.definition',
        'Admin users who made at least one request in the range.'
      ),
    },
    {
      testId: 'avg-cost',
      label: t('kpi.avgCost', 'Avg cost / priced request'),
      value:
        kpis.avgCostPerPricedRequestUsd === null ? '–' : formatUsd(kpis.avgCostPerPricedRequestUsd),
      hint: t('kpi.avgCost.hint', 'over {count} successful priced calls', {
        count: formatCount(kpis.pricedRequests),
      }),
      definition: t(
        'kpi.avgCost.definition',
        'Cost of successful, priced calls divided by their number. Failed and unpriced calls are in neither side.'
      ),
    },
    {
      testId: 'cache',
      label: t('kpi.cache', 'Cached input'),
      value: percent(kpis.cachedInputShare),
      hint: t('kpi.cache.hint', '{written} written to cache · saved {saved}', {
        written: formatCount(kpis.cacheWriteTokens),
        saved: formatUsd(kpis.cacheSavingsUsd),
      }),
      definition: t(
        'kpi.cache.definition',
        'Share of input tokens read from the provider’s prompt cache (not a share of requests). Saved: those tokens at the input price minus what they cost at the cache-read price.'
      ),
    },
    {
      testId: 'failures',
      label: t('kpi.failures', 'Failure rate'),
      value: percent(kpis.failureRate),
      definition: t(
        'kpi.failures.definition',
        'Failed requests divided by requests. Blocked calls are in neither.'
      ),
    },
    {
      testId: 'latency',
      label: t('kpi.latency', 'Latency p50 · p95'),
      value: latency(kpis.latency),
      definition: t(
        'kpi.latency.definition',
        'Median and 95th percentile of successful calls, every service together, each rounded up to a step of a 12-per-decade scale (at most 22 % above). The service breakdown shows them per service.'
      ),
    },
  ];
  return (
    <Grid.Root gap={4}>
      {tiles.map((tile) => (
        <Grid.Item
          key={tile.testId}
          col={2}
          m={3}
          s={6}
          xs={12}
          direction="column"
          alignItems="stretch"
        >
          <Tile {...tile} />
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};
