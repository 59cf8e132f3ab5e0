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

/** Cost and requests per bucket on two axes; legend entries toggle their series; a brush past a month. */
export const TrendChart = ({ trend }: { trend: TrendPoint[] }) => {
  const reduced = useReducedMotion();
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const data = trend.map((p) => ({ ...p, cost: Number(p.costUsd) }));
  const toggle = (key: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
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
          <Line
            yAxisId="cost"
            type="monotone"
            dataKey="cost"
            name="Cost"
            stroke={colorAt(0)}
            strokeWidth={2}
            dot={false}
            hide={hidden.has('cost')}
            isAnimationActive={!reduced}
          />
          <Line
            yAxisId="requests"
            type="monotone"
            dataKey="requests"
            name="Requests"
            stroke={colorAt(1)}
            strokeWidth={2}
            strokeDasharray="6 3"
            dot={false}
            hide={hidden.has('requests')}
            isAnimationActive={!reduced}
          />
          {data.length > 31 && <Brush dataKey="label" height={22} travellerWidth={8} />}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
};
