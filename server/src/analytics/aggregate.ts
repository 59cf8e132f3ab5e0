import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import { sumAsText } from '../db/sql';
import { dialectOf, knexOf, tableOf } from '../db/tables';
import { eventMetricSql, METRICS, rollupMetricSql, type Metric, type Sums } from '../usage/metrics';
import type { ResolvedRange } from './range';
import { latencyBound, parseLatencyKey } from '../usage/latency';
import { ALL_SERVICES, EVERYONE, LATENCY_DIMENSION, type RollupDimension } from '../usage/rollups';

export type { Sums };

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
  metrics?: Metric[];
}

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
  const knex = knexOf(strapi);
  const dialect = dialectOf(strapi);
  const rollup = tableOf(strapi, UID.usageRollup);
  const usage = tableOf(strapi, UID.usage);
  const r = rollup.column;
  const u = usage.column;
  const asText = sumAsText(dialect);

  const EVENT_METRICS = eventMetricSql(u);
  const ROLLUP_METRICS = rollupMetricSql(r);
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
    const query = knex(usage.name);
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
    const query = knex(rollup.name);
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
    const query = knex(rollup.name)
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
