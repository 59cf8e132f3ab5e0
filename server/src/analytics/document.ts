import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import type { AnalyticsDocument, RangeKey, UserRow } from '../../../shared/contracts/analytics';
import type { ServiceType } from '../../../shared/services';
import { ALL_SERVICES } from '../usage/rollups';
import type { Aggregator, Dimension, Group, Sums } from './aggregate';
import { breakdown } from './breakdown';
import { kpisOf, latencyOf } from './kpis';
import { createLookups } from './lookups';
import { modelSeries } from './model-series';
import { bucketLabel, resolveRange, type ResolvedRange } from './range';
import { addSums, n, perModel, tokensOf, usd, used, ZERO_SUMS } from './sums';
import { userRows } from './user-rows';

export { kpisOf } from './kpis';

/** The sums a breakdown row shows (and sorts by). */
const BREAKDOWN: Array<keyof Sums> = [
  'requests',
  'inputTokens',
  'outputTokens',
  'costNano',
  'costRemainderFemto',
  'unpricedRequests',
];

/** How many entries the "top entries" table lists. */
const TOP_ENTRIES = 10;

/** The monthly cost budget bars, as the budget service computes them from its counters. */
export type MonthlyBars = (
  users: Array<{ id: number; roleIds: number[] }>
) => Promise<Map<number, NonNullable<UserRow['budget']>>>;

/** Awaits every promise of an object in parallel, keeping the names. */
async function allOf<T extends Record<string, Promise<unknown>>>(
  promises: T
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const names = Object.keys(promises);
  const values = await Promise.all(Object.values(promises));
  return Object.fromEntries(names.map((name, i) => [name, values[i]])) as {
    [K in keyof T]: Awaited<T[K]>;
  };
}

/** Every GROUP BY the page needs, in parallel; each sums only what its part of the page shows. */
async function queryAll(aggregator: Aggregator, range: ResolvedRange, filter: { userId?: number }) {
  const group = (dims: Dimension[], metrics?: Array<keyof Sums>) =>
    aggregator.groupBy(range, dims, { ...filter, metrics });
  const groups = await allOf({
    byBucket: group(['bucket']),
    byBucketModel: group(['bucket', 'modelId'], BREAKDOWN),
    byProvider: group(['providerId'], BREAKDOWN),
    byService: group(['service'], BREAKDOWN),
    byTask: group(['taskId'], BREAKDOWN),
    bySource: group(['source'], BREAKDOWN),
    byUser: group(['userId'], BREAKDOWN),
    byUserBucket: group(['userId', 'bucket'], ['requests']),
    byUserModel: group(['userId', 'modelId'], ['requests', 'costNano', 'costRemainderFemto']),
    byContentType: group(['contentType'], BREAKDOWN),
    byEntry: group(['entry'], BREAKDOWN),
    latency: aggregator.latencyHistograms(range, filter),
  });
  // The per-model totals are the per-day ones summed: one query fewer.
  return { ...groups, byModel: perModel(groups.byBucketModel) };
}

type Groups = Awaited<ReturnType<typeof queryAll>>;

/** The trend: every bucket of the range, empty ones included. */
function trendOf(range: ResolvedRange, byBucket: Group[]) {
  const bucketSums = new Map(byBucket.map((g) => [String(g.bucket), g.sums]));
  return range.buckets.map((bucket) => {
    const s = bucketSums.get(bucket) ?? ZERO_SUMS;
    return {
      bucket,
      label: bucketLabel(bucket),
      costUsd: usd(s),
      requests: n(s.requests),
      tokens: n(tokensOf(s)),
      failures: n(s.failures),
    };
  });
}

/** Latency per service (the site view: a user's histograms hold all services together). */
const latencyByService = (latency: Groups['latency']) =>
  [...latency.entries()]
    .filter(([service]) => service !== ALL_SERVICES)
    .map(([service, histogram]) => ({ service: service as ServiceType, ...latencyOf([histogram]) }))
    .sort((a, b) => b.calls - a.calls || a.service.localeCompare(b.service));

/**
 * Builds the Analytics page's whole document from a handful of GROUP BYs: totals and trend per
 * bucket, cost and tokens per bucket and model, the breakdowns, and the per-user table with its
 * sparklines, models and monthly budget bars. Names are looked up once per list, never per row.
 */
export function createAnalyticsDocument(
  strapi: Core.Strapi,
  aggregator: Aggregator,
  monthlyBars: MonthlyBars
) {
  const lookups = createLookups(strapi);

  /** Labels, users and budget bars, in one round of parallel lookups; deleted users keep their id. */
  async function labelsFor(groups: Groups, scope: { userId?: number }) {
    const userIds = groups.byUser
      .filter((g) => used(g.sums) && Number(g.userId) > 0)
      .map((g) => Number(g.userId));
    const ids = (list: Group[], member: Dimension) => list.map((g) => Number(g[member]));
    const [providers, models, tasks, admins] = await Promise.all([
      lookups.names(UID.provider, ids(groups.byProvider, 'providerId'), 'name'),
      lookups.names(
        UID.model,
        ids([...groups.byBucketModel, ...groups.byUserModel], 'modelId'),
        'displayName'
      ),
      lookups.names(UID.task, ids(groups.byTask, 'taskId'), 'name'),
      lookups.admins(userIds),
    ]);
    // Budget bars come from the budget counters, as on the Budgets page: never from a second count.
    const bars =
      scope.userId === undefined
        ? await monthlyBars(
            userIds.map((id) => ({
              id,
              roleIds: (admins.find((a) => a.id === id)?.roles ?? []).map((r) => r.id),
            }))
          )
        : new Map();
    const label = (names: Map<number, string>, none: string, kind: string) => (id: string) =>
      Number(id) === 0 ? none : (names.get(Number(id)) ?? `${kind} #${id}`);
    return {
      userIds,
      admins,
      bars,
      providerLabel: label(providers, '(none)', 'provider'),
      modelLabel: label(models, '(none)', 'model'),
      taskLabel: label(tasks, '(no task)', 'task'),
    };
  }

  return {
    /** Provider, model and task names changed: look them up again. */
    invalidateLabels: () => lookups.clear(),

    async build(
      rangeKey: RangeKey,
      now: Date,
      timeZone: string,
      scope: { userId?: number } = {}
    ): Promise<AnalyticsDocument> {
      const range = resolveRange(rangeKey, now, timeZone);
      const groups = await queryAll(
        aggregator,
        range,
        scope.userId === undefined ? {} : { userId: scope.userId }
      );
      const labels = await labelsFor(groups, scope);
      const topEntries = await lookups.entryRows(
        breakdown(
          groups.byEntry.filter((g) => g.entry !== ''),
          (g) => String(g.entry),
          (key) => key
        ).slice(0, TOP_ENTRIES)
      );
      const modelTotals = breakdown(groups.byModel, (g) => String(g.modelId), labels.modelLabel);
      const member = (name: Dimension) => (g: Group) => String(g[name]);
      return {
        range: { key: range.key, from: range.from, to: range.to, bucket: range.bucket, timeZone },
        kpis: kpisOf(
          groups.byBucket.reduce((sum, g) => addSums(sum, g.sums), ZERO_SUMS),
          groups.latency,
          {
            providers: groups.byProvider.filter((g) => used(g.sums) && Number(g.providerId) > 0)
              .length,
            models: groups.byModel.filter((g) => used(g.sums) && Number(g.modelId) > 0).length,
            activeUsers: labels.userIds.length,
          }
        ),
        trend: trendOf(range, groups.byBucket),
        byModel: modelSeries(range, groups.byBucketModel, modelTotals, labels.modelLabel),
        breakdowns: {
          provider: breakdown(groups.byProvider, member('providerId'), labels.providerLabel),
          model: modelTotals,
          service: breakdown(groups.byService, member('service'), (key) => key),
          task: breakdown(groups.byTask, member('taskId'), labels.taskLabel),
          source: breakdown(groups.bySource, member('source'), (key) => key || '(none)'),
          contentType: breakdown(groups.byContentType, member('contentType'), (key) =>
            key ? lookups.contentTypeName(key) : '(no entry)'
          ),
        },
        latencyByService: latencyByService(groups.latency),
        topEntries,
        users: userRows({ range, ...groups, ...labels }),
      };
    },
  };
}
