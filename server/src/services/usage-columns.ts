import type { Core } from '@strapi/strapi';
import type { GetUsageColumns, UsageColumnKind } from '../../../shared/contracts/usage-columns';
import { createAggregator, type Aggregator } from '../analytics/aggregate';
import { resolveRange } from '../analytics/range';
import { unitKinds } from '../analytics/unit-kinds';
import { formatFemtoUsd, toFemto } from '../pricing/money';
import { pluginConfig } from '../plugin-config';

const DIMENSION = {
  provider: 'providerId',
  model: 'modelId',
  configuration: 'configurationId',
  task: 'taskId',
} as const;

/** `strapi.plugin('llm').service('usage-columns')`: the list views' 30-day figures, the Analytics page's `30d` window. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let aggregator: Aggregator | null = null;
  return {
    async figures(
      kind: UsageColumnKind,
      ids: number[],
      now = new Date()
    ): Promise<GetUsageColumns.Response> {
      const timeZone = pluginConfig(strapi).timeZone;
      const range = resolveRange('30d', now, timeZone);
      const dimension = DIMENSION[kind];
      aggregator ??= createAggregator(strapi);
      const groups = await aggregator.groupBy(range, [dimension], {
        only: { dimension, ids },
        metrics: [
          'requests',
          'costNano',
          'costRemainderFemto',
          'inputTokens',
          'outputTokens',
          'unpricedRequests',
          'units',
        ],
      });
      const kinds = await unitKinds(strapi, kind, ids);
      const data: GetUsageColumns.Response['data'] = {};
      for (const g of groups) {
        if (g.sums.requests === 0n) continue;
        data[String(g[dimension])] = {
          costUsd: formatFemtoUsd(toFemto(g.sums.costNano, g.sums.costRemainderFemto)),
          requests: Number(g.sums.requests),
          tokens: Number(g.sums.inputTokens + g.sums.outputTokens),
          unpricedRequests: Number(g.sums.unpricedRequests),
          units: Number(g.sums.units),
          unitKind: kinds.get(Number(g[dimension])) ?? null,
        };
      }
      return { data, meta: { from: range.from, to: range.to, timeZone } };
    },
  };
};
