import type { Core } from '@strapi/strapi';
import { UID } from '../../../content-types';
import { NO_RESERVATION, type BudgetGate, type CallEstimate, type Reservation } from '../gateway/budget-seam';
import { quantitiesOf } from '../gateway/meter';
import type { CallContext, ResolvedTarget } from '../gateway/types';
import type { MeteredQuantities } from '../pricing/cost';
import { formatNanoUsd } from '../pricing/money';
import type { PricedCall } from '../pricing/price-sheet';
import type { Alerts } from './alerts';
import { BudgetExceededError } from './budget-exceeded';
import { createCounters, type Amount, type CounterKey, type WindowKeys, type WindowUse } from './counters';
import { resetsOn, thresholdsOf, windowKeys, windowsOf, type BudgetMetric, type BudgetRecord, type WindowLimits } from './limits';

export interface GateDeps {
  now: () => Date;
  timeZone: () => string;
  price: (target: ResolvedTarget, quantities: MeteredQuantities, at: Date) => PricedCall;
  alerts: Alerts;
}

/** A budget's counter held by one call, with the windows it was reserved in. */
interface Held {
  key: CounterKey;
  budget: BudgetRecord;
  limits: WindowLimits[];
  keys: WindowKeys;
}

const CACHE_MS = 10_000;
const SETTLE_MS = 100;

const valueOf = (use: WindowUse, metric: BudgetMetric) => (metric === 'cost' ? use.costNano : metric === 'tokens' ? use.tokens : use.requests);

/** How full a window is: percent of its tightest limit, and which metric that is. */
export function fullness(use: WindowUse, limits: WindowLimits): { percent: number; metric: BudgetMetric } {
  let best = { percent: 0, metric: 'cost' as BudgetMetric };
  for (const metric of ['cost', 'tokens', 'requests'] as const) {
    const limit = limits[metric];
    if (limit === null) continue;
    const percent = limit === 0n ? 100 : Number((valueOf(use, metric) * 100n) / limit);
    if (percent >= best.percent) best = { percent, metric };
  }
  return best;
}

/** The window and metric a reservation of `amount` would pass. */
function passed(use: Record<'day' | 'month', WindowUse>, amount: Amount, limits: WindowLimits[]): { limits: WindowLimits; metric: BudgetMetric } {
  for (const l of limits) {
    const u = use[l.window];
    if (l.requests !== null && u.requests + 1n > l.requests) return { limits: l, metric: 'requests' };
    if (l.tokens !== null && u.tokens + amount.tokens > l.tokens) return { limits: l, metric: 'tokens' };
    if (l.cost !== null && u.costNano + amount.costNano > l.cost) return { limits: l, metric: 'cost' };
  }
  // Another call took the room between the refusal and this read: report the tightest window.
  return { limits: limits[0], metric: fullness(use[limits[0].window], limits[0]).metric };
}

/**
 * The budget gate: before a provider is called, the call's worst case is reserved on every budget
 * that applies (the user's, each of the user's roles', the site's) with one conditional statement
 * per budget, all in one transaction. After the call the reservation is settled to the actual cost.
 */
export function createBudgetGate(strapi: Core.Strapi, deps: GateDeps) {
  const counters = createCounters(strapi);
  let budgets: { at: number; list: BudgetRecord[] } | null = null;
  const roles = new Map<number, { at: number; ids: number[] }>();

  async function activeBudgets(): Promise<BudgetRecord[]> {
    if (budgets && Date.now() - budgets.at < CACHE_MS) return budgets.list;
    const list = (await strapi.db.query(UID.budget).findMany({ where: { active: true } })) as BudgetRecord[];
    budgets = { at: Date.now(), list };
    return list;
  }

  async function rolesOf(userId: number): Promise<number[]> {
    const hit = roles.get(userId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.ids;
    const user = await strapi.db.query('admin::user').findOne({ where: { id: userId }, populate: ['roles'] });
    const ids = ((user?.roles ?? []) as Array<{ id: number }>).map((r) => r.id);
    roles.set(userId, { at: Date.now(), ids });
    return ids;
  }

  /** The budgets that apply to a user, each with the subject its counter is kept for. */
  async function applicable(userId: number | null): Promise<Array<{ budget: BudgetRecord; subjectId: number }>> {
    const list = await activeBudgets();
    if (list.length === 0) return [];
    const userRoles = userId === null || !list.some((b) => b.scope === 'role') ? [] : await rolesOf(userId);
    return list.flatMap((budget) => {
      if (budget.scope === 'site') return [{ budget, subjectId: 0 }];
      if (userId === null) return [];
      if (budget.scope === 'user' && budget.userId === userId) return [{ budget, subjectId: userId }];
      if (budget.scope === 'role' && budget.roleId != null && userRoles.includes(budget.roleId)) return [{ budget, subjectId: userId }];
      return [];
    });
  }

  function worstCase(target: ResolvedTarget, context: CallContext, estimate: CallEstimate, at: Date): Amount {
    const tokens = { inputTokens: estimate.inputTokens, outputTokens: estimate.maxOutputTokens, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: true };
    // An unpriced model reserves no cost: a pricing gap must not block anyone (token and request limits still hold).
    const priced = deps.price(target, quantitiesOf(context, { tokens, units: estimate.units }), at);
    return { costNano: priced.costNano ?? 0n, tokens: BigInt(estimate.inputTokens + estimate.maxOutputTokens) };
  }

  /** Fires each threshold a window has reached that nobody fired yet in that window, lowest first. */
  async function alertIfCrossed(held: Held, known?: Record<'day' | 'month', WindowUse>) {
    const use = known ?? (await counters.read(held.key, held.keys));
    for (const limits of held.limits) {
      const { percent, metric } = fullness(use[limits.window], limits);
      for (const threshold of thresholdsOf(held.budget)) {
        if (threshold > percent) break;
        if (!(await counters.claimThreshold(held.key, limits.window, held.keys, threshold))) continue;
        const value = valueOf(use[limits.window], metric);
        const limit = limits[metric]!;
        deps.alerts.fire({
          budgetId: held.budget.id,
          budgetName: held.budget.name,
          scope: held.budget.scope,
          userId: held.key.subjectId === 0 ? null : held.key.subjectId,
          window: limits.window,
          windowKey: `${limits.window}:${held.keys[limits.window]}`,
          threshold,
          percent: Math.min(percent, 100),
          metric,
          used: metric === 'cost' ? formatNanoUsd(value) : value.toString(),
          limit: metric === 'cost' ? formatNanoUsd(limit) : limit.toString(),
          at: deps.now().toISOString(),
        });
      }
    }
  }

  // Settlements are queued and written together every SETTLE_MS: the caller never waits for them,
  // and until they land the counters hold the worst case, which can only refuse more, never less.
  const queue = new Map<string, { held: Held; delta: Amount }>();
  let timer: NodeJS.Timeout | null = null;
  let settling: Promise<void> = Promise.resolve();

  function enqueue(held: Held, delta: Amount) {
    const id = `${held.key.budgetId}|${held.key.subjectId}|${held.keys.day}`;
    const entry = queue.get(id);
    if (entry) entry.delta = { costNano: entry.delta.costNano + delta.costNano, tokens: entry.delta.tokens + delta.tokens };
    else queue.set(id, { held, delta });
    timer ??= setTimeout(() => void settle(), SETTLE_MS);
  }

  function settle(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = [...queue.values()];
    queue.clear();
    settling = settling.then(async () => {
      if (batch.length === 0) return;
      try {
        await counters.adjustAll(batch.map(({ held, delta }) => ({ key: held.key, keys: held.keys, delta })));
        for (const { held } of batch) await alertIfCrossed(held);
      } catch (error) {
        strapi.log.error(`llm: settling ${batch.length} budget reservation(s) failed; they stay at their worst case: ${(error as Error).message}`);
      }
    });
    return settling;
  }

  const gate: BudgetGate = {
    async reserve(target, context, estimate): Promise<Reservation> {
      const scopes = await applicable(context.userId);
      if (scopes.length === 0) return NO_RESERVATION;

      const now = deps.now();
      const timeZone = deps.timeZone();
      const keys = windowKeys(now, timeZone);
      const held: Held[] = scopes
        .map(({ budget, subjectId }) => ({ key: { budgetId: budget.id, subjectId }, budget, limits: windowsOf(budget), keys }))
        .filter((h) => h.limits.length > 0);
      if (held.length === 0) return NO_RESERVATION;
      const amount = worstCase(target, context, estimate(), now);

      const refusedAt = await counters.tryReserveAll(held, keys, amount);
      if (refusedAt >= 0) {
        const refused = held[refusedAt];
        const use = await counters.read(refused.key, keys);
        const { limits, metric } = passed(use, amount, refused.limits);
        // Hitting the wall is 100 % of that window, whatever the counter shows.
        const wall = { ...use, [limits.window]: { ...use[limits.window], [metric === 'cost' ? 'costNano' : metric]: limits[metric]! } };
        await alertIfCrossed({ ...refused, limits: [limits] }, wall).catch((error) => strapi.log.warn(`llm: budget alert failed: ${error.message}`));
        throw new BudgetExceededError({
          budgetId: refused.budget.id,
          budgetName: refused.budget.name,
          scope: refused.budget.scope,
          window: limits.window,
          metric,
          used: valueOf(use[limits.window], metric),
          limit: limits[metric]!,
          resetsOn: resetsOn(limits.window, now, timeZone),
          timeZone,
          fallbackConfigurationId: refused.budget.onExceed === 'fallback' ? (refused.budget.fallbackConfigurationId ?? undefined) : undefined,
        });
      }

      return {
        async settle(actualCostNano, actualTokens) {
          const delta = { costNano: (actualCostNano ?? 0n) - amount.costNano, tokens: BigInt(actualTokens) - amount.tokens };
          for (const h of held) enqueue(h, delta);
        },
        // A failed call costs nothing, but it was a request: the request stays counted.
        async release() {
          for (const h of held) enqueue(h, { costNano: -amount.costNano, tokens: -amount.tokens });
        },
      };
    },
  };

  return {
    gate,
    /** Resolves when every settlement queued so far is written (tests, shutdown). */
    settled: () => settle(),
    invalidate() {
      budgets = null;
      roles.clear();
    },
    applicable,
    counters,
  };
}

export type BudgetGateHandle = ReturnType<typeof createBudgetGate>;
