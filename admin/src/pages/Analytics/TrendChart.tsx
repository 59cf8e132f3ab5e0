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
import { ChartCard } from '../../components/charts/ChartCard';
import { colorAt } from '../../components/charts/series';
import { useReducedMotion } from '../../components/charts/useReducedMotion';

/** The two series, each on its own axis; the second is dashed so it reads without colour. */
const LINES = [
  { key: 'cost', name: 'Cost', color: 0, dash: undefined },
  { key: 'requests', name: 'Requests', color: 1, dash: '6 3' },
] as const;

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
  const reduced = useReducedMotion();
  const { hidden, toggle } = useHiddenSeries();
  const data = trend.map((p) => ({ ...p, cost: Number(p.costUsd) }));
  const peak = trend.reduce((a, b) => (Number(b.costUsd) > Number(a.costUsd) ? b : a), trend[0]);

  return (
    <ChartCard
      id="trend"
      title="Cost and requests"
      description={`Cost and requests per ${trend[0]?.bucket.length > 10 ? 'hour' : 'day'}, ${trend.length} points; highest cost ${formatUsd(peak?.costUsd)} on ${peak?.label}.`}
      table={{
        columns: ['Bucket', 'Cost', 'Requests', 'Tokens', 'Failures'],
        rows: trend.map((p) => [p.label, formatUsd(p.costUsd), p.requests, p.tokens, p.failures]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" minTickGap={24} />
          <YAxis yAxisId="cost" tickFormatter={formatUsdTick} width={72} />
          <YAxis
            yAxisId="requests"
            orientation="right"
            tickFormatter={(v: number) => formatCount(v)}
            width={56}
          />
          <Tooltip
            formatter={(value, name) =>
              name === 'Cost' ? formatUsd(String(value)) : formatCount(Number(value))
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
              name={line.name}
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
