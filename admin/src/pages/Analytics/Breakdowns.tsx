import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import type { AnalyticsDocument, BreakdownRow } from '../../../../shared/contracts/analytics';
import { ChartCard, type TableView } from '../../components/charts/ChartCard';
import { seriesColor } from '../../components/charts/series';
import { useFormat, type Format } from '../../hooks/useFormat';
import { msg, useTranslate, type Message, type Translate } from '../../hooks/useTranslate';
import { sumUsd } from './aggregate';
import { tokenCell } from './ModelCharts';

type Dimension = keyof AnalyticsDocument['breakdowns'];

/** Bars drawn per breakdown; the table view lists every row. */
const SHOWN = 8;

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

/** A row's cost and requests, beside its bar. */
const costAndRequests = (t: Translate, format: Format, row: BreakdownRow) =>
  t(
    'analytics.breakdown.tooltip',
    '{cost} · {count, plural, one {{requests} request} other {{requests} requests}}',
    { cost: format.usd(row.costUsd), count: row.requests, requests: format.count(row.requests) }
  );

/** The chart in words, for screen readers: each row's cost and requests. */
const describe = (t: Translate, format: Format, name: Dimension, rows: BreakdownRow[]) =>
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
            { label: r.label, cost: format.usd(r.costUsd), count: r.requests }
          )
        )
        .join('; '),
    }
  );

const figures = (
  t: Translate,
  format: Format,
  name: Dimension,
  rows: BreakdownRow[]
): TableView => ({
  columns: [
    t(HEADERS[name]),
    t('analytics.figure.cost', 'Cost'),
    t('analytics.figure.requests', 'Requests'),
    t('analytics.figure.tokens', 'Tokens'),
    t('analytics.figure.unpriced', 'Unpriced'),
  ],
  rows: rows.map((r) => [
    r.label,
    format.usd(r.costUsd),
    format.number(r.requests),
    tokenCell(format, r.tokens, r.costUsd),
    format.number(r.unpricedRequests),
  ]),
  totals: [
    t('analytics.figure.total', 'Total'),
    format.usd(sumUsd(rows.map((r) => r.costUsd))),
    format.number(rows.reduce((sum, r) => sum + r.requests, 0)),
    format.number(rows.reduce((sum, r) => sum + r.tokens, 0)),
    format.number(rows.reduce((sum, r) => sum + r.unpricedRequests, 0)),
  ],
});

/**
 * One labelled bar per row: the name above its bar (cut with an ellipsis, the full name on hover
 * and for screen readers), the cost and requests beside it. Plain layout, so every bar keeps its
 * label and a real width at any screen width. A model's bar has the model's colour.
 */
const BreakdownBars = ({ name, rows }: { name: Dimension; rows: BreakdownRow[] }) => {
  const t = useTranslate();
  const format = useFormat();
  const top = rows.slice(0, SHOWN);
  const max = Math.max(...top.map((r) => Number(r.costUsd)), 0);
  return (
    <Flex
      tag="ol"
      direction="column"
      alignItems="stretch"
      gap={3}
      data-testid={`llm-breakdown-${name}`}
    >
      {top.map((r) => {
        const share = max > 0 ? Number(r.costUsd) / max : 0;
        return (
          <li key={r.key} style={{ listStyle: 'none', minWidth: 0 }} data-testid="llm-bar-row">
            <Flex justifyContent="space-between" gap={2} paddingBottom={1}>
              <Typography
                variant="pi"
                fontWeight="bold"
                textColor="neutral800"
                ellipsis
                title={r.label}
                data-testid="llm-bar-label"
              >
                {r.label}
              </Typography>
              <Typography variant="pi" textColor="neutral600" style={{ whiteSpace: 'nowrap' }}>
                {costAndRequests(t, format, r)}
              </Typography>
            </Flex>
            <Box background="neutral150" hasRadius height="1.2rem" overflow="hidden">
              <Box
                data-testid="llm-bar"
                hasRadius
                height="100%"
                background={name === 'model' ? undefined : 'primary600'}
                style={{
                  width: `${Math.max(share * 100, r.requests > 0 ? 1 : 0)}%`,
                  backgroundColor: name === 'model' ? seriesColor(r.key) : undefined,
                }}
              />
            </Box>
          </li>
        );
      })}
    </Flex>
  );
};

const Breakdown = ({ name, rows }: { name: Dimension; rows: BreakdownRow[] }) => {
  const t = useTranslate();
  const format = useFormat();
  return (
    <ChartCard
      id={`breakdown-${name}`}
      title={t(TITLES[name])}
      height={Math.max(1, Math.min(rows.length, SHOWN)) * 44}
      description={describe(t, format, name, rows)}
      table={figures(t, format, name, rows)}
    >
      <BreakdownBars name={name} rows={rows} />
    </ChartCard>
  );
};

/** Two breakdowns across on wide screens, one per row below 1080 px. */
export const Breakdowns = ({ breakdowns }: { breakdowns: AnalyticsDocument['breakdowns'] }) => (
  <Grid.Root gap={4}>
    {(Object.keys(TITLES) as Dimension[]).map((name) => (
      <Grid.Item key={name} col={6} xs={12} s={12} direction="column" alignItems="stretch">
        <Breakdown name={name} rows={breakdowns[name]} />
      </Grid.Item>
    ))}
  </Grid.Root>
);
