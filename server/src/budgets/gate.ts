import type { Core } from '@strapi/strapi';
import { UID } from '../../../content-types';
import {
  NO_RESERVATION,
  type BudgetGate,
  type CallEstimate,
  type Reservation,
} from '../gateway/budget-seam';
import { quantitiesOf } from '../gateway/meter';
import type { CallContext, ResolvedTarget } from '../gateway/types';
import type { MeteredQuantities } from '../pricing/cost';
import { formatNanoUsd } from '../pricing/money';
import { cacheWritesMayCostMore, type PricedCall } from '../pricing/price-sheet';
import type { Alerts } from './alerts';
import { BudgetExceededError } from './budget-exceeded';
import {
  createCounters,
  type Amount,
  type CounterKey,
  type WindowKeys,
  type WindowUse,
} from './counters';
import { isZero, LeaseBook, leaseWidth, minus, plus, times, ZERO } from './leases';
import {
  resetsOn,
  thresholdsOf,
  windowKeys,
  windowsOf,
  type BudgetMetric,
  type BudgetRecord,
  type WindowLimits,
} from './limits';

export interface GateDeps {
  now: () => Date;
  timeZone: () => string;
  price: (target: ResolvedTarget, quantities: MeteredQuantities, at: Date) => PricedCall;
  alerts: Alerts;
}

/** A budget's counter held by one call, with the windows it was reserved in. */
interface Held {
  key: CounterKey;
  /** The counter row: settlements go to this row only (a recount replaces it). */
  rowId: number;
  budget: BudgetRecord;
  limits: WindowLimits[];
  keys: WindowKeys;
}

const CACHE_MS = 10_000;
const SETTLE_MS = 100;
/** A lease goes back to the database at least this often, even under steady use. */
const LEASE_MAX_MS = 1000;

const valueOf = (use: WindowUse, metric: BudgetMetric) =>
  metric === 'cost' ? use.costNano : metric === 'tokens' ? use.tokens : use.requests;

/** How full a window is: percent of its tightest limit, and which metric that is. */
export function fullness(
  use: WindowUse,
  limits: WindowLimits
): { percent: number; metric: BudgetMetric } {
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
function passed(
  use: Record<'day' | 'month', WindowUse>,
  amount: Amount,
  limits: WindowLimits[]
): { limits: WindowLimits; metric: BudgetMetric } {
  for (const l of limits) {
    const u = use[l.window];
    if (l.requests !== null && u.requests + 1n > l.requests)
      return { limits: l, metric: 'requests' };
    if (l.tokens !== null && u.tokens + amount.tokens > l.tokens)
      return { limits: l, metric: 'tokens' };
    if (l.cost !== null && u.costNano + amount.costNano > l.cost)
      return { limits: l, metric: 'cost' };
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
    try {
      const list = (await strapi.db
        .query(UID.budget)
        .findMany({ where: { active: true } })) as BudgetRecord[];
      budgets = { at: Date.now(), list };
      return list;
    } catch (error) {
      // The database is away: a site without budgets keeps working on what it knew. With budgets,
      // the reservation that follows needs the database and refuses the call.
      if (!budgets) throw error;
      strapi.log.warn(
        `llm: could not refresh budgets, using the list from ${Math.round((Date.now() - budgets.at) / 1000)} s ago: ${(error as Error).message}`
      );
      return budgets.list;
    }
  }

  async function rolesOf(userId: number): Promise<number[]> {
    const hit = roles.get(userId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.ids;
    const user = await strapi.db
      .query('admin::user')
      .findOne({ where: { id: userId }, populate: ['roles'] });
    const ids = ((user?.roles ?? []) as Array<{ id: number }>).map((r) => r.id);
    roles.set(userId, { at: Date.now(), ids });
    return ids;
  }

  /** The budgets that apply to a user, each with the subject its counter is kept for. */
  async function applicable(
    userId: number | null
  ): Promise<Array<{ budget: BudgetRecord; subjectId: number }>> {
    const list = await activeBudgets();
    if (list.length === 0) return [];
    const userRoles =
      userId === null || !list.some((b) => b.scope === 'role') ? [] : await rolesOf(userId);
    return list.flatMap((budget) => {
      if (budget.scope === 'site') return [{ budget, subjectId: 0 }];
      if (userId === null) return [];
      if (budget.scope === 'user' && budget.userId === userId)
        return [{ budget, subjectId: userId }];
      if (budget.scope === 'role' && budget.roleId != null && userRoles.includes(budget.roleId))
        return [{ budget, subjectId: userId }];
      return [];
    });
  }

  /**
   * What a call may use at most: its prompt's token bound plus the output cap it sends, priced at
   * the dearer of the input and cache-write rates (a provider may write every prompt token to its
   * cache). Reserving the bound, not an estimate, is what keeps a budget from being overshot by a
   * provider that counts more tokens than the plugin's tokenizer (docs/RELIABILITY.md).
   */
  function worstCase(
    target: ResolvedTarget,
    context: CallContext,
    estimate: CallEstimate,
    at: Date
  ): Amount {
    const input = estimate.inputTokensBound;
    const tokens = {
      inputTokens: input,
      outputTokens: estimate.maxOutputTokens,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      estimated: true,
    };
    const price = (cacheWriteTokens: number) =>
      deps.price(
        target,
        quantitiesOf(context, { tokens: { ...tokens, cacheWriteTokens }, units: estimate.units }),
        at
      ).costNano;
    const plain = price(0);
    // Priced a second time only when it can matter (a catalogue lookup per call is not free).
    const cached =
      input > 0 && cacheWritesMayCostMore(target.model, target.provider.adapter, at)
        ? price(input)
        : plain;
    // An unpriced model reserves no cost: a pricing gap must not block anyone (token and request limits still hold).
    const costNano =
      plain === null && cached === null
        ? 0n
        : (plain ?? 0n) > (cached ?? 0n)
          ? (plain ?? 0n)
          : (cached ?? 0n);
    return { costNano, tokens: BigInt(input + estimate.maxOutputTokens), requests: 1n };
  }

  const book = new LeaseBook<Held>();
  const idOf = (key: CounterKey, keys: WindowKeys) =>
    `${key.budgetId}|${key.subjectId}|${keys.day}`;
  const leaseId = (held: Held) => idOf(held.key, held.keys);

  /** A counter's use net of the room this instance leased and has not handed out yet. */
  function netOfLeases(
    key: CounterKey,
    keys: WindowKeys,
    use: Record<'day' | 'month', WindowUse>
  ): Record<'day' | 'month', WindowUse> {
    const room = book.roomOf(idOf(key, keys));
    if (isZero(room)) return use;
    const net = (u: WindowUse): WindowUse => ({
      ...u,
      costNano: u.costNano - room.costNano,
      tokens: u.tokens - room.tokens,
      requests: u.requests - room.requests,
    });
    return { day: net(use.day), month: net(use.month) };
  }

  /**
   * Fires each threshold a window has reached that nobody fired yet in that window, lowest first.
   * `wall`: a refusal in that window and metric, which is 100 % of it whatever the counter shows;
   * the alert still reports the used amount the counter holds (as every other surface does).
   */
  async function alertIfCrossed(
    held: Held,
    known?: Record<'day' | 'month', WindowUse>,
    wall?: { window: 'day' | 'month'; metric: BudgetMetric }
  ) {
    const use = known ?? netOfLeases(held.key, held.keys, await counters.read(held.key, held.keys));
    for (const limits of held.limits) {
      const { percent, metric } =
        wall?.window === limits.window
          ? { percent: 100, metric: wall.metric }
          : fullness(use[limits.window], limits);
      for (const threshold of thresholdsOf(held.budget)) {
        if (threshold > percent) break;
        if (!(await counters.claimThreshold(held.key, limits.window, held.keys, threshold)))
          continue;
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
  const touched = new Map<string, Held>();
  let timer: NodeJS.Timeout | null = null;
  let settling: Promise<void> = Promise.resolve();

  const arm = () => {
    timer ??= setTimeout(() => void settle(false), SETTLE_MS);
  };

  function enqueue(held: Held, delta: Amount) {
    const id = leaseId(held);
    const entry = queue.get(id);
    if (entry) entry.delta = plus(entry.delta, delta);
    else queue.set(id, { held, delta });
    arm();
  }

  /**
   * What a call did not use becomes lease room: it is counted in the database either way, and as
   * room this instance can admit the next call from it. A call that used more than it reserved is
   * charged to the database.
   */
  function giveBack(held: Held, unused: Amount) {
    const id = leaseId(held);
    touched.set(id, held);
    if (unused.costNano >= 0n && unused.tokens >= 0n)
      book.credit(id, held, unused, Date.now(), true);
    else enqueue(held, minus(ZERO, unused));
    arm();
  }

  function settle(everything: boolean): Promise<void> {
    for (const { holder, room } of book.expire(
      Date.now(),
      everything ? 'all' : { idleMs: SETTLE_MS, maxAgeMs: LEASE_MAX_MS }
    ))
      enqueue(holder, minus(ZERO, room));
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = [...queue.values()];
    queue.clear();
    // Every counter that moved, once: through its lease or through the database.
    const check = new Map(touched);
    for (const { held } of batch) check.set(leaseId(held), held);
    touched.clear();
    settling = settling.then(async () => {
      try {
        if (batch.length > 0)
          await counters.adjustAll(
            batch.map(({ held, delta }) => ({ rowId: held.rowId, keys: held.keys, delta }))
          );
        for (const held of check.values()) await alertIfCrossed(held);
      } catch (error) {
        strapi.log.error(
          `llm: settling ${batch.length} budget reservation(s) failed; they stay at their worst case: ${(error as Error).message}`
        );
      }
    });
    if (book.size > 0) arm();
    return settling;
  }

  /**
   * Reserves `amount` on every counter in the database, folding in whatever room this instance's
   * leases on them still held. It first asks for a lease several calls wide; when the budget is too
   * tight or too close to its edge for that, for exactly this call. Returns the refused index or -1.
   */
  async function reserveInDatabase(
    held: Held[],
    amount: Amount,
    keys: WindowKeys
  ): Promise<number> {
    const ids = held.map(leaseId);
    const folded = ids.map((id) => book.detach(id));
    const width = leaseWidth(
      held.flatMap((h) => h.limits),
      amount
    );
    if (width >= 2n) {
      const grant = times(amount, width);
      const refused = await counters.tryReserveAll(
        held.map((h, i) => ({ rowId: h.rowId, limits: h.limits, amount: minus(grant, folded[i]) })),
        keys
      );
      if (refused < 0) {
        held.forEach((h, i) => book.credit(ids[i], h, minus(grant, amount), Date.now(), true));
        arm();
        return -1;
      }
    }
    const refused = await counters.tryReserveAll(
      held.map((h, i) => ({ rowId: h.rowId, limits: h.limits, amount: minus(amount, folded[i]) })),
      keys
    );
    // Refused: the statements rolled back, so the folded room is still ours.
    if (refused >= 0) held.forEach((h, i) => book.credit(ids[i], h, folded[i], Date.now(), true));
    return refused;
  }

  const gate: BudgetGate = {
    async reserve(target, context, estimate): Promise<Reservation> {
      const scopes = await applicable(context.userId);
      if (scopes.length === 0) return NO_RESERVATION;

      const now = deps.now();
      const timeZone = deps.timeZone();
      const keys = windowKeys(now, timeZone);
      const counted = scopes
        .map(({ budget, subjectId }) => ({
          key: { budgetId: budget.id, subjectId },
          budget,
          limits: windowsOf(budget),
          keys,
        }))
        .filter((h) => h.limits.length > 0);
      if (counted.length === 0) return NO_RESERVATION;
      const amount = worstCase(target, context, estimate(), now);

      const hold = async (): Promise<Held[]> => {
        const rowIds = await counters.ensureMany(
          counted.map((h) => h.key),
          keys
        );
        const held = counted.map((h, i) => ({ ...h, rowId: rowIds[i] }));
        // A lease on a counter row that was since recounted holds room the new row never gave: drop it.
        for (const h of held)
          if (book.holderOf(leaseId(h)) && book.holderOf(leaseId(h))!.rowId !== h.rowId)
            book.detach(leaseId(h));
        return held;
      };
      let held = await hold();
      let refusedAt = book.takeAll(held.map(leaseId), amount, Date.now())
        ? -1
        : await reserveInDatabase(held, amount, keys);
      if (refusedAt >= 0 && !(await counters.exists(held[refusedAt].rowId))) {
        // Recounted by another process since this one last looked: reserve on the reborn counters.
        counters.clearMemo();
        held = await hold();
        refusedAt = await reserveInDatabase(held, amount, keys);
      }
      if (refusedAt >= 0) {
        const refused = held[refusedAt];
        const use = netOfLeases(refused.key, keys, await counters.read(refused.key, keys));
        const { limits, metric } = passed(use, amount, refused.limits);
        await alertIfCrossed({ ...refused, limits: [limits] }, use, {
          window: limits.window,
          metric,
        }).catch((error) => strapi.log.warn(`llm: budget alert failed: ${error.message}`));
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
          fallbackConfigurationId:
            refused.budget.onExceed === 'fallback'
              ? (refused.budget.fallbackConfigurationId ?? undefined)
              : undefined,
        });
      }

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
          for (const h of held) giveBack(h, unused);
        },
        // A failed call costs nothing, but it was a request: the request stays counted.
        async release() {
          for (const h of held) giveBack(h, { ...amount, requests: 0n });
        },
      };
    },
  };

  return {
    gate,
    /** Resolves when every settlement queued so far is written (tests, shutdown). */
    settled: () => settle(true),
    invalidate() {
      budgets = null;
      roles.clear();
      counters.clearMemo();
    },
    /**
     * Recounts a budget (all budgets without an id) from the rollups: its counters are dropped and
     * reborn on next use. This instance's leases on them go too; another instance's lapse within a second.
     */
    async recount(budgetId?: number) {
      await settle(true);
      await counters.forget(budgetId);
    },
    applicable,
    /** Current use of several counters, as a reader outside this instance would see it once its leases are back. */
    async readMany(pairs: CounterKey[], keys: WindowKeys) {
      const uses = await counters.readMany(pairs, keys);
      for (const key of pairs) {
        const id = `${key.budgetId}|${key.subjectId}`;
        uses.set(id, netOfLeases(key, keys, uses.get(id)!));
      }
      return uses;
    },
  };
}

export type BudgetGateHandle = ReturnType<typeof createBudgetGate>;
