import { Grid } from '@strapi/design-system';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AnalyticsDocument, BreakdownRow } from '../../../../shared/contracts/analytics';
import { formatCount, formatUsd, formatUsdTick } from '../../../../shared/format';
import { ChartCard } from '../../components/charts/ChartCard';
import { colorAt, patternId, SeriesPatterns } from '../../components/charts/series';
import { useReducedMotion } from '../../components/charts/useReducedMotion';
import { useTranslate } from '../../hooks/useTranslate';

type ByModel = AnalyticsDocument['byModel'];

/** Cost per bucket, stacked by model (the heaviest models, the rest as Other). */
const CostByModelChart = ({ byModel }: { byModel: ByModel }) => {
  const t = useTranslate();
  const reduced = useReducedMotion();
  const data = byModel.buckets.map((b) => ({
    label: b.label,
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
          models: byModel.series.map((s) => s.label).join(', '),
        }
      )}
      table={{
        columns: [t('analytics.figure.bucket', 'Bucket'), ...byModel.series.map((s) => s.label)],
        rows: byModel.buckets.map((b) => [
          b.label,
          ...byModel.series.map((s) =>
            t('analytics.byModel.cell', '{cost} · {tokens} tok', {
              cost: formatUsd(b.cost[s.key]),
              tokens: formatCount(b.tokens[s.key]),
            })
          ),
        ]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <SeriesPatterns chart="by-model" count={byModel.series.length} />
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" minTickGap={24} />
          <YAxis tickFormatter={(value: number) => formatUsdTick(value)} width={72} />
          <Tooltip formatter={(value) => formatUsd(String(value))} />
          <Legend />
          {byModel.series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId="cost"
              fill={`url(#${patternId('by-model', i)})`}
              stroke={colorAt(i)}
              isAnimationActive={!reduced}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
};

/** Each model's share of the range's tokens, as a ring. */
const TokenShareChart = ({ models }: { models: BreakdownRow[] }) => {
  const t = useTranslate();
  const reduced = useReducedMotion();
  const share = models.filter((s) => s.tokens > 0);
  const totalTokens = share.reduce((sum, s) => sum + s.tokens, 0);
  return (
    <ChartCard
      id="token-share"
      title={t('analytics.tokenShare.title', 'Share of tokens')}
      description={share
        .map((s) => `${s.label} ${totalTokens ? Math.round((s.tokens / totalTokens) * 100) : 0}%`)
        .join(', ')}
      table={{
        columns: [
          t('analytics.figure.model', 'Model'),
          t('analytics.figure.tokens', 'Tokens'),
          t('analytics.figure.share', 'Share'),
        ],
        rows: share.map((s) => [
          s.label,
          formatCount(s.tokens),
          `${totalTokens ? ((s.tokens / totalTokens) * 100).toFixed(1) : 0}%`,
        ]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <SeriesPatterns chart="share" count={share.length} />
          <Pie
            data={share}
            dataKey="tokens"
            nameKey="label"
            innerRadius="55%"
            outerRadius="85%"
            isAnimationActive={!reduced}
          >
            {share.map((s, i) => (
              <Cell key={s.key} fill={`url(#${patternId('share', i)})`} stroke={colorAt(i)} />
            ))}
          </Pie>
          <Tooltip
            formatter={(value) =>
              t('analytics.tokenShare.tooltip', '{tokens} tokens', {
                tokens: formatCount(Number(value)),
              })
            }
          />
        </PieChart>
      </ResponsiveContainer>
    </ChartCard>
  );
};

/** Cost by model over time, next to each model's share of tokens. */
export const ModelCharts = ({ byModel }: { byModel: ByModel }) => (
  <Grid.Root gap={4}>
    <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
      <CostByModelChart byModel={byModel} />
    </Grid.Item>
    <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
      <TokenShareChart models={byModel.share} />
    </Grid.Item>
  </Grid.Root>
);
