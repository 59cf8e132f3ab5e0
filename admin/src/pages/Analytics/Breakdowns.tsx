import { Grid } from '@strapi/design-system';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalyticsDocument, BreakdownRow } from '../../../../shared/contracts/analytics';
import { formatCount, formatUsd, formatUsdTick } from '../../../../shared/format';
import { ChartCard } from '../../components/charts/ChartCard';
import { colorAt, patternId, SeriesPatterns } from '../../components/charts/series';
import { useReducedMotion } from '../../components/charts/useReducedMotion';

const TITLES: Record<keyof AnalyticsDocument['breakdowns'], string> = {
  provider: 'By provider',
  model: 'By model',
  service: 'By service',
  task: 'By task',
  source: 'By source',
  contentType: 'By content type',
};

const HEADERS: Record<keyof AnalyticsDocument['breakdowns'], string> = {
  provider: 'Provider',
  model: 'Model',
  service: 'Service',
  task: 'Task',
  source: 'Source',
  contentType: 'Content type',
};

const Breakdown = ({
  name,
  rows,
}: {
  name: keyof AnalyticsDocument['breakdowns'];
  rows: BreakdownRow[];
}) => {
  const reduced = useReducedMotion();
  const top = rows.slice(0, 8).map((r) => ({ ...r, cost: Number(r.costUsd) }));
  return (
    <ChartCard
      id={`breakdown-${name}`}
      title={TITLES[name]}
      height={220}
      description={`Cost by ${HEADERS[name].toLowerCase()}: ${rows.map((r) => `${r.label} ${formatUsd(r.costUsd)} in ${r.requests} requests`).join('; ')}.`}
      table={{
        columns: [HEADERS[name], 'Cost', 'Requests', 'Tokens', 'Unpriced'],
        rows: rows.map((r) => [
          r.label,
          formatUsd(r.costUsd),
          formatCount(r.requests),
          formatCount(r.tokens),
          r.unpricedRequests,
        ]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={top} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <SeriesPatterns chart={`breakdown-${name}`} count={2} />
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={formatUsdTick} />
          <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 12 }} />
          <Tooltip
            formatter={(value, _name, item) =>
              `${formatUsd(String(value))} · ${formatCount((item.payload as BreakdownRow).requests)} requests`
            }
          />
          <Bar
            dataKey="cost"
            name="Cost"
            fill={`url(#${patternId(`breakdown-${name}`, 0)})`}
            stroke={colorAt(0)}
            isAnimationActive={!reduced}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
};

export const Breakdowns = ({ breakdowns }: { breakdowns: AnalyticsDocument['breakdowns'] }) => (
  <Grid.Root gap={4}>
    {(Object.keys(TITLES) as Array<keyof AnalyticsDocument['breakdowns']>).map((name) => (
      <Grid.Item key={name} col={6} s={12} direction="column" alignItems="stretch">
        <Breakdown name={name} rows={breakdowns[name]} />
      </Grid.Item>
    ))}
  </Grid.Root>
);
