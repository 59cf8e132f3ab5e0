import type { Core } from '@strapi/strapi';
import type { Filters } from '../../../shared/analytics-query';
import type { AnalyticsDocument, BreakdownRow } from '../../../shared/contracts/analytics';
import type { ServiceType } from '../../../shared/services';
import { ALL_SERVICES } from '../usage/rollups';
import type { Aggregator, Dimension, Filter, Group, Sums } from './aggregate';
import { breakdown } from './breakdown';
import { kpisOfRange } from './comparison';
import { activeFilters, eventFiltersOf, rolesWithMembers } from './filter-labels';
import { kpisOf, latencyOf } from './kpis';
import { labelsFor, type MonthlyBars } from './labels';
import { createLookups } from './lookups';
import { modelSeries } from './model-series';
import { resolvePeriod } from './period';
import { responseCacheRows } from './response-cache';
import { bucketLabel, type ResolvedRange } from './range';
import { roleRows } from './roles';
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

export type { MonthlyBars };

/** What a view reads: whose usage, and its filters (a filtered view reads raw usage rows). */
type ViewFilter = Pick<Filter, 'userId' | 'match'>;

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
async function queryAll(aggregator: Aggregator, range: ResolvedRange, filter: ViewFilter) {
  const group = (dims: Dimension[], metrics?: Array<keyof Sums>) =>
    aggregator.groupBy(range, dims, { ...filter, metrics });
  // Where raw rows answer (the hourly range), tags are folded from their metadata.
  const fromEvents = range.bucket === 'hour';
  const groups = await allOf({
    byBucket: group(['bucket']),
    byBucketModel: group(['bucket', 'modelId'], BREAKDOWN),
    byProvider: group(['providerId'], BREAKDOWN),
    byConfiguration: group(['configurationId'], [...BREAKDOWN, 'cacheHits', 'savedNano']),
    byService: group(['service'], BREAKDOWN),
    byTask: group(['taskId'], BREAKDOWN),
    bySource: group(['source'], BREAKDOWN),
    byApiToken: group(['apiTokenId'], BREAKDOWN),
    byErrorCode: group(['errorCode'], [...BREAKDOWN, 'blocked']),
    byTag: fromEvents
      ? aggregator.tagGroups(range, filter)
      : group(['tag'], [...BREAKDOWN, 'blocked']),
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
      cacheReadTokens: n(s.cacheReadTokens),
      cacheWriteTokens: n(s.cacheWriteTokens),
      cacheSavingsUsd: usd({ ...s, costNano: s.cacheSavingsNano, costRemainderFemto: 0n }),
    };
  });
}

/** Latency per service (the site view: a user's histograms hold all services together). */
const latencyByService = (latency: Groups['latency']) =>
  [...latency.entries()]
    .filter(([service]) => service !== ALL_SERVICES)
    .map(([service, histogram]) => ({ service: service as ServiceType, ...latencyOf([histogram]) }))
    .sort((a, b) => b.calls - a.calls || a.service.localeCompare(b.service));

/** The breakdown tables, each keyed by the value of the filter of the same name. */
function breakdownsOf(
  groups: Groups,
  labels: Awaited<ReturnType<typeof labelsFor>>,
  modelTotals: BreakdownRow[],
  contentTypeName: (uid: string) => string
): AnalyticsDocument['breakdowns'] {
  const member = (name: Dimension) => (g: Group) => String(g[name]);
  const asIs = (key: string) => key;
  const named = (list: Group[]) => list.filter((g) => g.errorCode !== '' && g.tag !== '');
  return {
    provider: breakdown(groups.byProvider, member('providerId'), labels.providerLabel),
    model: modelTotals,
    configuration: breakdown(
      groups.byConfiguration,
      member('configurationId'),
      labels.configurationLabel
    ),
    service: breakdown(groups.byService, member('service'), asIs),
    task: breakdown(groups.byTask, member('taskId'), labels.taskLabel),
    source: breakdown(groups.bySource, member('source'), (key) => key || '(none)'),
    contentType: breakdown(groups.byContentType, member('contentType'), (key) =>
      key ? contentTypeName(key) : '(no entry)'
    ),
    apiToken: breakdown(groups.byApiToken, member('apiTokenId'), labels.apiTokenLabel),
    // Failed and refused calls only; a refused one is counted in `requests` here (no provider call).
    errorCode: breakdown(named(groups.byErrorCode), member('errorCode'), asIs, {
      withBlocked: true,
    }),
    tag: breakdown(named(groups.byTag), member('tag'), asIs, { withBlocked: true }),
  };
}

/** What a document is asked for: the query (period), the validated filters, and whose usage. */
export interface DocumentRequest {
  query: Record<string, unknown>;
  filters: Filters;
  scope: { userId?: number };
}

/**
 * Builds the Analytics page's whole document from a handful of GROUP BYs: totals and trend per
 * bucket, cost and tokens per bucket and model, the breakdowns, and the per-user table with its
 * sparklines, models and monthly budget bars, plus the same KPIs for the period compared with.
 * Names are looked up once per list, never per row.
 */
export function createAnalyticsDocument(
  strapi: Core.Strapi,
  aggregator: Aggregator,
  monthlyBars: MonthlyBars
) {
  const lookups = createLookups(strapi);

  async function topEntriesOf(groups: Groups) {
    return lookups.entryRows(
      breakdown(
        groups.byEntry.filter((g) => g.entry !== ''),
        (g) => String(g.entry),
        (key) => key
      ).slice(0, TOP_ENTRIES)
    );
  }

  return {
    /** Provider, model and task names changed: look them up again. */
    invalidateLabels: () => lookups.clear(),

    async build(request: DocumentRequest, now: Date, timeZone: string): Promise<AnalyticsDocument> {
      const { scope, filters } = request;
      const range = resolvePeriod(request.query, now, timeZone);
      const siteWide = scope.userId === undefined;
      const filter: ViewFilter = { ...scope, match: await eventFiltersOf(strapi, filters) };
      const [groups, comparison, chips, roles] = await Promise.all([
        queryAll(aggregator, range, filter),
        kpisOfRange(aggregator, range.previous, filter),
        activeFilters(strapi, lookups, filters),
        siteWide ? rolesWithMembers(strapi) : [],
      ]);
      const labels = await labelsFor(strapi, lookups, monthlyBars, groups, scope);
      const modelTotals = breakdown(groups.byModel, (g) => String(g.modelId), labels.modelLabel);
      return {
        range: range.period,
        filters: chips,
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
        comparison: { from: range.previous.from, to: range.previous.to, kpis: comparison },
        trend: trendOf(range, groups.byBucket),
        byModel: modelSeries(range, groups.byBucketModel, modelTotals, labels.modelLabel),
        breakdowns: breakdownsOf(groups, labels, modelTotals, lookups.contentTypeName),
        roles: siteWide ? roleRows(roles, groups.byUser) : [],
        latencyByService: latencyByService(groups.latency),
        topEntries: await topEntriesOf(groups),
        users: userRows({ range, ...groups, ...labels }),
        responseCache: responseCacheRows(groups.byConfiguration, labels.configurationLabel),
      };
    },
  };
}
