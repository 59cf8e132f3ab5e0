import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UID } from '../../../content-types';
import type { ResolvedRange } from './range';

export type Dimension = 'bucket' | 'providerId' | 'modelId' | 'configurationId' | 'service' | 'taskId' | 'source' | 'userId';

/** Sums of one group, exact: every value comes back from SQL as text and is read as a bigint. */
export interface Sums {
  requests: bigint;
  failures: bigint;
  blocked: bigint;
  unpricedRequests: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  cacheReadTokens: bigint;
  cacheWriteTokens: bigint;
  costNano: bigint;
  latencyMsSum: bigint;
}

export type Group = Partial<Record<Dimension, string | number>> & { sums: Sums };

export interface Filter {
  /** Only this user's usage (0 = system); undefined = everyone. */
  userId?: number;
  /** Only days from this key on (the monthly budget bars). */
  fromDay?: string;
  /** Only these records of one dimension (the list-view columns of one page). */
  only?: { dimension: 'providerId' | 'modelId' | 'configurationId' | 'taskId'; ids: number[] };
}

const METRICS = Object.keys({
  requests: 0,
  failures: 0,
  blocked: 0,
  unpricedRequests: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costNano: 0,
  latencyMsSum: 0,
}) as Array<keyof Sums>;

/**
 * GROUP BY queries for the analytics document. Day ranges read the daily rollups (a few rows per
 * day, whatever the traffic); the hourly range reads 24 hours of raw events through the
 * occurred_at index. Both answer the same metrics, so the rest of the code does not care which.
 */
export function createAggregator(strapi: Core.Strapi) {
  const knex = strapi.db.connection as unknown as Knex;
  const dialect = strapi.db.dialect.client;
  const rollup = strapi.db.metadata.get(UID.usageDaily);
  const usage = strapi.db.metadata.get(UID.usage);
  const column = (meta: typeof rollup, attribute: string) => (meta.attributes[attribute] as { columnName: string }).columnName;
  const r = (a: string) => column(rollup, a);
  const u = (a: string) => column(usage, a);
  const asText = (sql: string) => (dialect === 'mysql' ? `CAST(${sql} AS CHAR)` : `CAST(${sql} AS TEXT)`);

  // Metric → SQL over each source. Events: a blocked attempt is not a request; a failure is.
  const blockedEvent = `${u('errorCode')} = 'budget_exceeded'`;
  const EVENT_METRICS: Record<keyof Sums, string> = {
    requests: `SUM(CASE WHEN ${blockedEvent} THEN 0 ELSE 1 END)`,
    failures: `SUM(CASE WHEN ${u('success')} OR ${blockedEvent} THEN 0 ELSE 1 END)`,
    blocked: `SUM(CASE WHEN ${blockedEvent} THEN 1 ELSE 0 END)`,
    unpricedRequests: `SUM(CASE WHEN ${u('success')} AND ${u('costNano')} IS NULL THEN 1 ELSE 0 END)`,
    inputTokens: `SUM(${u('inputTokens')})`,
    outputTokens: `SUM(${u('outputTokens')})`,
    cacheReadTokens: `SUM(${u('cacheReadTokens')})`,
    cacheWriteTokens: `SUM(${u('cacheWriteTokens')})`,
    costNano: `SUM(COALESCE(${u('costNano')}, 0))`,
    latencyMsSum: `SUM(CASE WHEN ${blockedEvent} THEN 0 ELSE ${u('latencyMs')} END)`,
  };
  const ROLLUP_METRICS: Record<keyof Sums, string> = {
    requests: `SUM(${r('requests')})`,
    failures: `SUM(${r('failures')})`,
    blocked: `SUM(${r('blockedRequests')})`,
    unpricedRequests: `SUM(${r('unpricedRequests')})`,
    inputTokens: `SUM(${r('inputTokens')})`,
    outputTokens: `SUM(${r('outputTokens')})`,
    cacheReadTokens: `SUM(${r('cacheReadTokens')})`,
    cacheWriteTokens: `SUM(${r('cacheWriteTokens')})`,
    costNano: `SUM(${r('costNano')})`,
    latencyMsSum: `SUM(${r('latencyMsSum')})`,
  };
  const ROLLUP_DIMS: Record<Dimension, string> = {
    bucket: r('day'),
    providerId: r('providerId'),
    modelId: r('modelId'),
    configurationId: r('configurationId'),
    service: r('service'),
    taskId: r('taskId'),
    source: r('source'),
    userId: r('userId'),
  };
  // Events keep "none" as NULL; rollups as 0 / ''. Coalesce so both group the same way.
  const EVENT_DIMS: Record<Dimension, string> = {
    bucket: u('hour'),
    providerId: `COALESCE(${u('providerId')}, 0)`,
    modelId: `COALESCE(${u('modelId')}, 0)`,
    configurationId: `COALESCE(${u('configurationId')}, 0)`,
    service: u('service'),
    taskId: `COALESCE(${u('taskId')}, 0)`,
    source: `COALESCE(${u('source')}, '')`,
    userId: `COALESCE(${u('userId')}, 0)`,
  };

  return {
    async groupBy(range: ResolvedRange, dimensions: Dimension[], filter: Filter = {}): Promise<Group[]> {
      const hourly = range.bucket === 'hour' && filter.fromDay === undefined;
      const dims = hourly ? EVENT_DIMS : ROLLUP_DIMS;
      const metrics = hourly ? EVENT_METRICS : ROLLUP_METRICS;
      const query = knex(hourly ? usage.tableName : rollup.tableName);
      for (const [i, d] of dimensions.entries()) query.select(knex.raw(`${dims[d]} AS ${`d${i}`}`));
      // Aliases stay lowercase: PostgreSQL folds unquoted names.
      for (const [i, m] of METRICS.entries()) query.select(knex.raw(`${asText(metrics[m])} AS m${i}`));

      if (hourly) {
        query.where(u('occurredAt'), '>=', range.since!).andWhere(u('hour'), '>=', range.from);
        if (filter.userId !== undefined) query.andWhereRaw(`${EVENT_DIMS.userId} = ?`, [filter.userId]);
      } else {
        query.where(r('day'), '>=', filter.fromDay ?? range.from).andWhere(r('day'), '<=', range.to);
        if (filter.userId !== undefined) query.andWhere(r('userId'), filter.userId);
      }
      if (filter.only) {
        const ids = filter.only.ids.length ? filter.only.ids : [-1];
        query.whereRaw(`${dims[filter.only.dimension]} IN (${ids.map(() => '?').join(', ')})`, ids);
      }
      if (dimensions.length > 0) query.groupByRaw(dimensions.map((d) => dims[d]).join(', '));

      const rows = await query;
      return rows.map((row: Record<string, unknown>) => {
        const group: Group = { sums: {} as Sums };
        for (const [i, d] of dimensions.entries()) {
          const value = row[`d${i}`];
          (group as Record<string, unknown>)[d] = d === 'bucket' || d === 'service' || d === 'source' ? String(value ?? '') : Number(value ?? 0);
        }
        for (const [i, m] of METRICS.entries()) group.sums[m] = BigInt((row[`m${i}`] as string | null) ?? '0');
        return group;
      });
    },
  };
}

export type Aggregator = ReturnType<typeof createAggregator>;
