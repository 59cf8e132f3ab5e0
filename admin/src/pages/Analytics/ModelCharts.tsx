import { Grid } from '@strapi/design-system';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type {
  AnalyticsDocument,
  AnalyticsRange,
  BreakdownRow,
  ModelBucket,
  ModelSeries,
} from '../../../../shared/contracts/analytics';
import { ChartCard, type TableView } from '../../components/charts/ChartCard';
import { Legend } from '../../components/charts/Legend';
import { OTHER_KEY, seriesColor, seriesFill, SeriesPatterns } from '../../components/charts/series';
import { useHiddenSeries } from '../../components/charts/useHiddenSeries';
import { useChartTheme } from '../../components/charts/useChartTheme';
import { useReducedMotion } from '../../components/charts/useReducedMotion';
import { useFormat, type Format } from '../../hooks/useFormat';
import { useTranslate, type Translate } from '../../hooks/useTranslate';
import { grainOf, groupModelBuckets, sumUsd } from './aggregate';
import { useBucketLabel } from './useBucketLabel';

type ByModel = AnalyticsDocument['byModel'];

/** Narrows the page to one model (a click on its bar or slice); the folded rest is not one. */
type OnModel = (modelKey: string) => void;
const clickable = (onModel: OnModel | undefined, key: string) =>
  onModel && key !== OTHER_KEY ? { onClick: () => onModel(key), style: { cursor: 'pointer' } } : {};

/** A series' name: the model's, or "Other" in the reader's language. */
const seriesLabel = (t: Translate, s: { key: string; label: string }) =>
  s.key === OTHER_KEY ? t('analytics.byModel.other', 'Other') : s.label;

/** Legend entries in the order the series are drawn, each in its model's colour. */
const legendOf = (series: Array<{ key: string; label: string }>) =>
  series.map((s) => ({ key: s.key, label: s.label, color: seriesColor(s.key) }));

/** Tokens in a table: every digit, or a dash for a model priced per unit (images, characters…). */
export const tokenCell = (format: Format, tokens: number, costUsd: string | null) =>
  tokens === 0 && costUsd !== null && Number(costUsd) > 0 ? '—' : format.number(tokens);

/** The stacked chart's figures as a table: each model's cost (and tokens) per bucket, and totals. */
function modelTable(
  t: Translate,
  format: Format,
  series: ModelSeries[],
  buckets: ModelBucket[],
  label: (key: string) => string
): TableView {
  const cell = (cost: string, tokens: number) =>
    tokenCell(format, tokens, cost) === '—'
      ? format.usd(cost)
      : t('analytics.byModel.cell', '{cost} · {tokens} tok', {
          cost: format.usd(cost),
          tokens: format.number(tokens),
        });
  return {
    columns: [t('analytics.figure.bucket', 'Bucket'), ...series.map((s) => s.label)],
    rows: buckets.map((b) => [
      label(b.bucket),
      ...series.map((s) => cell(b.cost[s.key] ?? '0', b.tokens[s.key] ?? 0)),
    ]),
    totals: [
      t('analytics.figure.total', 'Total'),
      ...series.map((s) =>
        cell(
          sumUsd(buckets.map((b) => b.cost[s.key] ?? '0')),
          buckets.reduce((sum, b) => sum + (b.tokens[s.key] ?? 0), 0)
        )
      ),
    ],
  };
}

/** The bars of the stacked chart: one per visible model, in its colour and pattern. */
const StackedBars = ({
  data,
  series,
  hidden,
  onModel,
}: {
  data: Array<Record<string, string | number>>;
  series: ModelSeries[];
  hidden: Set<string>;
  onModel?: OnModel;
}) => {
  const format = useFormat();
  const reduced = useReducedMotion();
  const chart = useChartTheme();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <SeriesPatterns chart="by-model" keys={series.map((s) => s.key)} />
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={chart.grid} />
        <XAxis dataKey="label" minTickGap={16} tick={chart.tick} axisLine={chart.axisLine} />
        <YAxis
          tickFormatter={(value: number) => format.usdTick(value)}
          width={64}
          tick={chart.tick}
          axisLine={chart.axisLine}
        />
        <Tooltip {...chart.tooltip} formatter={(value) => format.usd(String(value))} />
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stackId="cost"
            fill={seriesFill('by-model', s.key)}
            stroke={seriesColor(s.key)}
            hide={hidden.has(s.key)}
            isAnimationActive={!reduced}
            {...clickable(onModel, s.key)}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
};

/** Cost per bucket (week or month on long ranges), stacked by model, heaviest at the bottom. */
interface ChartsProps {
  byModel: ByModel;
  range: AnalyticsRange;
  onModel?: OnModel;
}

const CostByModelChart = ({ byModel, range, onModel }: ChartsProps) => {
  const t = useTranslate();
  const format = useFormat();
  const { hidden, toggle } = useHiddenSeries();
  const label = useBucketLabel(grainOf(range));
  const buckets = groupModelBuckets(byModel.buckets, grainOf(range));
  const series: ModelSeries[] = byModel.series.map((s) => ({ ...s, label: seriesLabel(t, s) }));
  const data = buckets.map((b) => ({
    label: label(b.bucket),
    ...Object.fromEntries(Object.entries(b.cost).map(([k, v]) => [k, Number(v)])),
  }));
  return (
    <ChartCard
      id="by-model"
      title={t('analytics.byModel.title', 'Cost by model')}
      description={t(
        'analytics.byModel.description',
        'Cost per bucket stacked by model: {models}.',
        {
          models: series.map((s) => s.label).join(', '),
        }
      )}
      header={
        <Legend
          testId="llm-legend-by-model"
          items={legendOf(series)}
          hidden={hidden}
          onToggle={toggle}
        />
      }
      table={modelTable(t, format, series, buckets, label)}
    >
      <StackedBars data={data} series={series} hidden={hidden} onModel={onModel} />
    </ChartCard>
  );
};

/** Each model's share of the range's tokens, as a ring in the models' own colours, with a legend. */
const TokenShareChart = ({ models, onModel }: { models: BreakdownRow[]; onModel?: OnModel }) => {
  const t = useTranslate();
  const format = useFormat();
  const reduced = useReducedMotion();
  const chart = useChartTheme();
  const share = models.filter((s) => s.tokens > 0);
  const totalTokens = share.reduce((sum, s) => sum + s.tokens, 0);
  const ratio = (s: BreakdownRow) => (totalTokens ? s.tokens / totalTokens : 0);
  return (
    <ChartCard
      id="token-share"
      title={t('analytics.tokenShare.title', 'Share of tokens')}
      description={share.map((s) => `${s.label} ${format.percent(ratio(s))}`).join(', ')}
      header={<Legend testId="llm-legend-token-share" items={legendOf(share)} />}
      table={{
        columns: [
          t('analytics.figure.model', 'Model'),
          t('analytics.figure.tokens', 'Tokens'),
          t('analytics.figure.share', 'Share'),
        ],
        rows: share.map((s) => [s.label, format.number(s.tokens), format.percent(ratio(s))]),
        totals: [
          t('analytics.figure.total', 'Total'),
          format.number(totalTokens),
          format.percent(totalTokens ? 1 : 0),
        ],
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <SeriesPatterns chart="share" keys={share.map((s) => s.key)} />
          <Pie
            data={share}
            dataKey="tokens"
            nameKey="label"
            innerRadius="55%"
            outerRadius="90%"
            isAnimationActive={!reduced}
          >
            {share.map((s) => (
              <Cell
                key={s.key}
                fill={seriesFill('share', s.key)}
                stroke={seriesColor(s.key)}
                {...clickable(onModel, s.key)}
              />
            ))}
          </Pie>
          <Tooltip
            {...chart.tooltip}
            formatter={(value) =>
              t('analytics.tokenShare.tooltip', '{tokens} tokens', {
                tokens: format.number(Number(value)),
              })
            }
          />
        </PieChart>
      </ResponsiveContainer>
    </ChartCard>
  );
};

/** Cost by model over time, next to each model's share of tokens; one per row on narrow screens. */
export const ModelCharts = ({ byModel, range, onModel }: ChartsProps) => (
  <Grid.Root gap={4}>
    <Grid.Item col={8} xs={12} s={12} direction="column" alignItems="stretch">
      <CostByModelChart byModel={byModel} range={range} onModel={onModel} />
    </Grid.Item>
    <Grid.Item col={4} xs={12} s={12} direction="column" alignItems="stretch">
      <TokenShareChart models={byModel.share} onModel={onModel} />
    </Grid.Item>
  </Grid.Root>
);
