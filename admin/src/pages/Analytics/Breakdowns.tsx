import { Grid } from '@strapi/design-system';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalyticsDocument, BreakdownRow } from '../../../../shared/contracts/analytics';
import { formatCount, formatUsd, formatUsdTick } from '../../../../shared/format';
import { ChartCard, type TableView } from '../../components/charts/ChartCard';
import { colorAt, patternId, SeriesPatterns } from '../../components/charts/series';
import { useReducedMotion } from '../../components/charts/useReducedMotion';
import { msg, useTranslate, type Message, type Translate } from '../../hooks/useTranslate';

type Dimension = keyof AnalyticsDocument['breakdowns'];

const TITLES: Record<Dimension, Message> = {
  provider: msg('analytics.breakdown.provider', 'By provider'),
  model: msg('analytics.breakdown.model', 'By model'),
  service: msg('analytics.breakdown.service', 'By service'),
  task: msg('analytics.breakdown.task', 'By task'),
  source: msg('analytics.breakdown.source', 'By source'),
  contentType: msg('analytics.breakdown.contentType', 'By content type'),
};

const HEADERS: Record<Dimension, Message> = {
  provider: msg('analytics.figure.provider', 'Provider'),
  model: msg('analytics.figure.model', 'Model'),
  service: msg('analytics.figure.service', 'Service'),
  task: msg('analytics.figure.task', 'Task'),
  source: msg('analytics.figure.source', 'Source'),
  contentType: msg('analytics.figure.contentType', 'Content type'),
};

/** A row's cost and requests, for the tooltip. */
const costAndRequests = (t: Translate, row: BreakdownRow) =>
  t(
    'analytics.breakdown.tooltip',
    '{cost} · {count, plural, one {{requests} request} other {{requests} requests}}',
    { cost: formatUsd(row.costUsd), count: row.requests, requests: formatCount(row.requests) }
  );

/** The chart in words, for screen readers: each row's cost and requests. */
const describe = (t: Translate, name: Dimension, rows: BreakdownRow[]) =>
  t(
    'analytics.breakdown.description',
    'Cost by {dimension, select, provider {provider} model {model} service {service} task {task} source {source} other {content type}}: {rows}.',
    {
      dimension: name,
      rows: rows
        .map((r) =>
          t(
            'analytics.breakdown.row',
            '{label} {cost} in {count, plural, one {# request} other {# requests}}',
            { label: r.label, cost: formatUsd(r.costUsd), count: r.requests }
          )
        )
        .join('; '),
    }
  );

const figures = (t: Translate, name: Dimension, rows: BreakdownRow[]): TableView => ({
  columns: [
    t(HEADERS[name]),
    t('analytics.figure.cost', 'Cost'),
    t('analytics.figure.requests', 'Requests'),
    t('analytics.figure.tokens', 'Tokens'),
    t('analytics.figure.unpriced', 'Unpriced'),
  ],
  rows: rows.map((r) => [
    r.label,
    formatUsd(r.costUsd),
    formatCount(r.requests),
    formatCount(r.tokens),
    r.unpricedRequests,
  ]),
});

const Breakdown = ({ name, rows }: { name: Dimension; rows: BreakdownRow[] }) => {
  const t = useTranslate();
  const reduced = useReducedMotion();
  const top = rows.slice(0, 8).map((r) => ({ ...r, cost: Number(r.costUsd) }));
  return (
    <ChartCard
      id={`breakdown-${name}`}
      title={t(TITLES[name])}
      height={220}
      description={describe(t, name, rows)}
      table={figures(t, name, rows)}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={top} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <SeriesPatterns chart={`breakdown-${name}`} count={2} />
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(value: number) => formatUsdTick(value)} />
          <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 12 }} />
          <Tooltip
            formatter={(_value, _name, item) => costAndRequests(t, item.payload as BreakdownRow)}
          />
          <Bar
            dataKey="cost"
            name={t('analytics.figure.cost', 'Cost')}
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
    {(Object.keys(TITLES) as Dimension[]).map((name) => (
      <Grid.Item key={name} col={6} s={12} direction="column" alignItems="stretch">
        <Breakdown name={name} rows={breakdowns[name]} />
      </Grid.Item>
    ))}
  </Grid.Root>
);
