import { useState } from 'react';
import {
  Brush,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TrendPoint } from '../../../../shared/contracts/analytics';
import { formatCount, formatUsd, formatUsdTick } from '../../../../shared/format';
import { ChartCard, type TableView } from '../../components/charts/ChartCard';
import { colorAt } from '../../components/charts/series';
import { useReducedMotion } from '../../components/charts/useReducedMotion';
import { msg, useTranslate, type Translate } from '../../hooks/useTranslate';

/** The two series, each on its own axis; the second is dashed so it reads without colour. */
const LINES = [
  { key: 'cost', name: msg('analytics.figure.cost', 'Cost'), color: 0, dash: undefined },
  { key: 'requests', name: msg('analytics.figure.requests', 'Requests'), color: 1, dash: '6 3' },
] as const;

/** The chart in words, for screen readers: its buckets and its costliest one. */
function describe(t: Translate, trend: TrendPoint[]) {
  const peak = trend.reduce((a, b) => (Number(b.costUsd) > Number(a.costUsd) ? b : a), trend[0]);
  return t(
    'analytics.trend.description',
    'Cost and requests per {unit, select, hour {hour} other {day}}, {count, plural, one {# point} other {# points}}; highest cost {cost} on {label}.',
    {
      unit: trend[0]?.bucket.length > 10 ? 'hour' : 'day',
      count: trend.length,
      cost: formatUsd(peak?.costUsd),
      label: peak?.label ?? '',
    }
  );
}

/** The chart's figures as a table. */
const figures = (t: Translate, trend: TrendPoint[]): TableView => ({
  columns: [
    t('analytics.figure.bucket', 'Bucket'),
    t(LINES[0].name),
    t(LINES[1].name),
    t('analytics.figure.tokens', 'Tokens'),
    t('analytics.figure.failures', 'Failures'),
  ],
  rows: trend.map((p) => [p.label, formatUsd(p.costUsd), p.requests, p.tokens, p.failures]),
});

/** The series the reader switched off by clicking their legend entry. */
function useHiddenSeries() {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const toggle = (key: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return { hidden, toggle };
}

/** Cost and requests per bucket on two axes; legend entries toggle their series; a brush past a month. */
export const TrendChart = ({ trend }: { trend: TrendPoint[] }) => {
  const t = useTranslate();
  const reduced = useReducedMotion();
  const { hidden, toggle } = useHiddenSeries();
  const data = trend.map((p) => ({ ...p, cost: Number(p.costUsd) }));

  return (
    <ChartCard
      id="trend"
      title={t('analytics.trend.title', 'Cost and requests')}
      description={describe(t, trend)}
      table={figures(t, trend)}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" minTickGap={24} />
          <YAxis
            yAxisId="cost"
            tickFormatter={(value: number) => formatUsdTick(value)}
            width={72}
          />
          <YAxis
            yAxisId="requests"
            orientation="right"
            tickFormatter={(v: number) => formatCount(v)}
            width={56}
          />
          <Tooltip
            formatter={(value, _name, item) =>
              item.dataKey === 'cost' ? formatUsd(String(value)) : formatCount(Number(value))
            }
          />
          <Legend
            onClick={(entry) => toggle(String(entry.dataKey))}
            wrapperStyle={{ cursor: 'pointer' }}
          />
          {LINES.map((line) => (
            <Line
              key={line.key}
              yAxisId={line.key}
              type="monotone"
              dataKey={line.key}
              name={t(line.name)}
              stroke={colorAt(line.color)}
              strokeWidth={2}
              strokeDasharray={line.dash}
              dot={false}
              hide={hidden.has(line.key)}
              isAnimationActive={!reduced}
            />
          ))}
          {data.length > 31 && <Brush dataKey="label" height={22} travellerWidth={8} />}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
};
