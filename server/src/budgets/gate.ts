import type { Core } from '@strapi/strapi';
import {
  NO_RESERVATION,
  type BudgetGate,
  type CallEstimate,
  type Reservation,
} from '../gateway/budget-seam';
import type { CallContext, ResolvedTarget } from '../gateway/types';
import { formatNanoUsd } from '../pricing/money';
import type { Alerts } from './alerts';
import { isZero, minus, times, type Amount } from './amount';
import { BudgetExceededError } from './budget-exceeded';
import { counterKeyOf } from './counter-table';
import { createCounters, type CounterKey, type Period } from './counters';
import { createBudgetDirectory } from './directory';
import { leaseId, leaseIdOf, type HeldCounter } from './held-counter';
import { LeaseBook, leaseWidth } from './leases';
import { resetsOn, windowKeys, windowsOf } from './limits';
import { createSettlement } from './settlement';
import { createThresholdAlerts } from './threshold-alerts';
import { limitPassed, valueOf, type PeriodUse, type WindowUse } from './use';
import { worstCase, type PriceFn } from './worst-case';

export interface GateDeps {
  now: () => Date;
  timeZone: () => string;
  price: PriceFn;
  alerts: Alerts;
}

/**
 * The budget gate: before a provider is called, the call's worst case is reserved on every budget
 * that applies (the user's, each of the user's roles', the API token's, the site's) with one conditional statement
 * per budget, all in one transaction. After the call the reservation is settled to the actual cost.
 */
export function createBudgetGate(strapi: Core.Strapi, deps: GateDeps) {
  const counters = createCounters(strapi);
  const directory = createBudgetDirectory(strapi);
  const book = new LeaseBook<HeldCounter>();

  /** A counter's use net of the room this instance leased and has not handed out yet. */
  function netOfLeases(counter: CounterKey, period: Period, use: PeriodUse): PeriodUse {
    const room = book.roomOf(leaseIdOf(counter, period));
    if (isZero(room)) return use;
    const net = (u: WindowUse): WindowUse => ({
      ...u,
      costNano: u.costNano - room.costNano,
      tokens: u.tokens - room.tokens,
      requests: u.requests - room.requests,
    });
    return { day: net(use.day), month: net(use.month) };
  }

  async function useOf(counter: CounterKey, period: Period): Promise<PeriodUse> {
    const [use] = await counters.readMany([counter], period);
    return netOfLeases(counter, period, use);
  }

  const alertIfCrossed = createThresholdAlerts({
    counters,
    alerts: deps.alerts,
    now: deps.now,
    useOf: (held) => useOf(held.counter, held.period),
  });
  const settlement = createSettlement({ strapi, book, counters, alertIfCrossed });

  /**
   * Reserves `amount` on every counter in the database, folding in whatever room this instance's
   * leases on them still held. It first asks for a lease several calls wide; when the budget is too
   * tight or too close to its edge for that, for exactly this call. Returns the refused index or -1.
   */
  async function reserveInDatabase(held: HeldCounter[], amount: Amount, period: Period) {
    const ids = held.map(leaseId);
    const folded = ids.map((id) => book.detach(id));
    const width = leaseWidth(
      held.flatMap((h) => h.limits),
      amount
    );
    const reserveEach = (each: Amount) =>
      counters.reserveAll(
        held.map((h, i) => ({ rowId: h.rowId, limits: h.limits, amount: minus(each, folded[i]) })),
        period
      );
    if (width >= 2n) {
      const grant = times(amount, width);
      if ((await reserveEach(grant)) < 0) {
        held.forEach((h, i) => book.credit(ids[i], h, minus(grant, amount), Date.now()));
        settlement.arm();
        return -1;
      }
    }
    const refused = await reserveEach(amount);
    // Refused: the statements rolled back, so the folded room is still ours.
    if (refused >= 0) held.forEach((h, i) => book.credit(ids[i], h, folded[i], Date.now()));
    return refused;
  }

  /** Makes sure each counter exists and holds the current windows; returns the held counters. */
  async function hold(wanted: Array<Omit<HeldCounter, 'rowId'>>, period: Period) {
    const rowIds = await counters.ensureMany(
      wanted.map((h) => h.counter),
      period
    );
    const held = wanted.map((h, i) => ({ ...h, rowId: rowIds[i] }));
    // A lease on a counter row that was since recounted holds room the new row never gave: drop it.
    for (const h of held) {
      const holder = book.holderOf(leaseId(h));
      if (holder && holder.rowId !== h.rowId) book.detach(leaseId(h));
    }
    return held;
  }

  /** Reserves on every held counter: from leases when they cover it, else in the database. */
  async function reserveOn(
    wanted: Array<Omit<HeldCounter, 'rowId'>>,
    amount: Amount,
    period: Period
  ) {
    let held = await hold(wanted, period);
    let refusedAt = book.takeAll(held.map(leaseId), amount, Date.now())
      ? -1
      : await reserveInDatabase(held, amount, period);
    if (refusedAt >= 0 && !(await counters.exists(held[refusedAt].rowId))) {
      // Recounted by another process since this one last looked: reserve on the reborn counters.
      counters.clearMemo();
      held = await hold(wanted, period);
      refusedAt = await reserveInDatabase(held, amount, period);
    }
    return { held, refused: refusedAt >= 0 ? held[refusedAt] : null };
  }

  /** The error for a refused call, after alerting on the wall it hit. */
  async function refusal(refused: HeldCounter, amount: Amount, now: Date, timeZone: string) {
    const use = await useOf(refused.counter, refused.period);
    const { limits, metric } = limitPassed(use, amount, refused.limits);
    await alertIfCrossed({ ...refused, limits: [limits] }, use, {
      window: limits.window,
      metric,
    }).catch((error) => strapi.log.warn(`llm: budget alert failed: ${error.message}`));
    return new BudgetExceededError({
      budgetId: refused.budget.id,
      budgetName: refused.budget.name,
      scope: refused.budget.scope,
      window: limits.window,
      metric,
      used: valueOf(use[limits.window], metric),
      limit: limits[metric]!,
      resetsOn: resetsOn(limits.window, now, timeZone),
      timeZone,
      fallbackConfigurationId:
        refused.budget.onExceed === 'fallback'
          ? (refused.budget.fallbackConfigurationId ?? undefined)
          : undefined,
    });
  }

  /** What the caller settles the reservation with once the call has run. */
  function reservation(
    held: HeldCounter[],
    amount: Amount,
    target: ResolvedTarget,
    context: CallContext
  ): Reservation {
    return {
      async settle(actualCostNano, actualTokens) {
        const unused = {
          costNano: amount.costNano - (actualCostNano ?? 0n),
          tokens: amount.tokens - BigInt(actualTokens),
          requests: 0n,
        };
        if (unused.costNano < 0n || unused.tokens < 0n) {
          // Only a provider reporting more than any tokenizer can count, or more output than it was allowed, gets here.
          strapi.log.warn(
            `llm: ${target.provider.name} reported more than the call's bound (${actualTokens} tokens, cost ${formatNanoUsd(actualCostNano ?? 0n)} vs ${amount.tokens} / ${formatNanoUsd(amount.costNano)} reserved, request ${context.requestId}); the difference is charged to the budget`
          );
        }
        for (const h of held) settlement.giveBack(h, unused);
      },
      // A failed call costs nothing, but it was a request: the request stays counted.
      async release() {
        for (const h of held) settlement.giveBack(h, { ...amount, requests: 0n });
      },
    };
  }

  const gate: BudgetGate = {
    async reserve(target, context, estimate: () => CallEstimate): Promise<Reservation> {
      const scopes = await directory.applicable(context.userId, context.apiTokenId);
      if (scopes.length === 0) return NO_RESERVATION;
      const now = deps.now();
      const timeZone = deps.timeZone();
      const period = windowKeys(now, timeZone);
      const wanted = scopes
        .map(({ budget, subjectId }) => ({
          counter: counterKeyOf(budget, subjectId),
          budget,
          limits: windowsOf(budget),
          period,
        }))
        .filter((h) => h.limits.length > 0);
      if (wanted.length === 0) return NO_RESERVATION;
      const amount = worstCase(deps.price, target, context, estimate(), now);
      const { held, refused } = await reserveOn(wanted, amount, period);
      if (refused) throw await refusal(refused, amount, now, timeZone);
      return reservation(held, amount, target, context);
    },
  };

  return {
    gate,
    /** Resolves when every settlement queued so far is written (tests, shutdown). */
    settled: () => settlement.settle(true),
    invalidate() {
      directory.invalidate();
      counters.clearMemo();
    },
    /**
     * Recounts a budget (all budgets without an id) from the rollups: its counters are dropped and
     * reborn on next use. This instance's leases on them go too; another instance's lapse within a second.
     */
    async recount(budgetId?: number) {
      await settlement.settle(true);
      await counters.forget(budgetId);
    },
    applicable: directory.applicable,
    /** Current use of counters, in the order asked, as a reader outside this instance would see it once its leases are back. */
    async readMany(wanted: CounterKey[], period: Period): Promise<PeriodUse[]> {
      const uses = await counters.readMany(wanted, period);
      return uses.map((use, i) => netOfLeases(wanted[i], period, use));
    },
  };
}

export type BudgetGateHandle = ReturnType<typeof createBudgetGate>;
