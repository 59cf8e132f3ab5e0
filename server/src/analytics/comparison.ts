import type { Kpis } from '../../../shared/contracts/analytics';
import type { Aggregator, Filter } from './aggregate';
import { kpisOf } from './kpis';
import type { ResolvedRange } from './range';
import { addSums, used, ZERO_SUMS } from './sums';

/**
 * Every KPI of a range, with nothing else: the comparison tiles. The same sums, counts and latency
 * the page's own KPIs come from, read the same way (rollups, or raw rows under a filter).
 */
export async function kpisOfRange(
  aggregator: Aggregator,
  range: ResolvedRange,
  filter: Pick<Filter, 'userId' | 'match'>
): Promise<Kpis> {
  const members = (dimension: 'providerId' | 'modelId' | 'userId') =>
    aggregator.groupBy(range, [dimension], { ...filter, metrics: ['requests'] });
  const [total, providers, models, users, latency] = await Promise.all([
    aggregator.groupBy(range, [], filter),
    members('providerId'),
    members('modelId'),
    members('userId'),
    aggregator.latencyHistograms(range, filter),
  ]);
  const counted = (groups: typeof providers, dimension: 'providerId' | 'modelId' | 'userId') =>
    groups.filter((g) => used(g.sums) && Number(g[dimension]) > 0).length;
  return kpisOf(
    total.reduce((sum, g) => addSums(sum, g.sums), ZERO_SUMS),
    latency,
    {
      providers: counted(providers, 'providerId'),
      models: counted(models, 'modelId'),
      activeUsers: counted(users, 'userId'),
    }
  );
}
