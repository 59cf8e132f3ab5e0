import { Flex, Typography } from '@strapi/design-system';
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
import type { AnalyticsPeriod, TrendPoint } from '../../../../shared/contracts/analytics';
import { Card } from '../../components/Card';
import { ChartCard, type TableView } from '../../components/charts/ChartCard';
import { Legend } from '../../components/charts/Legend';
import { colorAt } from '../../components/charts/series';
import { useChartTheme } from '../../components/charts/useChartTheme';
import { useReducedMotion } from '../../components/charts/useReducedMotion';
import { useFormat, type Format } from '../../hooks/useFormat';
import { useTranslate, type Translate } from '../../hooks/useTranslate';
import { grainOf, groupTrend, sumUsd } from './aggregate';
import { useBucketLabel } from './useBucketLabel';

const TOKENS_HEIGHT = 200;
const SAVINGS_HEIGHT = 120;

/** A bucket's prompt-cache figures: tokens read and written, and what the reads saved (exact USD text). */
/** One bucket of the cache panel: the trend point's cache figures. */
export type CachePoint = Pick<
  TrendPoint,
  'bucket' | 'cacheReadTokens' | 'cacheWriteTokens' | 'cacheSavingsUsd'
>;

/** The charts' figures as a table, with the period's totals. */
function cacheTable(
  t: Translate,
  f: Format,
  points: CachePoint[],
  label: (k: string) => string
): TableView {
  const total = (pick: (p: CachePoint) => number) => points.reduce((s, p) => s + pick(p), 0);
  return {
    columns: [
      t('analytics.figure.bucket', 'Bucket'),
      t('cache.read', 'Cache reads (tokens)'),
      t('cache.write', 'Cache writes (tokens)'),
      t('cache.saved', 'Saved'),
    ],
    rows: points.map((p) => [
      label(p.bucket),
      f.number(p.cacheReadTokens),
      f.number(p.cacheWriteTokens),
      f.usd(p.cacheSavingsUsd),
    ]),
    totals: [
      t('analytics.figure.total', 'Total'),
      f.number(total((p) => p.cacheReadTokens)),
      f.number(total((p) => p.cacheWriteTokens)),
      f.usd(sumUsd(points.map((p) => p.cacheSavingsUsd))),
    ],
  };
}

type Datum = CachePoint & { label: string; saved: number };

/** Tokens read from and written to the cache per bucket, side by side on a token axis. */
const TokenBars = ({ data, names }: { data: Datum[]; names: { read: string; write: string } }) => {
  const f = useFormat();
  const chart = useChartTheme();
  const reduced = useReducedMotion();
  return (
    <div data-testid="llm-cache-tokens" style={{ height: TOKENS_HEIGHT }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} syncId="llm-cache" margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={chart.grid} />
          <XAxis dataKey="label" hide />
          <YAxis
            tickFormatter={(v: number) => f.count(v)}
            width={56}
            tick={chart.tick}
            axisLine={chart.axisLine}
          />
          <Tooltip {...chart.tooltip} formatter={(value) => f.number(Number(value))} />
          <Bar
            dataKey="cacheReadTokens"
            name={names.read}
            fill={colorAt(2)}
            isAnimationActive={!reduced}
          />
          <Bar
            dataKey="cacheWriteTokens"
            name={names.write}
            fill={colorAt(3)}
            isAnimationActive={!reduced}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
};

/** What the reads saved per bucket, as a line on a money axis of its own. */
const SavingsLine = ({ data, name }: { data: Datum[]; name: string }) => {
  const f = useFormat();
  const chart = useChartTheme();
  const reduced = useReducedMotion();
  return (
    <div data-testid="llm-cache-savings" style={{ height: SAVINGS_HEIGHT }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} syncId="llm-cache" margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={chart.grid} />
          <XAxis dataKey="label" minTickGap={16} tick={chart.tick} axisLine={chart.axisLine} />
          <YAxis
            tickFormatter={(v: number) => f.usdTick(v)}
            width={56}
            tick={chart.tick}
            axisLine={chart.axisLine}
          />
          <Tooltip
            {...chart.tooltip}
            formatter={(_value, _name, item) => f.usd((item.payload as Datum).cacheSavingsUsd)}
          />
          <Line
            type="monotone"
            dataKey="saved"
            name={name}
            stroke={colorAt(0)}
            strokeWidth={2}
            dot={false}
            isAnimationActive={!reduced}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
};

/** The period's totals above the charts: the money saved first, it is the point of caching. */
const Totals = ({ points }: { points: CachePoint[] }) => {
  const t = useTranslate();
  const f = useFormat();
  return (
    <Flex gap={4} wrap="wrap" paddingBottom={3} data-testid="llm-cache-totals">
      <Typography variant="omega" fontWeight="bold">
        {t('cache.totalSaved', 'Saved: {amount}', {
          amount: f.usd(sumUsd(points.map((p) => p.cacheSavingsUsd))),
        })}
      </Typography>
      <Typography variant="omega" textColor="neutral600">
        {t('cache.totalTokens', '{read} tokens read, {write} written', {
          read: f.count(points.reduce((s, p) => s + p.cacheReadTokens, 0)),
          write: f.count(points.reduce((s, p) => s + p.cacheWriteTokens, 0)),
        })}
      </Typography>
    </Flex>
  );
};

/**
 * Prompt caching over the period: tokens read from and written to the providers' caches per
 * bucket, and what the reads saved at the model's input price (minus what they cost at its
 * cache-read price). By week or month for long periods, as the cost chart.
 */
export const CachePanel = ({ trend, range }: { trend: TrendPoint[]; range: AnalyticsPeriod }) => {
  const t = useTranslate();
  const f = useFormat();
  const grain = grainOf(range);
  const label = useBucketLabel(grain);
  const points = groupTrend(trend, grain);
  const title = t('cache.title', 'Prompt cache');
  if (!points.some((p) => p.cacheReadTokens > 0 || p.cacheWriteTokens > 0))
    return (
      <Card padding={5} data-testid="llm-cache-empty">
        <Typography variant="delta" tag="h3">
          {title}
        </Typography>
        <Typography tag="p" textColor="neutral600">
          {t('cache.empty', 'No call read from or wrote to a prompt cache in this period.')}
        </Typography>
      </Card>
    );
  const data = points.map((p) => ({
    ...p,
    label: label(p.bucket),
    saved: Number(p.cacheSavingsUsd),
  }));
  return (
    <ChartCard
      id="cache"
      title={title}
      description={t(
        'cache.description',
        'Prompt-cache tokens read and written, and the money the reads saved, {count, plural, one {# point} other {# points}}.',
        { count: points.length }
      )}
      table={cacheTable(t, f, points, label)}
      height={TOKENS_HEIGHT + SAVINGS_HEIGHT}
      header={
        <>
          <Totals points={points} />
          <Legend
            testId="llm-cache-legend"
            items={[
              { key: 'read', label: t('cache.read', 'Cache reads (tokens)'), color: colorAt(2) },
              { key: 'write', label: t('cache.write', 'Cache writes (tokens)'), color: colorAt(3) },
              { key: 'saved', label: t('cache.saved', 'Saved'), color: colorAt(0) },
            ]}
          />
        </>
      }
    >
      <TokenBars
        data={data}
        names={{
          read: t('cache.read', 'Cache reads (tokens)'),
          write: t('cache.write', 'Cache writes (tokens)'),
        }}
      />
      <SavingsLine data={data} name={t('cache.saved', 'Saved')} />
    </ChartCard>
  );
};
