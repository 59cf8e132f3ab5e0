import type { Core } from '@strapi/strapi';
import { UID } from '../../../content-types';
import type { AnalyticsDocument, BreakdownRow, EntryRow, Kpis, ModelBucket, RangeKey, UserRow } from '../../../shared/contracts/analytics';
import { formatNanoUsd, parseUsd } from '../pricing/money';
import type { Aggregator, Dimension, Group, Sums } from './aggregate';
import { bucketLabel, resolveRange } from './range';

/** The sums a breakdown row shows (and sorts by). */
const BREAKDOWN: Array<keyof Sums> = ['requests', 'inputTokens', 'outputTokens', 'costNano', 'unpricedRequests'];

/** How long looked-up labels and users are reused. */
const LOOKUP_MS = 10_000;
/** How many entries the "top entries" table lists. */
const TOP_ENTRIES = 10;
/** Attributes that usually name an entry, in the order they are tried. */
const TITLE_FIELDS = ['title', 'name', 'label', 'displayName', 'headline', 'slug'];

/** How many models the stacked chart names before folding the rest into "Other". */
const TOP_MODELS = 5;

interface MonthlyBudget {
  name: string;
  scope: string;
  userId: number | null;
  roleId: number | null;
  monthlyCost: string;
}

const n = (value: bigint) => Number(value);
const usd = (nano: bigint) => formatNanoUsd(nano);
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

/** Exact division of nano-USD by a count, as decimal USD text. */
const perRequest = (nano: bigint, count: bigint) => (count === 0n ? null : formatNanoUsd((nano + count / 2n) / count));

export function kpisOf(total: Sums, counts: { providers: number; models: number; activeUsers: number }): Kpis {
  return {
    costUsd: usd(total.costNano),
    requests: n(total.requests),
    tokens: n(tokensOf(total)),
    inputTokens: n(total.inputTokens),
    outputTokens: n(total.outputTokens),
    cacheReadTokens: n(total.cacheReadTokens),
    ...counts,
    avgCostPerRequestUsd: perRequest(total.costNano, total.requests),
    cacheHitRate: total.inputTokens === 0n ? null : n(total.cacheReadTokens) / n(total.inputTokens),
    failureRate: total.requests === 0n ? null : n(total.failures) / n(total.requests),
    avgLatencyMs: total.requests === 0n ? null : Math.round(n(total.latencyMsSum) / n(total.requests)),
    unpricedRequests: n(total.unpricedRequests),
    blocked: n(total.blocked),
  };
}

/**
 * Builds the Analytics page's whole document from a handful of GROUP BYs: totals and trend per
 * bucket, cost and tokens per bucket and model, five breakdowns, and the per-user table with its
 * sparklines, models and monthly budget bars. Names are looked up once per list, never per row.
 */
export function createAnalyticsDocument(strapi: Core.Strapi, aggregator: Aggregator) {
  // Labels and users change rarely and every page view needs them: kept for LOOKUP_MS, and looked
  // up again as soon as an id is missing.
  const lookups = new Map<string, { at: number; rows: Map<number, any> }>();
  async function lookUp(key: string, ids: number[], load: (ids: number[]) => Promise<any[]>): Promise<Map<number, any>> {
    const wanted = [...new Set(ids.filter((id) => id > 0))];
    const cached = lookups.get(key);
    if (cached && Date.now() - cached.at < LOOKUP_MS && wanted.every((id) => cached.rows.has(id))) return cached.rows;
    if (wanted.length === 0) return new Map();
    const rows = new Map<number, any>((await load(wanted)).map((row) => [row.id as number, row]));
    lookups.set(key, { at: Date.now(), rows });
    return rows;
  }

  async function names(uid: string, ids: number[], field: string) {
    const rows = await lookUp(uid, ids, (wanted) => strapi.db.query(uid as any).findMany({ where: { id: { $in: wanted } } }));
    return new Map<number, any>([...rows].map(([id, row]) => [id, row[field] ?? row]));
  }

  function breakdown(groups: Group[], keyOf: (g: Group) => string, labelOf: (key: string) => string): BreakdownRow[] {
    return groups
      .filter((g) => used(g.sums))
      .map((g) => ({ key: keyOf(g), label: labelOf(keyOf(g)), requests: n(g.sums.requests), tokens: n(tokensOf(g.sums)), costUsd: usd(g.sums.costNano), unpricedRequests: n(g.sums.unpricedRequests), nano: g.sums.costNano }))
      .sort((a, b) => (b.nano > a.nano ? 1 : b.nano < a.nano ? -1 : b.requests - a.requests))
      .map(({ nano: _nano, ...row }) => row);
  }

  const contentTypeName = (uid: string) => (strapi.contentTypes[uid as keyof typeof strapi.contentTypes]?.info?.displayName as string | undefined) ?? uid;

  /** Entry rows with their content type's name and the entry's own title (looked up once per content type). */
  async function entryRows(rows: BreakdownRow[]): Promise<EntryRow[]> {
    const split = rows.map((row) => {
      const [uid, documentId] = row.key.split('|');
      return { row, uid, documentId };
    });
    const titles = new Map<string, string>();
    for (const uid of new Set(split.map((e) => e.uid))) {
      const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
      const field = contentType && TITLE_FIELDS.find((name) => (contentType.attributes[name] as { type?: string } | undefined)?.type === 'string');
      if (!field) continue;
      const ids = split.filter((e) => e.uid === uid).map((e) => e.documentId);
      const found = await strapi.db.query(uid as any).findMany({ where: { documentId: { $in: ids } }, select: ['documentId', field] });
      for (const entry of found as Array<Record<string, unknown>>) if (entry[field]) titles.set(`${uid}|${entry.documentId}`, String(entry[field]));
    }
    return split.map(({ row, uid, documentId }) => ({ ...row, label: titles.get(row.key) ?? documentId, uid, documentId, contentType: contentTypeName(uid) }));
  }

  /** What the monthly budget bars need: active monthly cost budgets, and this calendar month's cost per user. */
  async function budgetBarInputs(monthStart: string, range: ReturnType<typeof resolveRange>) {
    const budgets = (await strapi.db.query(UID.budget).findMany({ where: { active: true, monthlyCost: { $notNull: true } } })) as MonthlyBudget[];
    if (budgets.length === 0) return { budgets, spent: new Map<number, bigint>() };
    const monthRows = await aggregator.groupBy({ ...range, bucket: 'day' }, ['userId'], { fromDay: monthStart, metrics: ['costNano'] });
    return { budgets, spent: new Map(monthRows.map((g) => [Number(g.userId), g.sums.costNano])) };
  }

  /** Each user's bar: the month's cost against their tightest monthly cost budget (their own or a role's). */
  function budgetBars(userIds: number[], rolesByUser: Map<number, number[]>, { budgets, spent }: Awaited<ReturnType<typeof budgetBarInputs>>) {
    const bars = new Map<number, UserRow['budget']>();
    for (const userId of userIds) {
      const roles = rolesByUser.get(userId) ?? [];
      const own = budgets.filter((b) => (b.scope === 'user' && b.userId === userId) || (b.scope === 'role' && b.roleId !== null && roles.includes(b.roleId)));
      if (own.length === 0) continue;
      const tightest = own.reduce((a, b) => (parseUsd(b.monthlyCost)! < parseUsd(a.monthlyCost)! ? b : a));
      const limit = parseUsd(tightest.monthlyCost)!;
      const cost = spent.get(userId) ?? 0n;
      bars.set(userId, { monthCostUsd: usd(cost), limitUsd: usd(limit), percent: limit === 0n ? 100 : Number((cost * 100n) / limit), name: tightest.name });
    }
    return bars;
  }

  return {
    /** Provider, model and task names changed: look them up again. */
    invalidateLabels: () => lookups.clear(),
    async build(rangeKey: RangeKey, now: Date, timeZone: string, scope: { userId?: number } = {}): Promise<AnalyticsDocument> {
      const range = resolveRange(rangeKey, now, timeZone);
      const filter = scope.userId === undefined ? {} : { userId: scope.userId };
      const group = (dims: Dimension[], metrics?: Array<keyof Sums>) => aggregator.groupBy(range, dims, { ...filter, metrics });

      // Each query sums only what its part of the page shows.
      const [byBucket, byBucketModel, byProvider, byService, byTask, bySource, byUser, byUserBucket, byUserModel, byContentType, byEntry] = await Promise.all([
        group(['bucket']),
        group(['bucket', 'modelId'], BREAKDOWN),
        group(['providerId'], BREAKDOWN),
        group(['service'], BREAKDOWN),
        group(['taskId'], BREAKDOWN),
        group(['source'], BREAKDOWN),
        group(['userId'], BREAKDOWN),
        group(['userId', 'bucket'], ['requests']),
        group(['userId', 'modelId'], ['requests', 'costNano']),
        group(['contentType'], BREAKDOWN),
        group(['entry'], BREAKDOWN),
      ]);

      // The per-model totals are the per-day ones summed: one query fewer.
      const byModel = perModel(byBucketModel);

      // Labels, users and budget bars in one round of parallel lookups; deleted users keep their id.
      const userIds = byUser.filter((g) => used(g.sums) && Number(g.userId) > 0).map((g) => Number(g.userId));
      const [providers, models, tasks, admins, barInputs] = await Promise.all([
        names(UID.provider, byProvider.map((g) => Number(g.providerId)), 'name'),
        names(UID.model, [...byBucketModel, ...byUserModel].map((g) => Number(g.modelId)), 'displayName'),
        names(UID.task, byTask.map((g) => Number(g.taskId)), 'name'),
        lookUp('admin::user', userIds, (wanted) => strapi.db.query('admin::user').findMany({ where: { id: { $in: wanted } }, populate: ['roles'] })).then((rows) =>
          userIds.map((id) => rows.get(id)).filter(Boolean)
        ),
        budgetBarInputs(`${range.to.slice(0, 7)}-01`, range),
      ]);
      const topEntries = await entryRows(breakdown(byEntry.filter((g) => g.entry !== ''), (g) => String(g.entry), (key) => key).slice(0, TOP_ENTRIES));
      const modelLabel = (id: string) => (Number(id) === 0 ? '(none)' : (models.get(Number(id)) ?? `model #${id}`));

      const total = byBucket.reduce((sum, g) => add(sum, g.sums), ZERO);
      const bucketSums = new Map(byBucket.map((g) => [String(g.bucket), g.sums]));
      const trend = range.buckets.map((bucket) => {
        const s = bucketSums.get(bucket) ?? ZERO;
        return { bucket, label: bucketLabel(bucket), costUsd: usd(s.costNano), requests: n(s.requests), tokens: n(tokensOf(s)), failures: n(s.failures) };
      });

      // Stacked by model: the heaviest by cost (then tokens) keep their own series; the rest is "Other".
      const modelTotals = breakdown(byModel, (g) => String(g.modelId), modelLabel);
      const top = modelTotals.slice(0, TOP_MODELS).map((m) => m.key);
      const seriesOf = (modelId: string) => (top.includes(modelId) ? modelId : 'other');
      const series = [...top.map((key) => ({ key, label: modelLabel(key) })), ...(modelTotals.length > TOP_MODELS ? [{ key: 'other', label: 'Other' }] : [])];
      const stacked = new Map<string, { cost: Map<string, bigint>; tokens: Map<string, bigint> }>();
      for (const g of byBucketModel) {
        if (!used(g.sums)) continue;
        const cell = stacked.get(String(g.bucket)) ?? { cost: new Map(), tokens: new Map() };
        const key = seriesOf(String(g.modelId));
        cell.cost.set(key, (cell.cost.get(key) ?? 0n) + g.sums.costNano);
        cell.tokens.set(key, (cell.tokens.get(key) ?? 0n) + tokensOf(g.sums));
        stacked.set(String(g.bucket), cell);
      }
      const buckets: ModelBucket[] = range.buckets.map((bucket) => {
        const cell = stacked.get(bucket);
        return {
          bucket,
          label: bucketLabel(bucket),
          cost: Object.fromEntries(series.map((s) => [s.key, usd(cell?.cost.get(s.key) ?? 0n)])),
          tokens: Object.fromEntries(series.map((s) => [s.key, n(cell?.tokens.get(s.key) ?? 0n)])),
        };
      });
      const share = [...modelTotals].sort((a, b) => b.tokens - a.tokens);

      const adminById = new Map<number, any>(admins.map((a: any) => [a.id, a]));
      const rolesByUser = new Map<number, number[]>(admins.map((a: any) => [a.id, (a.roles ?? []).map((r: any) => r.id)]));
      const bars = budgetBars(userIds, rolesByUser, barInputs);
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
          for (const s of bucketsByUser.get(id) ?? []) if (sparkIndex.has(String(s.bucket))) sparkline[sparkIndex.get(String(s.bucket))!] = n(s.sums.requests);
          const userModels = (modelsByUser.get(id) ?? [])
            .filter((m) => used(m.sums))
            .sort((a, b) => (b.sums.costNano > a.sums.costNano ? 1 : b.sums.costNano < a.sums.costNano ? -1 : 0))
            .map((m) => modelLabel(String(m.modelId)));
          return {
            userId: id === 0 ? null : id,
            name: id === 0 ? 'system' : admin ? [admin.firstname, admin.lastname].filter(Boolean).join(' ') || admin.email : `user #${id}`,
            email: admin?.email ?? null,
            roles: (admin?.roles ?? []).map((r: any) => r.name),
            requests: n(g.sums.requests),
            tokens: n(tokensOf(g.sums)),
            costUsd: usd(g.sums.costNano),
            unpricedRequests: n(g.sums.unpricedRequests),
            sparkline,
            models: userModels,
            budget: id === 0 ? null : (bars.get(id) ?? null),
            nano: g.sums.costNano,
          };
        })
        .sort((a, b) => (b.nano > a.nano ? 1 : b.nano < a.nano ? -1 : b.requests - a.requests))
        .map(({ nano: _nano, ...row }) => row);

      const providerLabel = (id: string) => (Number(id) === 0 ? '(none)' : (providers.get(Number(id)) ?? `provider #${id}`));
      return {
        range: { key: range.key, from: range.from, to: range.to, bucket: range.bucket, timeZone },
        kpis: kpisOf(total, {
          providers: byProvider.filter((g) => used(g.sums) && Number(g.providerId) > 0).length,
          models: byModel.filter((g) => used(g.sums) && Number(g.modelId) > 0).length,
          activeUsers: userIds.length,
        }),
        trend,
        byModel: { series, buckets, share },
        breakdowns: {
          provider: breakdown(byProvider, (g) => String(g.providerId), providerLabel),
          model: modelTotals,
          service: breakdown(byService, (g) => String(g.service), (key) => key),
          task: breakdown(byTask, (g) => String(g.taskId), (key) => (key === '0' ? '(no task)' : (tasks.get(Number(key)) ?? `task #${key}`))),
          source: breakdown(bySource, (g) => String(g.source), (key) => key || '(none)'),
          contentType: breakdown(byContentType, (g) => String(g.contentType), (key) => (key ? contentTypeName(key) : '(no entry)')),
        },
        topEntries,
        users,
      };
    },
  };
}
