import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UID } from '../../../content-types';
import type { ResolvedRange } from './range';
import { latencyBound, parseLatencyKey } from '../usage/latency';
import {
  ALL_SERVICES,
  BLOCKED,
  EVERYONE,
  LATENCY_DIMENSION,
  type RollupDimension,
} from '../usage/rollups';

export type Dimension =
  | 'bucket'
  | 'providerId'
  | 'modelId'
  | 'configurationId'
  | 'service'
  | 'taskId'
  | 'source'
  | 'userId'
  | 'contentType'
  | 'entry';

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
  /** With costNano, the exact cost: costNano × 10⁶ + costRemainderFemto femto-USD. */
  costRemainderFemto: bigint;
  /** The part of the cost that failed calls carried (streams the caller aborted: the provider billed them). */
  failedCostNano: bigint;
  failedCostRemainderFemto: bigint;
  cacheSavingsNano: bigint;
  latencyMsSum: bigint;
}

/** Successful calls per latency bucket, per service: bucket bound (ms) → calls; null = past the last bound. */
export type LatencyHistograms = Map<string, Map<number | null, bigint>>;

export type Group = Partial<Record<Dimension, string | number>> & { sums: Sums };

export interface Filter {
  /** Only this user's usage (0 = system); undefined = everyone. */
  userId?: number;
  /** Only days from this key on (the monthly budget bars). */
  fromDay?: string;
  /** Only these records of one dimension (the list-view columns of one page). */
  only?: { dimension: 'providerId' | 'modelId' | 'configurationId' | 'taskId'; ids: number[] };
  /** Only these sums (the others read 0): each SUM costs time on every row a query reads. */
  metrics?: Array<keyof Sums>;
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
  costRemainderFemto: 0,
  failedCostNano: 0,
  failedCostRemainderFemto: 0,
  cacheSavingsNano: 0,
  latencyMsSum: 0,
}) as Array<keyof Sums>;

/** SQL that returns an aggregate as text, so bigint sums reach JavaScript exactly. */
export const sumAsText = (dialect: string) => (sql: string) =>
  dialect === 'mysql' ? `CAST(${sql} AS CHAR)` : `CAST(${sql} AS TEXT)`;

/** Which rollup dimension answers a grouping by this member (grouping by none reads `total`). */
const ROLLUP_OF: Partial<Record<Dimension, RollupDimension>> = {
  providerId: 'provider',
  modelId: 'model',
  configurationId: 'configuration',
  service: 'service',
  taskId: 'task',
  source: 'source',
  contentType: 'contentType',
  entry: 'entry',
};

/**
 * GROUP BY queries for the analytics document. Day ranges read the daily rollups — one dimension,
 * for one user or for everyone, so a few rows per day whatever the traffic; the hourly range reads
 * 24 hours of raw events through the occurred_at index. Both answer the same metrics, so the rest of
 * the code does not care which.
 */
export function createAggregator(strapi: Core.Strapi) {
  const knex = strapi.db.connection as unknown as Knex;
  const dialect = strapi.db.dialect.client;
  const rollup = strapi.db.metadata.get(UID.usageRollup);
  const usage = strapi.db.metadata.get(UID.usage);
  const column = (meta: typeof rollup, attribute: string) =>
    (meta.attributes[attribute] as { columnName: string }).columnName;
  const r = (a: string) => column(rollup, a);
  const u = (a: string) => column(usage, a);
  const asText = sumAsText(dialect);

  // Metric → SQL over each source. Events: a blocked attempt is not a request; a failure is.
  const blockedEvent = `${u('errorCode')} = '${BLOCKED}'`;
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
    costRemainderFemto: `SUM(COALESCE(${u('costRemainderFemto')}, 0))`,
    failedCostNano: `SUM(CASE WHEN ${u('success')} THEN 0 ELSE COALESCE(${u('costNano')}, 0) END)`,
    failedCostRemainderFemto: `SUM(CASE WHEN ${u('success')} THEN 0 ELSE COALESCE(${u('costRemainderFemto')}, 0) END)`,
    cacheSavingsNano: `SUM(COALESCE(${u('cacheSavingsNano')}, 0))`,
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
    costRemainderFemto: `SUM(${r('costRemainderFemto')})`,
    failedCostNano: `SUM(${r('failedCostNano')})`,
    failedCostRemainderFemto: `SUM(${r('failedCostRemainderFemto')})`,
    cacheSavingsNano: `SUM(${r('cacheSavingsNano')})`,
    latencyMsSum: `SUM(${r('latencyMsSum')})`,
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
    contentType: `COALESCE(${u('entryUid')}, '')`,
    entry:
      dialect === 'mysql'
        ? `COALESCE(CONCAT(${u('entryUid')}, '|', ${u('entryDocumentId')}), '')`
        : `COALESCE(${u('entryUid')} || '|' || ${u('entryDocumentId')}, '')`,
  };

  function eventQuery(range: ResolvedRange, dimensions: Dimension[], filter: Filter) {
    const query = knex(usage.tableName);
    for (const [i, d] of dimensions.entries()) query.select(knex.raw(`${EVENT_DIMS[d]} AS d${i}`));
    // Bounded on both sides: a row stamped past the range's last hour (another instance's clock
    // ahead) is counted where its timestamp puts it, which is not in this range, in KPIs and buckets alike.
    query
      .where(u('occurredAt'), '>=', range.since!)
      .andWhere(u('occurredAt'), '<', range.until!)
      .andWhere(u('hour'), '>=', range.from)
      .andWhere(u('hour'), '<=', range.to);
    if (filter.userId !== undefined) query.andWhereRaw(`${EVENT_DIMS.userId} = ?`, [filter.userId]);
    if (filter.only) {
      const ids = filter.only.ids.length ? filter.only.ids : [-1];
      query.whereRaw(
        `${EVENT_DIMS[filter.only.dimension]} IN (${ids.map(() => '?').join(', ')})`,
        ids
      );
    }
    if (dimensions.length > 0) query.groupByRaw(dimensions.map((d) => EVENT_DIMS[d]).join(', '));
    return query;
  }

  function rollupQuery(range: ResolvedRange, dimensions: Dimension[], filter: Filter) {
    const members = dimensions.filter((d) => ROLLUP_OF[d] !== undefined);
    if (members.length > 1)
      throw new Error(`Rollups group by one dimension at a time, not ${members.join(' and ')}`);
    const dimension = members.length ? ROLLUP_OF[members[0]]! : 'total';
    const column = (d: Dimension) =>
      d === 'bucket' ? r('day') : d === 'userId' ? r('userId') : r('dimensionKey');
    const query = knex(rollup.tableName);
    for (const [i, d] of dimensions.entries()) query.select(knex.raw(`${column(d)} AS d${i}`));
    query
      .where(r('dimension'), dimension)
      .andWhere(r('day'), '>=', filter.fromDay ?? range.from)
      .andWhere(r('day'), '<=', range.to);
    if (filter.userId !== undefined) query.andWhere(r('userId'), filter.userId);
    else if (dimensions.includes('userId')) query.andWhere(r('userId'), '>=', 0);
    else query.andWhere(r('userId'), EVERYONE);
    if (filter.only) {
      if (ROLLUP_OF[filter.only.dimension] !== dimension)
        throw new Error(`Filter on ${filter.only.dimension} needs a grouping by it`);
      query.whereIn(r('dimensionKey'), filter.only.ids.map(String));
    }
    if (dimensions.length > 0) query.groupByRaw(dimensions.map(column).join(', '));
    return query;
  }

  /**
   * Successful calls of the range per latency bucket: per service for everyone; for one user, all
   * services together under '*' (what the rollups keep per user).
   */
  async function latencyHistograms(
    range: ResolvedRange,
    filter: Pick<Filter, 'userId'> = {}
  ): Promise<LatencyHistograms> {
    const out: LatencyHistograms = new Map();
    const add = (service: string, bound: number | null, calls: bigint) => {
      const histogram = out.get(service) ?? new Map<number | null, bigint>();
      histogram.set(bound, (histogram.get(bound) ?? 0n) + calls);
      out.set(service, histogram);
    };
    if (range.bucket === 'hour') {
      // 24 hours of raw events, folded by exact latency in SQL and into buckets here.
      const query = eventQuery(range, [], filter)
        .select(
          knex.raw(`${u('service')} AS s`),
          knex.raw(`${u('latencyMs')} AS l`),
          knex.raw(`${asText('COUNT(*)')} AS c`)
        )
        .andWhere(u('success'), true)
        .groupBy(u('service'), u('latencyMs'));
      for (const row of await query)
        add(
          filter.userId === undefined ? String(row.s) : ALL_SERVICES,
          latencyBound(Number(row.l)),
          BigInt(row.c)
        );
      return out;
    }
    const query = knex(rollup.tableName)
      .select(
        knex.raw(`${r('dimensionKey')} AS k`),
        knex.raw(`${asText(`SUM(${r('requests')})`)} AS c`)
      )
      .where(r('dimension'), LATENCY_DIMENSION)
      .andWhere(r('day'), '>=', range.from)
      .andWhere(r('day'), '<=', range.to)
      .andWhere(r('userId'), filter.userId ?? EVERYONE)
      .groupBy(r('dimensionKey'));
    for (const row of await query) {
      const { service, bound } = parseLatencyKey(String(row.k));
      add(service, bound, BigInt(row.c));
    }
    return out;
  }

  return {
    latencyHistograms,
    async groupBy(
      range: ResolvedRange,
      dimensions: Dimension[],
      filter: Filter = {}
    ): Promise<Group[]> {
      const hourly = range.bucket === 'hour' && filter.fromDay === undefined;
      const query = hourly
        ? eventQuery(range, dimensions, filter)
        : rollupQuery(range, dimensions, filter);
      // Aliases stay lowercase: PostgreSQL folds unquoted names.
      const metrics = hourly ? EVENT_METRICS : ROLLUP_METRICS;
      const wanted = filter.metrics ?? METRICS;
      for (const [i, m] of wanted.entries())
        query.select(knex.raw(`${asText(metrics[m])} AS m${i}`));
      const rows = await query;
      return rows.map((row: Record<string, unknown>) => {
        const group: Group = { sums: {} as Sums };
        for (const [i, d] of dimensions.entries()) {
          const value = row[`d${i}`];
          (group as Record<string, unknown>)[d] =
            d === 'bucket' ||
            d === 'service' ||
            d === 'source' ||
            d === 'contentType' ||
            d === 'entry'
              ? String(value ?? '')
              : Number(value ?? 0);
        }
        for (const m of METRICS) group.sums[m] = 0n;
        for (const [i, m] of wanted.entries())
          group.sums[m] = BigInt((row[`m${i}`] as string | null) ?? '0');
        return group;
      });
    },
  };
}

export type Aggregator = ReturnType<typeof createAggregator>;
