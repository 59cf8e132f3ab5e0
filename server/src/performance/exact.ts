import type { Core } from '@strapi/strapi';
import type { Filters } from '../../../shared/analytics-query';
import type { ResolvedRange } from '../analytics/range';
import { UID } from '../content-types/schemas';
import { knexOf, tableOf } from '../db/tables';
import { roleMembers, whereFilters } from './raw-filters';
import { addCount, emptySamples, latencyCounts, ttftCounts, type Samples } from './samples';

/** Wider than any time zone's offset: the occurred_at bounds only let the index narrow the scan. */
const ZONE_SLACK_MS = 2 * 86_400_000;

/**
 * Exact samples from raw usage rows: calls grouped by model, bucket and exact duration in SQL (a
 * few rows per distinct value, not one per call), so the nearest rank is exact.
 */
export function createExactReader(strapi: Core.Strapi) {
  const knex = knexOf(strapi);
  const usage = tableOf(strapi, UID.usage);
  const u = usage.column;
  const model = `COALESCE(${u('modelId')}, 0)`;

  /** Successful calls of the period that match the filters. */
  function calls(range: ResolvedRange, filters: Filters, members: number[] | null) {
    const query = knex(usage.name).where(u('success'), true);
    if (range.bucket === 'hour')
      query
        .where(u('occurredAt'), '>=', range.since!)
        .andWhere(u('occurredAt'), '<', range.until!)
        .andWhere(u('hour'), '>=', range.from)
        .andWhere(u('hour'), '<=', range.to);
    else
      query
        .where(u('occurredAt'), '>=', new Date(Date.parse(range.from) - ZONE_SLACK_MS))
        .andWhere(u('occurredAt'), '<', new Date(Date.parse(range.to) + ZONE_SLACK_MS))
        .andWhere(u('day'), '>=', range.from)
        .andWhere(u('day'), '<=', range.to);
    whereFilters(query, filters, u, members);
    return query;
  }

  /** Successful streams that reported a first token: what TTFT and tokens per second describe. */
  const timedStreams = (range: ResolvedRange, filters: Filters, members: number[] | null) =>
    calls(range, filters, members).andWhere(u('streamed'), true).whereNotNull(u('ttftMs'));

  return async function exactSamples(range: ResolvedRange, filters: Filters): Promise<Samples> {
    const members = await roleMembers(strapi, filters);
    const bucket = range.bucket === 'hour' ? u('hour') : u('day');
    const generation = `CASE WHEN ${u('latencyMs')} > ${u('ttftMs')} THEN ${u('latencyMs')} - ${u('ttftMs')} ELSE 0 END`;
    const [latency, ttft, streams] = await Promise.all([
      calls(range, filters, members)
        .select(knex.raw(`${model} AS m, ${bucket} AS b, ${u('latencyMs')} AS v, COUNT(*) AS c`))
        .groupByRaw(`${model}, ${bucket}, ${u('latencyMs')}`),
      timedStreams(range, filters, members)
        .select(knex.raw(`${model} AS m, ${u('ttftMs')} AS v, COUNT(*) AS c`))
        .groupByRaw(`${model}, ${u('ttftMs')}`),
      timedStreams(range, filters, members)
        .select(knex.raw(`${model} AS m, SUM(${u('outputTokens')}) AS t, SUM(${generation}) AS g`))
        .groupByRaw(model),
    ]);
    const samples = emptySamples();
    for (const row of latency)
      addCount(latencyCounts(samples, String(row.m), String(row.b)), Number(row.v), Number(row.c));
    for (const row of ttft)
      addCount(ttftCounts(samples, String(row.m)), Number(row.v), Number(row.c));
    for (const row of streams)
      samples.streams.set(String(row.m), {
        outputTokens: Number(row.t ?? 0),
        generationMs: Number(row.g ?? 0),
      });
    return samples;
  };
}
