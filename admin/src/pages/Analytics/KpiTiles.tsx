import { Box, Grid, Typography } from '@strapi/design-system';
import type { Kpis } from '../../../../shared/contracts/analytics';
import { formatCount, formatUsd } from '../../../../shared/format';

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);

const Tile = ({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) => (
  <Box background="neutral0" padding={4} hasRadius shadow="filterShadow" data-testid={`llm-kpi-${testId}`} style={{ height: '100%' }}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
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
  const tiles = [
    {
      testId: 'cost',
      label: 'Total cost (estimated)',
      value: formatUsd(kpis.costUsd),
      hint: kpis.unpricedRequests > 0 ? `+ ${formatCount(kpis.unpricedRequests)} unpriced calls not included` : 'at the prices of each call',
    },
    { testId: 'requests', label: 'Requests', value: formatCount(kpis.requests), hint: kpis.blocked > 0 ? `${formatCount(kpis.blocked)} blocked by budgets` : undefined },
    { testId: 'tokens', label: 'Tokens', value: formatCount(kpis.tokens), hint: `${formatCount(kpis.inputTokens)} in · ${formatCount(kpis.outputTokens)} out` },
    { testId: 'providers', label: 'Providers', value: String(kpis.providers) },
    { testId: 'models', label: 'Models', value: String(kpis.models) },
    { testId: 'users', label: 'Active users', value: String(kpis.activeUsers) },
    { testId: 'avg-cost', label: 'Avg cost / request', value: kpis.avgCostPerRequestUsd === null ? '–' : formatUsd(kpis.avgCostPerRequestUsd) },
    { testId: 'cache', label: 'Cache-hit rate', value: percent(kpis.cacheHitRate), hint: 'cache-read / input tokens' },
    { testId: 'failures', label: 'Failure rate', value: percent(kpis.failureRate) },
    { testId: 'latency', label: 'Avg latency', value: kpis.avgLatencyMs === null ? '–' : `${formatCount(kpis.avgLatencyMs)} ms` },
  ];
  return (
    <Grid.Root gap={4}>
      {tiles.map((tile) => (
        <Grid.Item key={tile.testId} col={2} m={3} s={6} xs={12} direction="column" alignItems="stretch">
          <Tile {...tile} />
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};
