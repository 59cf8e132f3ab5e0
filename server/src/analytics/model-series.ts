import type {
  AnalyticsDocument,
  BreakdownRow,
  ModelBucket,
} from '../../../shared/contracts/analytics';
import { formatFemtoUsd } from '../pricing/money';
import type { Group } from './aggregate';
import { bucketLabel, type ResolvedRange } from './range';
import { femtoOf, n, tokensOf, used } from './sums';

/** How many models the stacked chart names before folding the rest into "Other". */
const TOP_MODELS = 5;

/**
 * The cost and tokens per bucket stacked by model: the heaviest by cost (then tokens) keep their
 * own series; the rest is "Other". Cost cells are exact (femto-USD), like every other cost.
 */
export function modelSeries(
  range: ResolvedRange,
  byBucketModel: Group[],
  modelTotals: BreakdownRow[],
  modelLabel: (id: string) => string
): AnalyticsDocument['byModel'] {
  const top = modelTotals.slice(0, TOP_MODELS).map((m) => m.key);
  const seriesOf = (modelId: string) => (top.includes(modelId) ? modelId : 'other');
  const series = [
    ...top.map((key) => ({ key, label: modelLabel(key) })),
    ...(modelTotals.length > TOP_MODELS ? [{ key: 'other', label: 'Other' }] : []),
  ];
  const stacked = new Map<string, { cost: Map<string, bigint>; tokens: Map<string, bigint> }>();
  for (const g of byBucketModel) {
    if (!used(g.sums)) continue;
    const cell = stacked.get(String(g.bucket)) ?? { cost: new Map(), tokens: new Map() };
    const key = seriesOf(String(g.modelId));
    cell.cost.set(key, (cell.cost.get(key) ?? 0n) + femtoOf(g.sums));
    cell.tokens.set(key, (cell.tokens.get(key) ?? 0n) + tokensOf(g.sums));
    stacked.set(String(g.bucket), cell);
  }
  const buckets: ModelBucket[] = range.buckets.map((bucket) => {
    const cell = stacked.get(bucket);
    return {
      bucket,
      label: bucketLabel(bucket),
      cost: Object.fromEntries(
        series.map((s) => [s.key, formatFemtoUsd(cell?.cost.get(s.key) ?? 0n)])
      ),
      tokens: Object.fromEntries(series.map((s) => [s.key, n(cell?.tokens.get(s.key) ?? 0n)])),
    };
  });
  const share = [...modelTotals].sort((a, b) => b.tokens - a.tokens);
  return { series, buckets, share };
}
