import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import { sumAsText } from '../db/sql';
import { dialectOf, knexOf, tableOf } from '../db/tables';
import { eventMetricSql, METRICS, rollupMetricSql, type Metric, type Sums } from '../usage/metrics';
import type { ResolvedRange } from './range';
import { tagGroups } from './tag-groups';
import { createCubeQuery } from './cube-query';
import { groupScanned } from './cube-scan';
import { createEventQuery } from './event-query';
import { readPlan, type EventFilters, type ReadPlan } from './event-filters';
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
  | 'apiTokenId'
  | 'errorCode'
  | 'contentType'
  | 'entry'
  | 'tag';

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
  /** The view's filters: users and roles read the rollups; any other the daily combinations. */
  match?: EventFilters;
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
  apiTokenId: 'apiToken',
  errorCode: 'errorCode',
  tag: 'tag',
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
  const cube = tableOf(strapi, UID.usageCube);
  const { eventQuery } = createEventQuery(knex, dialect, usage);
  const { scanOnce } = createCubeQuery(knex, dialect, cube);

  /** Raw usage rows answer the hourly range, and a filtered view's latency and entries. */
  const readsEvents = (range: ResolvedRange, filter: Pick<Filter, 'match'>) =>
    range.bucket === 'hour' || readPlan(filter.match).from === 'cube';

  /**
   * Where a grouping is read: the rollups for everyone, users and roles; the daily combinations for
   * any other filters; raw rows for the hourly range, and for entries under such filters.
   */
  function sourceOf(range: ResolvedRange, dimensions: Dimension[], filter: Filter) {
    if (filter.fromDay !== undefined) return 'rollups';
    if (range.bucket === 'hour') return 'events';
    if (readPlan(filter.match).from === 'rollups') return 'rollups';
    return dimensions.includes('entry') ? 'events' : 'cube';
  }

  function rollupQuery(range: ResolvedRange, dimensions: Dimension[], filter: Filter) {
    const members = dimensions.filter((d) => ROLLUP_OF[d] !== undefined);
    if (members.length > 1)
      throw new Error(`Rollups group by one dimension at a time, not ${members.join(' and ')}`);
    const dimension = members.length ? ROLLUP_OF[members[0]]! : 'total';
    const plan = readPlan(filter.match);
    if (plan.from === 'cube') throw new Error('A filtered view reads the daily combinations');
    const column = (d: Dimension) =>
      d === 'bucket' ? r('day') : d === 'userId' ? r('userId') : r('dimensionKey');
    const query = knex(rollup.name);
    for (const [i, d] of dimensions.entries()) query.select(knex.raw(`${column(d)} AS d${i}`));
    const { userIds } = plan;
    query
      .where(r('dimension'), dimension)
      .andWhere(r('day'), '>=', filter.fromDay ?? range.from)
      .andWhere(r('day'), '<=', range.to);
    if (filter.userId !== undefined) query.andWhere(r('userId'), filter.userId);
    else if (userIds) query.whereIn(r('userId'), userIds.length ? userIds : [EVERYONE - 1]);
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
    filter: Pick<Filter, 'userId' | 'match'> = {}
  ): Promise<LatencyHistograms> {
    const out: LatencyHistograms = new Map();
    const add = (service: string, bound: number | null, calls: bigint) => {
      const histogram = out.get(service) ?? new Map<number | null, bigint>();
      histogram.set(bound, (histogram.get(bound) ?? 0n) + calls);
      out.set(service, histogram);
    };
    if (readsEvents(range, filter)) {
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
    const { userIds } = readPlan(filter.match) as Extract<ReadPlan, { from: 'rollups' }>;
    const query = knex(rollup.name)
      .select(
        knex.raw(`${r('dimensionKey')} AS k`),
        knex.raw(`${asText(`SUM(${r('requests')})`)} AS c`)
      )
      .where(r('dimension'), LATENCY_DIMENSION)
      .andWhere(r('day'), '>=', range.from)
      .andWhere(r('day'), '<=', range.to)
      .groupBy(r('dimensionKey'));
    // Users' histograms hold every service together ('*'): under a user filter, only the overall figure.
    if (userIds) query.whereIn(r('userId'), userIds.length ? userIds : [EVERYONE - 1]);
    else query.andWhere(r('userId'), filter.userId ?? EVERYONE);
    for (const row of await query) {
      const { service, bound } = parseLatencyKey(String(row.k));
      add(service, bound, BigInt(row.c));
    }
    return out;
  }

  return {
    latencyHistograms,
    /** Tags per call are a list in `metadata`: the hourly range folds them from its raw rows. */
    tagGroups: (range: ResolvedRange, filter: Filter) =>
      tagGroups(eventQuery(range, [], filter).whereNotNull(u('metadata')), u),
    async groupBy(
      range: ResolvedRange,
      dimensions: Dimension[],
      filter: Filter = {}
    ): Promise<Group[]> {
      const source = sourceOf(range, dimensions, filter);
      if (source === 'cube') {
        if (filter.only) throw new Error('List columns read no filtered view');
        const scanned = await scanOnce(range, filter, dimensions.includes('tag'));
        return groupScanned(scanned, dimensions, filter.metrics);
      }
      if (source === 'events' && range.bucket !== 'hour' && dimensions.includes('entry')) {
        // A filtered view's entries come from raw rows; its combinations say whether any of its
        // calls were on an entry at all (content type ≠ ''): if none, there is nothing to read.
        const scanned = await scanOnce(range, filter, false);
        if (!scanned.some((row) => row.members.contentType !== '')) return [];
      }
      const query =
        source === 'events'
          ? eventQuery(range, dimensions, filter)
          : rollupQuery(range, dimensions, filter);
      // Aliases stay lowercase: PostgreSQL folds unquoted names.
      const metrics = source === 'events' ? EVENT_METRICS : ROLLUP_METRICS;
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
            d === 'errorCode' ||
            d === 'tag' ||
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
