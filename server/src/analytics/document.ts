import type { Core } from '@strapi/strapi';
import { UID } from '../../../content-types';
import type {
  AnalyticsDocument,
  BreakdownRow,
  EntryRow,
  Kpis,
  LatencyFigures,
  ModelBucket,
  RangeKey,
  UserRow,
} from '../../../shared/contracts/analytics';
import type { ServiceType } from '../../../shared/services';
import { divRound, formatFemtoUsd, formatNanoUsd, toFemto } from '../pricing/money';
import { percentiles } from '../usage/latency';
import { ALL_SERVICES } from '../usage/rollups';
import type { Aggregator, Dimension, Group, LatencyHistograms, Sums } from './aggregate';
import { bucketLabel, resolveRange } from './range';

/** The sums a breakdown row shows (and sorts by). */
const BREAKDOWN: Array<keyof Sums> = [
  'requests',
  'inputTokens',
  'outputTokens',
  'costNano',
  'costRemainderFemto',
  'unpricedRequests',
];

/** How long looked-up labels and users are reused. */
const LOOKUP_MS = 10_000;
/** How many entries the "top entries" table lists. */
const TOP_ENTRIES = 10;
/** Attributes that usually name an entry, in the order they are tried. */
const TITLE_FIELDS = ['title', 'name', 'label', 'displayName', 'headline', 'slug'];

/** How many models the stacked chart names before folding the rest into "Other". */
const TOP_MODELS = 5;

/** The monthly cost budget bars, as the budget service computes them from its counters. */
export type MonthlyBars = (
  users: Array<{ id: number; roleIds: number[] }>
) => Promise<Map<number, NonNullable<UserRow['budget']>>>;

const n = (value: bigint) => Number(value);
/** A group's exact cost, femto-USD. */
const femtoOf = (s: Sums) => toFemto(s.costNano, s.costRemainderFemto);
const usd = (s: Sums) => formatFemtoUsd(femtoOf(s));
const tokensOf = (s: Sums) => s.inputTokens + s.outputTokens;

const ZERO: Sums = {
  requests: 0n,
  failures: 0n,
  blocked: 0n,
  unpricedRequests: 0n,
  inputTokens: 0n,
  outputTokens: 0n,
  cacheReadTokens: 0n,
  cacheWriteTokens: 0n,
  costNano: 0n,
  costRemainderFemto: 0n,
  failedCostNano: 0n,
  failedCostRemainderFemto: 0n,
  cacheSavingsNano: 0n,
  latencyMsSum: 0n,
};

function add(a: Sums, b: Sums): Sums {
  const out = { ...a };
  for (const key of Object.keys(out) as Array<keyof Sums>) out[key] = a[key] + b[key];
  return out;
}

/** Per-day-per-model groups summed over the days. */
function perModel(groups: Group[]): Group[] {
  const out = new Map<number, Group>();
  for (const g of groups) {
    const modelId = Number(g.modelId);
    const into = out.get(modelId);
    if (into) into.sums = add(into.sums, g.sums);
    else out.set(modelId, { modelId, sums: g.sums });
  }
  return [...out.values()];
}

/** Rows that only hold blocked attempts are not usage of a provider, model or user. */
const used = (s: Sums) => s.requests > 0n;

/** Latency percentiles of one histogram (or of several merged). */
function latencyOf(histograms: Array<Map<number | null, bigint>>): LatencyFigures {
  const merged = new Map<number | null, bigint>();
  for (const histogram of histograms)
    for (const [bound, calls] of histogram) merged.set(bound, (merged.get(bound) ?? 0n) + calls);
  return percentiles(merged);
}

/** The KPIs of a range, each as `shared/contracts/analytics.ts` defines it. */
export function kpisOf(
  total: Sums,
  latency: LatencyHistograms,
  counts: { providers: number; models: number; activeUsers: number }
): Kpis {
  const pricedRequests = total.requests - total.failures - total.unpricedRequests;
  const successfulFemto =
    femtoOf(total) - toFemto(total.failedCostNano, total.failedCostRemainderFemto);
  return {
    costUsd: usd(total),
    requests: n(total.requests),
    tokens: n(tokensOf(total)),
    inputTokens: n(total.inputTokens),
    outputTokens: n(total.outputTokens),
    cacheReadTokens: n(total.cacheReadTokens),
    cacheWriteTokens: n(total.cacheWriteTokens),
    ...counts,
    pricedRequests: n(pricedRequests),
    avgCostPerPricedRequestUsd:
      pricedRequests <= 0n
        ? null
        : formatNanoUsd(divRound(successfulFemto, pricedRequests * 1_000_000n)),
    cachedInputShare:
      total.inputTokens === 0n ? null : n(total.cacheReadTokens) / n(total.inputTokens),
    cacheSavingsUsd: formatNanoUsd(total.cacheSavingsNano),
    failureRate: total.requests === 0n ? null : n(total.failures) / n(total.requests),
    latency: latencyOf([...latency.values()]),
    unpricedRequests: n(total.unpricedRequests),
    blocked: n(total.blocked),
  };
}

/**
 * Builds the Analytics page's whole document from a handful of GROUP BYs: totals and trend per
 * bucket, cost and tokens per bucket and model, five breakdowns, and the per-user table with its
 * sparklines, models and monthly budget bars. Names are looked up once per list, never per row.
 */
export function createAnalyticsDocument(
  strapi: Core.Strapi,
  aggregator: Aggregator,
  monthlyBars: MonthlyBars
) {
  // Labels and users change rarely and every page view needs them: kept for LOOKUP_MS, and looked
  // up again as soon as an id is missing.
  const lookups = new Map<string, { at: number; rows: Map<number, any> }>();
  async function lookUp(
    key: string,
    ids: number[],
    load: (ids: number[]) => Promise<any[]>
  ): Promise<Map<number, any>> {
    const wanted = [...new Set(ids.filter((id) => id > 0))];
    const cached = lookups.get(key);
    if (cached && Date.now() - cached.at < LOOKUP_MS && wanted.every((id) => cached.rows.has(id)))
      return cached.rows;
    if (wanted.length === 0) return new Map();
    const rows = new Map<number, any>((await load(wanted)).map((row) => [row.id as number, row]));
    lookups.set(key, { at: Date.now(), rows });
    return rows;
  }

  async function names(uid: string, ids: number[], field: string) {
    const rows = await lookUp(uid, ids, (wanted) =>
      strapi.db.query(uid as any).findMany({ where: { id: { $in: wanted } } })
    );
    return new Map<number, any>([...rows].map(([id, row]) => [id, row[field] ?? row]));
  }

  function breakdown(
    groups: Group[],
    keyOf: (g: Group) => string,
    labelOf: (key: string) => string
  ): BreakdownRow[] {
    return groups
      .filter((g) => used(g.sums))
      .map((g) => ({
        key: keyOf(g),
        label: labelOf(keyOf(g)),
        requests: n(g.sums.requests),
        tokens: n(tokensOf(g.sums)),
        costUsd: usd(g.sums),
        unpricedRequests: n(g.sums.unpricedRequests),
        nano: femtoOf(g.sums),
      }))
      .sort((a, b) => (b.nano > a.nano ? 1 : b.nano < a.nano ? -1 : b.requests - a.requests))
      .map(({ nano: _nano, ...row }) => row);
  }

  const contentTypeName = (uid: string) =>
    (strapi.contentTypes[uid as keyof typeof strapi.contentTypes]?.info?.displayName as
      string | undefined) ?? uid;

  /** Entry rows with their content type's name and the entry's own title (looked up once per content type). */
  async function entryRows(rows: BreakdownRow[]): Promise<EntryRow[]> {
    const split = rows.map((row) => {
      const [uid, documentId] = row.key.split('|');
      return { row, uid, documentId };
    });
    const titles = new Map<string, string>();
    for (const uid of new Set(split.map((e) => e.uid))) {
      const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
      const field =
        contentType &&
        TITLE_FIELDS.find(
          (name) =>
            (contentType.attributes[name] as { type?: string } | undefined)?.type === 'string'
        );
      if (!field) continue;
      const ids = split.filter((e) => e.uid === uid).map((e) => e.documentId);
      const found = await strapi.db
        .query(uid as any)
        .findMany({ where: { documentId: { $in: ids } }, select: ['documentId', field] });
      for (const entry of found as Array<Record<string, unknown>>)
        if (entry[field]) titles.set(`${uid}|${entry.documentId}`, String(entry[field]));
    }
    return split.map(({ row, uid, documentId }) => ({
      ...row,
      label: titles.get(row.key) ?? documentId,
      uid,
      documentId,
      contentType: contentTypeName(uid),
    }));
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
      const filter = scope.userId === undefined ? {} : { userId: scope.userId };
      const group = (dims: Dimension[], metrics?: Array<keyof Sums>) =>
        aggregator.groupBy(range, dims, { ...filter, metrics });

      // Each query sums only what its part of the page shows.
      const [
        byBucket,
        byBucketModel,
        byProvider,
        byService,
        byTask,
        bySource,
        byUser,
        byUserBucket,
        byUserModel,
        byContentType,
        byEntry,
        latency,
      ] = await Promise.all([
        group(['bucket']),
        group(['bucket', 'modelId'], BREAKDOWN),
        group(['providerId'], BREAKDOWN),
        group(['service'], BREAKDOWN),
        group(['taskId'], BREAKDOWN),
        group(['source'], BREAKDOWN),
        group(['userId'], BREAKDOWN),
        group(['userId', 'bucket'], ['requests']),
        group(['userId', 'modelId'], ['requests', 'costNano', 'costRemainderFemto']),
        group(['contentType'], BREAKDOWN),
        group(['entry'], BREAKDOWN),
        aggregator.latencyHistograms(range, filter),
      ]);

      // The per-model totals are the per-day ones summed: one query fewer.
      const byModel = perModel(byBucketModel);

      // Labels, users and budget bars in one round of parallel lookups; deleted users keep their id.
      const userIds = byUser
        .filter((g) => used(g.sums) && Number(g.userId) > 0)
        .map((g) => Number(g.userId));
      const [providers, models, tasks, admins] = await Promise.all([
        names(
          UID.provider,
          byProvider.map((g) => Number(g.providerId)),
          'name'
        ),
        names(
          UID.model,
          [...byBucketModel, ...byUserModel].map((g) => Number(g.modelId)),
          'displayName'
        ),
        names(
          UID.task,
          byTask.map((g) => Number(g.taskId)),
          'name'
        ),
        lookUp('admin::user', userIds, (wanted) =>
          strapi.db
            .query('admin::user')
            .findMany({ where: { id: { $in: wanted } }, populate: ['roles'] })
        ).then((rows) => userIds.map((id) => rows.get(id)).filter(Boolean)),
      ]);
      const topEntries = await entryRows(
        breakdown(
          byEntry.filter((g) => g.entry !== ''),
          (g) => String(g.entry),
          (key) => key
        ).slice(0, TOP_ENTRIES)
      );
      const modelLabel = (id: string) =>
        Number(id) === 0 ? '(none)' : (models.get(Number(id)) ?? `model #${id}`);

      const total = byBucket.reduce((sum, g) => add(sum, g.sums), ZERO);
      const bucketSums = new Map(byBucket.map((g) => [String(g.bucket), g.sums]));
      const trend = range.buckets.map((bucket) => {
        const s = bucketSums.get(bucket) ?? ZERO;
        return {
          bucket,
          label: bucketLabel(bucket),
          costUsd: usd(s),
          requests: n(s.requests),
          tokens: n(tokensOf(s)),
          failures: n(s.failures),
        };
      });

      // Stacked by model: the heaviest by cost (then tokens) keep their own series; the rest is "Other".
      const modelTotals = breakdown(byModel, (g) => String(g.modelId), modelLabel);
      const top = modelTotals.slice(0, TOP_MODELS).map((m) => m.key);
      const seriesOf = (modelId: string) => (top.includes(modelId) ? modelId : 'other');
      const series = [
        ...top.map((key) => ({ key, label: modelLabel(key) })),
        ...(modelTotals.length > TOP_MODELS ? [{ key: 'other', label: 'Other' }] : []),
      ];
      const stacked = new Map<string, { cost: Map<string, bigint>; tokens: Map<string, bigint> }>();
      // Cost cells in femto-USD: exact, like every other cost on the page.
      for (const g of byBucketModel) {
        if (!used(g.sums)) continue;
        const cell = stacked.get(String(g.bucket)) ?? { cost: new Map(), tokens: new Map() };
        const key = seriesOf(String(g.modelId));
        cell.cost.set(key, (cell.cost.get(key) ?? 0n) + femtoOf(g.sums));
        cell.tokens.set(key, (cell.tokens.get(key) ?? 0n) + tokensOf(g.sums));
        stacked.set(String(g.bucket), cell);
      }
      const buckets: ModelBucket[] = range.buckets.map((bucket) => {
        const cell = stacked.get(bucket);
        return {
          bucket,
          label: bucketLabel(bucket),
          cost: Object.fromEntries(
            series.map((s) => [s.key, formatFemtoUsd(cell?.cost.get(s.key) ?? 0n)])
          ),
          tokens: Object.fromEntries(series.map((s) => [s.key, n(cell?.tokens.get(s.key) ?? 0n)])),
        };
      });
      const share = [...modelTotals].sort((a, b) => b.tokens - a.tokens);

      const adminById = new Map<number, any>(admins.map((a: any) => [a.id, a]));
      const rolesByUser = new Map<number, number[]>(
        admins.map((a: any) => [a.id, (a.roles ?? []).map((r: any) => r.id)])
      );
      // Budget bars come from the budget counters, as on the Budgets page: never from a second count.
      const bars =
        scope.userId === undefined
          ? await monthlyBars(userIds.map((id) => ({ id, roleIds: rolesByUser.get(id) ?? [] })))
          : new Map();
      const sparkIndex = new Map(range.buckets.map((b, i) => [b, i]));
      const perUser = (groups: Group[]) => {
        const out = new Map<number, Group[]>();
        for (const g of groups) {
          const list = out.get(Number(g.userId));
          if (list) list.push(g);
          else out.set(Number(g.userId), [g]);
        }
        return out;
      };
      const bucketsByUser = perUser(byUserBucket);
      const modelsByUser = perUser(byUserModel);
      const users: UserRow[] = byUser
        .filter((g) => used(g.sums))
        .map((g) => {
          const id = Number(g.userId);
          const admin = adminById.get(id);
          const sparkline = new Array(range.buckets.length).fill(0);
          for (const s of bucketsByUser.get(id) ?? [])
            if (sparkIndex.has(String(s.bucket)))
              sparkline[sparkIndex.get(String(s.bucket))!] = n(s.sums.requests);
          const userModels = (modelsByUser.get(id) ?? [])
            .filter((m) => used(m.sums))
            .sort((a, b) =>
              femtoOf(b.sums) > femtoOf(a.sums) ? 1 : femtoOf(b.sums) < femtoOf(a.sums) ? -1 : 0
            )
            .map((m) => modelLabel(String(m.modelId)));
          return {
            userId: id === 0 ? null : id,
            name:
              id === 0
                ? 'system'
                : admin
                  ? [admin.firstname, admin.lastname].filter(Boolean).join(' ') || admin.email
                  : `user #${id}`,
            email: admin?.email ?? null,
            roles: (admin?.roles ?? []).map((r: any) => r.name),
            requests: n(g.sums.requests),
            tokens: n(tokensOf(g.sums)),
            costUsd: usd(g.sums),
            unpricedRequests: n(g.sums.unpricedRequests),
            sparkline,
            models: userModels,
            budget: id === 0 ? null : (bars.get(id) ?? null),
            nano: femtoOf(g.sums),
          };
        })
        .sort((a, b) => (b.nano > a.nano ? 1 : b.nano < a.nano ? -1 : b.requests - a.requests))
        .map(({ nano: _nano, ...row }) => row);

      const providerLabel = (id: string) =>
        Number(id) === 0 ? '(none)' : (providers.get(Number(id)) ?? `provider #${id}`);
      return {
        range: { key: range.key, from: range.from, to: range.to, bucket: range.bucket, timeZone },
        kpis: kpisOf(total, latency, {
          providers: byProvider.filter((g) => used(g.sums) && Number(g.providerId) > 0).length,
          models: byModel.filter((g) => used(g.sums) && Number(g.modelId) > 0).length,
          activeUsers: userIds.length,
        }),
        trend,
        byModel: { series, buckets, share },
        breakdowns: {
          provider: breakdown(byProvider, (g) => String(g.providerId), providerLabel),
          model: modelTotals,
          service: breakdown(
            byService,
            (g) => String(g.service),
            (key) => key
          ),
          task: breakdown(
            byTask,
            (g) => String(g.taskId),
            (key) => (key === '0' ? '(no task)' : (tasks.get(Number(key)) ?? `task #${key}`))
          ),
          source: breakdown(
            bySource,
            (g) => String(g.source),
            (key) => key || '(none)'
          ),
          contentType: breakdown(
            byContentType,
            (g) => String(g.contentType),
            (key) => (key ? contentTypeName(key) : '(no entry)')
          ),
        },
        latencyByService: [...latency.entries()]
          .filter(([service]) => service !== ALL_SERVICES)
          .map(([service, histogram]) => ({
            service: service as ServiceType,
            ...latencyOf([histogram]),
          }))
          .sort((a, b) => b.calls - a.calls || a.service.localeCompare(b.service)),
        topEntries,
        users,
      };
    },
  };
}
