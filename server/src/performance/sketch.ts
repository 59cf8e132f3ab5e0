import type { Core } from '@strapi/strapi';
import type { ResolvedRange } from '../analytics/range';
import { UID } from '../content-types/schemas';
import { sumAsText } from '../db/sql';
import { dialectOf, knexOf, tableOf } from '../db/tables';
import { parseLatencyKey } from '../usage/latency';
import {
  LATENCY_MODEL_DIMENSION,
  STREAM_MODEL_DIMENSION,
  TTFT_MODEL_DIMENSION,
} from '../usage/performance-rollups';
import { addCount, emptySamples, latencyCounts, ttftCounts, type Samples } from './samples';

const EVERYONE = -1;

/**
 * Histogram samples from the daily rollups (usage/performance-rollups.ts): a few rows per day and
 * model whatever the traffic. Values are bucket bounds, so percentiles come out as bounds.
 */
export function createSketchReader(strapi: Core.Strapi) {
  const knex = knexOf(strapi);
  const rollup = tableOf(strapi, UID.usageRollup);
  const r = rollup.column;
  const asText = sumAsText(dialectOf(strapi));

  /** One performance dimension of the period, for everyone, narrowed to some models. */
  function rows(dimension: string, range: ResolvedRange, models: string[] | undefined) {
    const query = knex(rollup.name)
      .where(r('dimension'), dimension)
      .andWhere(r('userId'), EVERYONE)
      .andWhere(r('day'), '>=', range.from)
      .andWhere(r('day'), '<=', range.to);
    if (models?.length) {
      // Members are '<modelId>|<bound>' (or '<modelId>' for streams): match the id exactly.
      const keyed = dimension !== STREAM_MODEL_DIMENSION;
      query.where((inner) => {
        for (const id of models)
          if (keyed) inner.orWhere(r('dimensionKey'), 'like', `${id}|%`);
          else inner.orWhere(r('dimensionKey'), id);
      });
    }
    return query;
  }

  return async function sketchSamples(
    range: ResolvedRange,
    models: string[] | undefined
  ): Promise<Samples> {
    const calls = knex.raw(`${asText(`SUM(${r('requests')})`)} AS c`);
    const [latency, ttft, streams] = await Promise.all([
      rows(LATENCY_MODEL_DIMENSION, range, models)
        .select(knex.raw(`${r('day')} AS b, ${r('dimensionKey')} AS k`), calls)
        .groupBy(r('day'), r('dimensionKey')),
      rows(TTFT_MODEL_DIMENSION, range, models)
        .select(knex.raw(`${r('dimensionKey')} AS k`), calls)
        .groupBy(r('dimensionKey')),
      rows(STREAM_MODEL_DIMENSION, range, models)
        .select(
          knex.raw(`${r('dimensionKey')} AS k`),
          knex.raw(`${asText(`SUM(${r('outputTokens')})`)} AS t`),
          knex.raw(`${asText(`SUM(${r('latencyMsSum')})`)} AS g`)
        )
        .groupBy(r('dimensionKey')),
    ]);
    const samples = emptySamples();
    for (const row of latency) {
      const { service: model, bound } = parseLatencyKey(String(row.k));
      addCount(latencyCounts(samples, model, String(row.b)), bound, Number(row.c));
    }
    for (const row of ttft) {
      const { service: model, bound } = parseLatencyKey(String(row.k));
      addCount(ttftCounts(samples, model), bound, Number(row.c));
    }
    for (const row of streams)
      samples.streams.set(String(row.k), {
        outputTokens: Number(row.t ?? 0),
        generationMs: Number(row.g ?? 0),
      });
    return samples;
  };
}
