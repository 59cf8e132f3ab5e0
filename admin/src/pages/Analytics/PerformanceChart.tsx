import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { PerformanceDocument } from '../../../../shared/contracts/performance';
import { ChartCard, type TableView } from '../../components/charts/ChartCard';
import { Legend } from '../../components/charts/Legend';
import { seriesColor } from '../../components/charts/series';
import { useChartTheme } from '../../components/charts/useChartTheme';
import { useHiddenSeries } from '../../components/charts/useHiddenSeries';
import { useReducedMotion } from '../../components/charts/useReducedMotion';
import { useFormat } from '../../hooks/useFormat';
import { useTranslate, type Translate } from '../../hooks/useTranslate';
import { useBucketLabel } from './useBucketLabel';

/** More lines than this are a tangle: the busiest models are drawn, the table lists them all. */
const CHART_MODELS = 5;
const HEIGHT = 260;

type Model = PerformanceDocument['models'][number];

/** Chart rows: one per bucket, '<model key>:p50' and ':p95' in ms (null where it had no calls). */
function chartData(doc: PerformanceDocument, models: Model[], label: (k: string) => string) {
  return doc.buckets.map((b) => {
    const row: Record<string, string | number | null> = { label: label(b.bucket) };
    for (const m of models) {
      row[`${m.key}:p50`] = b.models[m.key]?.p50Ms ?? null;
      row[`${m.key}:p95`] = b.models[m.key]?.p95Ms ?? null;
    }
    return row;
  });
}

/** The chart's figures as a table: each drawn model's p50 / p95 per bucket. */
function table(
  t: Translate,
  doc: PerformanceDocument,
  models: Model[],
  label: (k: string) => string,
  ms: (v: number | null) => string
): TableView {
  return {
    columns: [t('analytics.figure.bucket', 'Bucket'), ...models.map((m) => m.label)],
    rows: doc.buckets.map((b) => [
      label(b.bucket),
      ...models.map((m) => {
        const figures = b.models[m.key];
        return figures
          ? t('performance.chart.cell', '{p50} · {p95}', {
              p50: ms(figures.p50Ms),
              p95: ms(figures.p95Ms),
            })
          : '–';
      }),
    ]),
  };
}

/** Two lines per shown model: the median solid, the 95th percentile dashed, in the model's colour. */
const latencyLines = (
  models: Model[],
  hidden: Set<string>,
  names: Record<'p50' | 'p95', string>,
  reduced: boolean
) =>
  models
    .filter((m) => !hidden.has(m.key))
    .flatMap((m) =>
      (['p50', 'p95'] as const).map((p) => (
        <Line
          key={`${m.key}:${p}`}
          type="monotone"
          dataKey={`${m.key}:${p}`}
          name={`${m.label} ${names[p]}`}
          stroke={seriesColor(m.key)}
          strokeWidth={2}
          strokeDasharray={p === 'p95' ? '6 3' : undefined}
          dot={false}
          connectNulls
          isAnimationActive={!reduced}
        />
      ))
    );

/** The chart in words, for screen readers. */
const describe = (t: Translate, models: Model[], count: number) =>
  t(
    'performance.chart.description',
    'Median and 95th percentile latency of successful calls for {models}, {count, plural, one {# point} other {# points}}.',
    { models: models.map((m) => m.label).join(', '), count }
  );

const percentileNames = (t: Translate) => ({
  p50: t('performance.p50', 'p50'),
  p95: t('performance.p95', 'p95'),
});

/**
 * Median (solid) and 95th-percentile (dashed) latency per bucket, one colour per model — the
 * colour it has in every chart. Percentiles cannot be added up, so long ranges stay by day.
 */
export const PerformanceChart = ({
  doc,
  ms,
}: {
  doc: PerformanceDocument;
  ms: (value: number | null) => string;
}) => {
  const t = useTranslate();
  const format = useFormat();
  const chart = useChartTheme();
  const reduced = useReducedMotion();
  const { hidden, toggle } = useHiddenSeries();
  const label = useBucketLabel('bucket');
  const models = doc.models.filter((m) => m.latency.calls > 0).slice(0, CHART_MODELS);
  return (
    <ChartCard
      id="performance"
      title={t('performance.chart.title', 'Latency per model')}
      description={describe(t, models, doc.buckets.length)}
      table={table(t, doc, models, label, ms)}
      height={HEIGHT}
      header={
        <Legend
          testId="llm-performance-legend"
          items={models.map((m) => ({ key: m.key, label: m.label, color: seriesColor(m.key) }))}
          hidden={hidden}
          onToggle={toggle}
        />
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={chartData(doc, models, label)}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={chart.grid} />
          <XAxis dataKey="label" minTickGap={16} tick={chart.tick} axisLine={chart.axisLine} />
          <YAxis
            tickFormatter={(v: number) => format.count(v)}
            width={56}
            tick={chart.tick}
            axisLine={chart.axisLine}
            label={{
              value: t('performance.ms', 'ms'),
              angle: -90,
              position: 'insideLeft',
              ...chart.label,
            }}
          />
          <Tooltip
            {...chart.tooltip}
            // No point is drawn for a bucket without calls: nothing to say about it either.
            formatter={(value) => (value === null || value === undefined ? '–' : ms(Number(value)))}
          />
          {latencyLines(models, hidden, percentileNames(t), reduced)}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
};
