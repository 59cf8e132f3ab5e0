import { Grid, Typography } from '@strapi/design-system';
import type {
  AnalyticsDocument,
  BreakdownName,
  BreakdownRow,
} from '../../../../shared/contracts/analytics';
import { ChartCard, type TableView } from '../../components/charts/ChartCard';
import { useFormat, type Format } from '../../hooks/useFormat';
import { msg, useTranslate, type Message, type Translate } from '../../hooks/useTranslate';
import { sumUsd } from './aggregate';
import { BreakdownBars, SHOWN } from './BreakdownBars';
import type { Drill } from './drill';
import { tokenCell } from './ModelCharts';

type Dimension = BreakdownName;

const TITLES: Record<Dimension, Message> = {
  provider: msg('analytics.breakdown.provider', 'By provider'),
  model: msg('analytics.breakdown.model', 'By model'),
  service: msg('analytics.breakdown.service', 'By service'),
  task: msg('analytics.breakdown.task', 'By task'),
  source: msg('analytics.breakdown.source', 'By source'),
  contentType: msg('analytics.breakdown.contentType', 'By content type'),
  configuration: msg('analytics.breakdown.configuration', 'By configuration'),
  apiToken: msg('analytics.breakdown.apiToken', 'By API token'),
  errorCode: msg('analytics.breakdown.errorCode', 'Failures by error code'),
  tag: msg('analytics.breakdown.tag', 'By tag'),
};

const HEADERS: Record<Dimension, Message> = {
  provider: msg('analytics.figure.provider', 'Provider'),
  model: msg('analytics.figure.model', 'Model'),
  service: msg('analytics.figure.service', 'Service'),
  task: msg('analytics.figure.task', 'Task'),
  source: msg('analytics.figure.source', 'Source'),
  contentType: msg('analytics.figure.contentType', 'Content type'),
  configuration: msg('analytics.figure.configuration', 'Configuration'),
  apiToken: msg('analytics.figure.apiToken', 'API token'),
  errorCode: msg('analytics.figure.errorCode', 'Error code'),
  tag: msg('analytics.figure.tag', 'Tag'),
};

/** The chart in words, for screen readers: each row's cost and requests. */
const describe = (t: Translate, format: Format, name: Dimension, rows: BreakdownRow[]) =>
  t(
    'analytics.breakdown.description',
    'Cost by {dimension, select, provider {provider} model {model} service {service} task {task} source {source} configuration {configuration} apiToken {API token} errorCode {error code} tag {tag} other {content type}}: {rows}.',
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

interface BreakdownProps {
  name: Dimension;
  rows: BreakdownRow[];
  drill?: Drill;
}

const Breakdown = ({ name, rows, drill }: BreakdownProps) => {
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
      {rows.length > 0 ? (
        <BreakdownBars name={name} rows={rows} drill={drill} />
      ) : (
        <Typography
          variant="pi"
          textColor="neutral600"
          tag="p"
          data-testid={`llm-breakdown-${name}-empty`}
        >
          {t('analytics.breakdown.empty', 'Nothing in this period.')}
        </Typography>
      )}
    </ChartCard>
  );
};

/**
 * Two breakdowns across on wide screens, one per row below 1080 px. A breakdown the server does
 * not send yet is drawn empty, not as an error.
 */
export const Breakdowns = ({
  breakdowns,
  drill,
}: {
  breakdowns: AnalyticsDocument['breakdowns'];
  drill?: Drill;
}) => (
  <Grid.Root gap={4}>
    {(Object.keys(TITLES) as Dimension[]).map((name) => (
      <Grid.Item key={name} col={6} xs={12} s={12} direction="column" alignItems="stretch">
        <Breakdown name={name} rows={breakdowns[name] ?? []} drill={drill} />
      </Grid.Item>
    ))}
  </Grid.Root>
);
