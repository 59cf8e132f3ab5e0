import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import type { Budget, GetMyBudget, WindowUsage } from '../../../shared/contracts/budgets';
import { createAlerts } from '../budgets/alerts';
import { createBudgetGate, type BudgetGateHandle } from '../budgets/gate';
import {
  resetsOn,
  windowKeys,
  windowsOf,
  type BudgetRecord,
  type WindowLimits,
} from '../budgets/limits';
import { counterKeyOf } from '../budgets/counter-table';
import { applyingTo, fullestBars, type MonthlyBar } from '../budgets/monthly-bars';
import { checkReferences, countingOf, recordDataOf, subjectOf, toBudget } from '../budgets/records';
import { fullness, type ExactBudgetUse, type WindowUse } from '../budgets/use';
import { validateBudget } from '../controllers/validation/budget';
import type { BudgetGate } from '../gateway/budget-seam';
import { formatNanoUsd } from '../pricing/money';
import { priceCall } from '../pricing/price-sheet';
import { pluginConfig, securityConfig } from '../plugin-config';
import { getService } from '../utils/get-service';

const show = (value: bigint | null) => (value === null ? null : value.toString());

/**
 * `strapi.plugin('llm').service('budget')`: budgets (admin CRUD) and the gate every call passes
 * before its provider is called.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const now = (): Date => getService(strapi, 'clock').now();
  const timeZone = () => pluginConfig(strapi).timeZone;
  let handle: BudgetGateHandle | null = null;
  let override: BudgetGate | null = null;

  const gateHandle = () => {
    handle ??= createBudgetGate(strapi, {
      now,
      timeZone,
      price: (target, quantities, at) =>
        priceCall(target.model, target.provider.adapter, quantities, at),
      alerts: createAlerts(
        strapi,
        () => pluginConfig(strapi).alerts ?? {},
        () => securityConfig(strapi)
      ),
    });
    return handle;
  };

  function windowUsage(limits: WindowLimits, use: WindowUse, at: Date): WindowUsage {
    const period = windowKeys(at, timeZone());
    return {
      window: limits.window,
      windowKey: `${limits.window}:${period[limits.window]}`,
      resetsOn: resetsOn(limits.window, at, timeZone()),
      cost: {
        used: formatNanoUsd(use.costNano),
        limit: limits.cost === null ? null : formatNanoUsd(limits.cost),
      },
      tokens: { used: use.tokens.toString(), limit: show(limits.tokens) },
      requests: { used: use.requests.toString(), limit: show(limits.requests) },
      percent: fullness(use, limits).percent,
    };
  }

  /** Budgets, each for one subject (a user, an API token, or 0 for the site), with each window's exact use. */
  async function exactUse(
    scopes: Array<{ budget: BudgetRecord; subjectId: number }>,
    at: Date
  ): Promise<ExactBudgetUse[]> {
    const period = windowKeys(at, timeZone());
    const uses = await gateHandle().readMany(
      scopes.map(({ budget, subjectId }) => counterKeyOf(budget, subjectId)),
      period
    );
    return scopes.map(({ budget, subjectId }, i) => ({
      budget,
      name: budget.name,
      subjectId,
      windows: windowsOf(budget).map((limits) => ({ limits, use: uses[i][limits.window] })),
    }));
  }

  const usageOf = (exact: ExactBudgetUse, at: Date) =>
    exact.windows.map(({ limits, use }) => windowUsage(limits, use, at));

  /** A budget as the API returns it: user, site and API-token budgets with their counters' use. */
  async function withUsage(record: BudgetRecord): Promise<Budget> {
    if (record.scope === 'role') return toBudget(record, []);
    // One reading of the clock: the figures and the window they are labelled with agree at midnight.
    const at = now();
    const [exact] = await exactUse([{ budget: record, subjectId: subjectOf(record) }], at);
    return toBudget(record, usageOf(exact, at));
  }

  const flushUsage = () => getService(strapi, 'usage').flush() as Promise<void>;
  const findBudget = (id: number) =>
    strapi.db.query(UID.budget).findOne({ where: { id } }) as Promise<BudgetRecord | null>;

  return {
    /** The gate the gateway asks before every call. */
    gate: (): BudgetGate => override ?? gateHandle().gate,
    /** Replaces the gate (an app with its own policy); `null` restores the built-in one. */
    use(next: BudgetGate | null) {
      override = next;
    },
    /** Tests move time to cross day and month boundaries. */
    setClock(clock: (() => Date) | null) {
      getService(strapi, 'clock').set(clock);
    },

    /** Every budget with its exact use, or only those matching `where` (their use alone is computed). */
    async list(where: Record<string, unknown> = {}): Promise<Budget[]> {
      const records = (await strapi.db
        .query(UID.budget)
        .findMany({ where, orderBy: { id: 'asc' } })) as BudgetRecord[];
      const counted = records.filter((r) => r.scope !== 'role');
      const at = now();
      const exact = await exactUse(
        counted.map((budget) => ({ budget, subjectId: subjectOf(budget) })),
        at
      );
      const usage = new Map(exact.map((e) => [e.budget.id, usageOf(e, at)]));
      return records.map((r) => toBudget(r, usage.get(r.id) ?? []));
    },

    async create(body: unknown): Promise<Budget> {
      const input = await validateBudget(body);
      await checkReferences(strapi, input);
      const record = (await strapi.db
        .query(UID.budget)
        .create({ data: recordDataOf(input) })) as BudgetRecord;
      gateHandle().invalidate();
      // Its counters are born from the rollups: let the calls recorded so far reach them first.
      await flushUsage();
      return withUsage(record);
    },

    async update(id: number, body: unknown): Promise<Budget | null> {
      const input = await validateBudget(body);
      await checkReferences(strapi, input);
      const before = await findBudget(id);
      const record = (await strapi.db
        .query(UID.budget)
        .update({ where: { id }, data: recordDataOf(input) })) as BudgetRecord | null;
      gateHandle().invalidate();
      // A budget that now counts for someone else, or again after a pause, starts from what the rollups hold.
      if (before && record && countingOf(before) !== countingOf(record)) {
        await flushUsage();
        await gateHandle().recount(id);
      }
      return record ? withUsage(record) : null;
    },

    async remove(id: number): Promise<boolean> {
      const deleted = await strapi.db.query(UID.budget).delete({ where: { id } });
      gateHandle().invalidate();
      await gateHandle().recount(id);
      return Boolean(deleted);
    },

    /** The budgets that apply to a user, with exact use and limits (estimates compare against these). */
    exactForUser: async (userId: number) => exactUse(await gateHandle().applicable(userId), now()),

    /** The budgets that apply to a user, with what is left in each window (the admin banner). */
    async forUser(userId: number): Promise<GetMyBudget.Response['data']> {
      const at = now();
      return (await exactUse(await gateHandle().applicable(userId), at)).map((exact) => ({
        budgetId: exact.budget.id,
        name: exact.name,
        scope: exact.budget.scope,
        windows: usageOf(exact, at),
      }));
    },

    /**
     * The Analytics users table's bars: per user, the active monthly cost budget (their own or one
     * of their roles') that is fullest this month, read from the same counters as everything else.
     */
    async monthlyBars(
      users: Array<{ id: number; roleIds: number[] }>
    ): Promise<Map<number, MonthlyBar>> {
      const monthly = (await strapi.db.query(UID.budget).findMany({
        where: { active: true, monthlyCost: { $notNull: true }, scope: { $in: ['user', 'role'] } },
      })) as BudgetRecord[];
      if (monthly.length === 0 || users.length === 0) return new Map();
      const applying = applyingTo(users, monthly);
      const uses = await gateHandle().readMany(
        applying.map(({ user, budget }) => ({ budgetId: budget.id, subjectId: user })),
        windowKeys(now(), timeZone())
      );
      return fullestBars(applying, uses);
    },

    /** Recounts every budget from the rollups (after demo usage was written or removed). */
    recountAll: () => gateHandle().recount(),

    invalidate: () => handle?.invalidate(),
    /** Resolves when every queued settlement is written. */
    settled: async () => {
      if (handle) await handle.settled();
    },
  };
};
