import type { Core } from '@strapi/strapi';
import { UID } from '../../../content-types';
import type { BudgetGate, CallEstimate, Reservation } from '../gateway/budget-seam';
import { quantitiesOf } from '../gateway/meter';
import type { CallContext, ResolvedTarget } from '../gateway/types';
import type { PricedCall } from '../pricing/price-sheet';
import { formatNanoUsd } from '../pricing/money';
import type { MeteredQuantities } from '../pricing/cost';
import type { Alerts } from './alerts';
import { BudgetExceededError } from './budget-exceeded';
import { createCounters, type Amount, type CounterKey } from './counters';
import { resetsOn, thresholdsOf, windowKey, windowsOf, type BudgetMetric, type BudgetRecord, type WindowLimits } from './limits';

export interface GateDeps {
  now: () => Date;
  timeZone: () => string;
  price: (target: ResolvedTarget, quantities: MeteredQuantities, at: Date) => PricedCall;
  alerts: Alerts;
}

interface Held {
  key: CounterKey;
  budget: BudgetRecord;
  limits: WindowLimits;
}

const CACHE_MS = 10_000;

/** Percent of the tightest limit a counter has used. */
function fullness(used: { costNano: bigint; tokens: bigint; requests: bigint }, limits: WindowLimits): { percent: number; metric: BudgetMetric } {
  let best = { percent: 0, metric: 'cost' as BudgetMetric };
  const consider = (metric: BudgetMetric, value: bigint, limit: bigint | null) => {
    if (limit === null) return;
    const percent = limit === 0n ? 100 : Number((value * 100n) / limit);
    if (percent >= best.percent) best = { percent, metric };
  };
  consider('cost', used.costNano, limits.cost);
  consider('tokens', used.tokens, limits.tokens);
  consider('requests', used.requests, limits.requests);
  return best;
}

/** Which limit this reservation would have passed. */
function passedLimit(used: { costNano: bigint; tokens: bigint; requests: bigint }, amount: Amount, limits: WindowLimits): BudgetMetric {
  if (limits.requests !== null && used.requests + 1n > limits.requests) return 'requests';
  if (limits.tokens !== null && used.tokens + amount.tokens > limits.tokens) return 'tokens';
  return 'cost';
}

/**
 * The budget gate: before a provider is called, the call's worst case is reserved on every budget
 * that applies (the user's, each of the user's roles', the site's; day and month windows) with a
 * conditional atomic UPDATE. After the call the reservation is settled to the actual cost.
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

  /** The budgets that apply to a user (each with the subject its counters are kept for). */
  async function applicable(userId: number | null): Promise<Array<{ budget: BudgetRecord; subjectId: number }>> {
    const list = await activeBudgets();
    if (list.length === 0) return [];
    const userRoles = userId === null || !list.some((b) => b.scope === 'role') ? [] : await rolesOf(userId);
    return list.flatMap((budget) => {
      if (budget.scope === 'site') return [{ budget, subjectId: 0 }];
      if (userId === null) return [];
      if (budget.scope === 'user' && budget.userId === userId) return [{ budget, subjectId: userId }];
      if (budget.scope === 'role' && budget.roleId !== null && budget.roleId !== undefined && userRoles.includes(budget.roleId)) {
        return [{ budget, subjectId: userId }];
      }
      return [];
    });
  }

  function worstCase(target: ResolvedTarget, context: CallContext, estimate: CallEstimate, at: Date): Amount {
    const measured = {
      tokens: { inputTokens: estimate.inputTokens, outputTokens: estimate.maxOutputTokens, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: true },
      units: estimate.units,
    };
    // An unpriced model reserves no cost: a pricing gap must not block anyone (token and request limits still hold).
    const priced = deps.price(target, quantitiesOf(context, measured), at);
    return { costNano: priced.costNano ?? 0n, tokens: BigInt(estimate.inputTokens + estimate.maxOutputTokens) };
  }

  /** Fires each threshold the counter has reached that nobody fired yet in this window, lowest first. */
  async function alertIfCrossed(held: Held, known?: { costNano: bigint; tokens: bigint; requests: bigint }) {
    const used = known ?? (await counters.read(held.key));
    const { percent, metric } = fullness(used, held.limits);
    for (const threshold of thresholdsOf(held.budget)) {
      if (threshold > percent) break;
      if (!(await counters.claimThreshold(held.key, threshold))) continue;
      const limit = held.limits[metric === 'cost' ? 'cost' : metric]!;
      const value = metric === 'cost' ? used.costNano : metric === 'tokens' ? used.tokens : used.requests;
      deps.alerts.fire({
        budgetId: held.budget.id,
        budgetName: held.budget.name,
        scope: held.budget.scope,
        userId: held.key.subjectId === 0 ? null : held.key.subjectId,
        window: held.limits.window,
        windowKey: held.key.windowKey,
        threshold,
        percent: Math.min(percent, 100),
        metric,
        used: metric === 'cost' ? formatNanoUsd(value) : value.toString(),
        limit: metric === 'cost' ? formatNanoUsd(limit) : limit.toString(),
        at: deps.now().toISOString(),
      });
    }
  }

  const gate: BudgetGate = {
    async reserve(target, context, estimate): Promise<Reservation> {
      const scopes = await applicable(context.userId);
      if (scopes.length === 0) return { release: async () => {}, settle: async () => {} };

      const now = deps.now();
      const timeZone = deps.timeZone();
      const amount = worstCase(target, context, estimate(), now);
      const held: Held[] = [];
      for (const { budget, subjectId } of scopes) {
        for (const limits of windowsOf(budget)) {
          const key = { budgetId: budget.id, windowKey: windowKey(limits.window, now, timeZone), subjectId };
          if (await counters.tryReserve(key, amount, limits)) {
            held.push({ key, budget, limits });
            continue;
          }
          for (const h of held) await counters.adjust(h.key, { costNano: -amount.costNano, tokens: -amount.tokens, requests: -1n });
          const used = await counters.read(key);
          const metric = passedLimit(used, amount, limits);
          // Hitting the wall is 100 % of the budget, whatever the counter shows.
          const full = { ...used, costNano: limits.cost ?? used.costNano, tokens: limits.tokens ?? used.tokens, requests: limits.requests ?? used.requests };
          await alertIfCrossed({ key, budget, limits }, full).catch((error) => strapi.log.warn(`llm: budget alert failed: ${error.message}`));
          throw new BudgetExceededError({
            budgetId: budget.id,
            budgetName: budget.name,
            scope: budget.scope,
            window: limits.window,
            metric,
            used: metric === 'cost' ? used.costNano : metric === 'tokens' ? used.tokens : used.requests,
            limit: limits[metric]!,
            resetsOn: resetsOn(limits.window, now, timeZone),
            timeZone,
            fallbackConfigurationId: budget.onExceed === 'fallback' ? (budget.fallbackConfigurationId ?? undefined) : undefined,
          });
        }
      }
      if (held.length === 0) return { release: async () => {}, settle: async () => {} };

      return {
        async settle(actualCostNano, actualTokens) {
          for (const h of held) {
            await counters.adjust(h.key, { costNano: (actualCostNano ?? 0n) - amount.costNano, tokens: BigInt(actualTokens) - amount.tokens });
            await alertIfCrossed(h);
          }
        },
        // A failed call costs nothing, but it was a request.
        async release() {
          for (const h of held) await counters.adjust(h.key, { costNano: -amount.costNano, tokens: -amount.tokens });
        },
      };
    },
  };

  return {
    gate,
    invalidate() {
      budgets = null;
      roles.clear();
    },
    applicable,
    counters,
  };
}

export type BudgetGateHandle = ReturnType<typeof createBudgetGate>;
