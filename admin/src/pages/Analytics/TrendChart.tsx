import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AnalyticsRange, TrendPoint } from '../../../../shared/contracts/analytics';
import { ChartCard, type TableView } from '../../components/charts/ChartCard';
import { colorAt } from '../../components/charts/series';
import { useChartTheme } from '../../components/charts/useChartTheme';
import { useReducedMotion } from '../../components/charts/useReducedMotion';
import { useFormat, type Format } from '../../hooks/useFormat';
import { useTranslate, type Translate } from '../../hooks/useTranslate';
import { grainOf, groupTrend, sumUsd, type Grain } from './aggregate';
import { useBucketLabel } from './useBucketLabel';

const COST_HEIGHT = 200;
const REQUESTS_HEIGHT = 130;

/** The chart in words, for screen readers: its buckets and its costliest one. */
function describe(
  t: Translate,
  format: Format,
  trend: TrendPoint[],
  unit: string,
  label: (k: string) => string
) {
  const peak = trend.reduce((a, b) => (Number(b.costUsd) > Number(a.costUsd) ? b : a), trend[0]);
  return t(
    'analytics.trend.description',
    'Cost and requests per {unit, select, hour {hour} week {week} month {month} other {day}}, {count, plural, one {# point} other {# points}}; highest cost {cost} on {label}.',
    {
      unit,
      count: trend.length,
      cost: format.usd(peak?.costUsd),
      label: peak ? label(peak.bucket) : '',
    }
  );
}

/** The chart's figures as a table, with the range's totals. */
const figures = (
  t: Translate,
  format: Format,
  trend: TrendPoint[],
  label: (k: string) => string
): TableView => ({
  columns: [
    t('analytics.figure.bucket', 'Bucket'),
    t('analytics.figure.cost', 'Cost'),
    t('analytics.figure.requests', 'Requests'),
    t('analytics.figure.tokens', 'Tokens'),
    t('analytics.figure.failures', 'Failures'),
  ],
  rows: trend.map((p) => [
    label(p.bucket),
    format.usd(p.costUsd),
    format.number(p.requests),
    format.number(p.tokens),
    format.number(p.failures),
  ]),
  totals: [
    t('analytics.figure.total', 'Total'),
    format.usd(sumUsd(trend.map((p) => p.costUsd))),
    format.number(trend.reduce((sum, p) => sum + p.requests, 0)),
    format.number(trend.reduce((sum, p) => sum + p.tokens, 0)),
    format.number(trend.reduce((sum, p) => sum + p.failures, 0)),
  ],
});

const unitOf = (grain: Grain, range: AnalyticsRange) => (grain === 'bucket' ? range.bucket : grain);

type Datum = TrendPoint & { label: string; cost: number };

/** Cost per bucket, as bars on a money axis. */
const CostBars = ({ data, name }: { data: Datum[]; name: string }) => {
  const format = useFormat();
  const reduced = useReducedMotion();
  const chart = useChartTheme();
  const costName = name;
  return (
    <div data-testid="llm-trend-cost" style={{ height: COST_HEIGHT }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} syncId="llm-trend" margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={chart.grid} />
          <XAxis dataKey="label" hide />
          <YAxis
            tickFormatter={(value: number) => format.usdTick(value)}
            width={64}
            tick={chart.tick}
            axisLine={chart.axisLine}
            label={{ value: costName, angle: -90, position: 'insideLeft', ...chart.label }}
          />
          <Tooltip {...chart.tooltip} formatter={(value) => format.usd(String(value))} />
          <Bar dataKey="cost" name={costName} fill={colorAt(0)} isAnimationActive={!reduced} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
};

/** Requests per bucket, as a dashed line on a count axis of its own, under the cost. */
const RequestsLine = ({ data, name }: { data: Datum[]; name: string }) => {
  const format = useFormat();
  const reduced = useReducedMotion();
  const chart = useChartTheme();
  const requestsName = name;
  return (
    <div data-testid="llm-trend-requests" style={{ height: REQUESTS_HEIGHT }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} syncId="llm-trend" margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={chart.grid} />
          <XAxis dataKey="label" minTickGap={16} tick={chart.tick} axisLine={chart.axisLine} />
          <YAxis
            tickFormatter={(v: number) => format.count(v)}
            width={64}
            allowDecimals={false}
            tick={chart.tick}
            axisLine={chart.axisLine}
            label={{ value: requestsName, angle: -90, position: 'insideLeft', ...chart.label }}
          />
          <Tooltip {...chart.tooltip} formatter={(value) => format.number(Number(value))} />
          <Line
            type="monotone"
            dataKey="requests"
            name={requestsName}
            stroke={colorAt(1)}
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={false}
            isAnimationActive={!reduced}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
};

/**
 * Cost per bucket as bars, and requests below as a line on a chart of their own (same buckets,
 * each with its own labelled axis): two scales never drawn over each other. Long ranges by week
 * (90 days) or month (12 months).
 */
export const TrendChart = ({ trend, range }: { trend: TrendPoint[]; range: AnalyticsRange }) => {
  const t = useTranslate();
  const format = useFormat();
  const grain = grainOf(range);
  const label = useBucketLabel(grain);
  const points = groupTrend(trend, grain);
  const data = points.map((p) => ({ ...p, label: label(p.bucket), cost: Number(p.costUsd) }));
  const costName = t('analytics.figure.cost', 'Cost');
  const requestsName = t('analytics.figure.requests', 'Requests');
  return (
    <ChartCard
      id="trend"
      title={t('analytics.trend.title', 'Cost and requests')}
      description={describe(t, format, points, unitOf(grain, range), label)}
      table={figures(t, format, points, label)}
      height={COST_HEIGHT + REQUESTS_HEIGHT}
    >
      <CostBars data={data} name={costName} />
      <RequestsLine data={data} name={requestsName} />
    </ChartCard>
  );
};
