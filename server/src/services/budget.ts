import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../../../content-types';
import type { UserRow } from '../../../shared/contracts/analytics';
import type {
  Budget,
  BudgetInput,
  GetMyBudget,
  WindowUsage,
} from '../../../shared/contracts/budgets';
import { createAlerts } from '../budgets/alerts';
import type { WindowUse } from '../budgets/counters';
import { createBudgetGate, fullness, type BudgetGateHandle } from '../budgets/gate';
import {
  resetsOn,
  windowKeys,
  windowsOf,
  type BudgetRecord,
  type WindowLimits,
} from '../budgets/limits';
import { validateBudget } from '../budgets/validate';
import type { BudgetGate } from '../gateway/budget-seam';
import { formatNanoUsd, parseUsd } from '../pricing/money';
import { priceCall } from '../pricing/price-sheet';
import { pluginConfig, securityConfig } from '../plugin-config';

/**
 * `strapi.plugin('llm').service('budget')`: budgets (admin CRUD) and the gate every call passes
 * before its provider is called.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const now = (): Date => strapi.plugin('llm').service('clock').now();
  let handle: BudgetGateHandle | null = null;
  let override: BudgetGate | null = null;

  const gateHandle = () => {
    handle ??= createBudgetGate(strapi, {
      now: () => now(),
      timeZone: () => pluginConfig(strapi).timeZone,
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
    const timeZone = pluginConfig(strapi).timeZone;
    const keys = windowKeys(at, timeZone);
    return {
      window: limits.window,
      windowKey: `${limits.window}:${keys[limits.window]}`,
      resetsOn: resetsOn(limits.window, at, timeZone),
      cost: {
        used: formatNanoUsd(use.costNano),
        limit: limits.cost === null ? null : formatNanoUsd(limits.cost),
      },
      tokens: { used: use.tokens.toString(), limit: limits.tokens?.toString() ?? null },
      requests: { used: use.requests.toString(), limit: limits.requests?.toString() ?? null },
      percent: fullness(use, limits).percent,
    };
  }

  /** Current window usage of budgets, each for one subject (a user, or 0 for the site). */
  async function usageOf(
    budgets: BudgetRecord[],
    subjectId: (b: BudgetRecord) => number
  ): Promise<Map<number, WindowUsage[]>> {
    const at = now();
    const keys = windowKeys(at, pluginConfig(strapi).timeZone);
    const uses = await gateHandle().readMany(
      budgets.map((b) => ({ budgetId: b.id, subjectId: subjectId(b) })),
      keys
    );
    const result = new Map<number, WindowUsage[]>();
    for (const b of budgets) {
      const use = uses.get(`${b.id}|${subjectId(b)}`)!;
      result.set(
        b.id,
        windowsOf(b).map((limits) => windowUsage(limits, use[limits.window], at))
      );
    }
    return result;
  }

  const toBudget = (record: BudgetRecord, usage: WindowUsage[]): Budget => ({
    id: record.id,
    name: record.name,
    scope: record.scope,
    userId: record.userId ?? null,
    roleId: record.roleId ?? null,
    dailyCost: record.dailyCost ?? null,
    monthlyCost: record.monthlyCost ?? null,
    dailyTokens:
      record.dailyTokens === null || record.dailyTokens === undefined
        ? null
        : Number(record.dailyTokens),
    monthlyTokens:
      record.monthlyTokens === null || record.monthlyTokens === undefined
        ? null
        : Number(record.monthlyTokens),
    dailyRequests: record.dailyRequests ?? null,
    monthlyRequests: record.monthlyRequests ?? null,
    alertThresholds: record.alertThresholds ?? [80, 100],
    onExceed: record.onExceed,
    fallbackConfigurationId: record.fallbackConfigurationId ?? null,
    active: record.active,
    usage,
  });

  async function checkReferences(input: BudgetInput) {
    if (
      input.scope === 'user' &&
      !(await strapi.db.query('admin::user').count({ where: { id: input.userId } }))
    ) {
      throw new errors.ValidationError(`No admin user ${input.userId}`);
    }
    if (
      input.scope === 'role' &&
      !(await strapi.db.query('admin::role').count({ where: { id: input.roleId } }))
    ) {
      throw new errors.ValidationError(`No admin role ${input.roleId}`);
    }
    if (
      input.fallbackConfigurationId &&
      !(await strapi.db
        .query(UID.configuration)
        .count({ where: { id: input.fallbackConfigurationId } }))
    ) {
      throw new errors.ValidationError(
        `No LLM configuration ${input.fallbackConfigurationId} to fall back to`
      );
    }
  }

  const dataOf = (input: BudgetInput) => ({
    ...input,
    dailyTokens:
      input.dailyTokens === null || input.dailyTokens === undefined
        ? null
        : String(input.dailyTokens),
    monthlyTokens:
      input.monthlyTokens === null || input.monthlyTokens === undefined
        ? null
        : String(input.monthlyTokens),
  });

  const flushUsage = () => strapi.plugin('llm').service('usage').flush() as Promise<void>;

  const subjectOf = (b: BudgetRecord) => (b.scope === 'user' ? (b.userId ?? 0) : 0);

  /** Who a budget counts for and whether it counts at all: when this changes, its counters are recounted. */
  const countingOf = (b: Pick<BudgetRecord, 'scope' | 'userId' | 'roleId' | 'active'>) =>
    `${b.scope}|${b.userId ?? ''}|${b.roleId ?? ''}|${b.active}`;

  return {
    /** The gate the gateway asks before every call. */
    gate: (): BudgetGate => override ?? gateHandle().gate,
    /** Replaces the gate (an app with its own policy); `null` restores the built-in one. */
    use(next: BudgetGate | null) {
      override = next;
    },
    /** Tests move time to cross day and month boundaries. */
    setClock(clock: (() => Date) | null) {
      strapi.plugin('llm').service('clock').set(clock);
    },

    async list(): Promise<Budget[]> {
      const records = (await strapi.db
        .query(UID.budget)
        .findMany({ orderBy: { id: 'asc' } })) as BudgetRecord[];
      const usage = await usageOf(
        records.filter((r) => r.scope !== 'role'),
        subjectOf
      );
      return records.map((r) => toBudget(r, usage.get(r.id) ?? []));
    },

    async create(body: unknown): Promise<Budget> {
      const input = validateBudget(body);
      await checkReferences(input);
      const record = (await strapi.db
        .query(UID.budget)
        .create({ data: dataOf(input) })) as BudgetRecord;
      gateHandle().invalidate();
      // Its counters are born from the rollups: let the calls recorded so far reach them first.
      await flushUsage();
      return toBudget(record, (await usageOf([record], subjectOf)).get(record.id) ?? []);
    },

    async update(id: number, body: unknown): Promise<Budget | null> {
      const input = validateBudget(body);
      await checkReferences(input);
      const before = (await strapi.db
        .query(UID.budget)
        .findOne({ where: { id } })) as BudgetRecord | null;
      const record = (await strapi.db
        .query(UID.budget)
        .update({ where: { id }, data: dataOf(input) })) as BudgetRecord | null;
      gateHandle().invalidate();
      // A budget that now counts for someone else, or again after a pause, starts from what the rollups hold.
      if (before && record && countingOf(before) !== countingOf(record)) {
        await flushUsage();
        await gateHandle().recount(id);
      }
      return record
        ? toBudget(record, (await usageOf([record], subjectOf)).get(record.id) ?? [])
        : null;
    },

    async remove(id: number): Promise<boolean> {
      const deleted = await strapi.db.query(UID.budget).delete({ where: { id } });
      gateHandle().invalidate();
      await gateHandle().recount(id);
      return Boolean(deleted);
    },

    /** The budgets that apply to a user, with what is left in each window (the admin banner). */
    async forUser(userId: number): Promise<GetMyBudget.Response['data']> {
      const scopes = await gateHandle().applicable(userId);
      const result: GetMyBudget.Response['data'] = [];
      for (const { budget, subjectId } of scopes) {
        const usage = await usageOf([budget], () => subjectId);
        result.push({
          budgetId: budget.id,
          name: budget.name,
          scope: budget.scope,
          windows: usage.get(budget.id) ?? [],
        });
      }
      return result;
    },

    /**
     * The Analytics users table's bars: per user, the active monthly cost budget (their own or one
     * of their roles') that is fullest this month, read from the same counters as everything else.
     */
    async monthlyBars(
      users: Array<{ id: number; roleIds: number[] }>
    ): Promise<Map<number, NonNullable<UserRow['budget']>>> {
      const bars = new Map<number, NonNullable<UserRow['budget']>>();
      const monthly = (await strapi.db.query(UID.budget).findMany({
        where: {
          active: true,
          monthlyCost: { $notNull: true },
          scope: { $in: ['user', 'role'] },
        },
      })) as BudgetRecord[];
      if (monthly.length === 0 || users.length === 0) return bars;
      const applying = users.flatMap((user) =>
        monthly
          .filter(
            (b) =>
              (b.scope === 'user' && b.userId === user.id) ||
              (b.scope === 'role' && b.roleId != null && user.roleIds.includes(b.roleId))
          )
          .map((budget) => ({ user: user.id, budget }))
      );
      const at = now();
      const keys = windowKeys(at, pluginConfig(strapi).timeZone);
      const uses = await gateHandle().readMany(
        applying.map(({ user, budget }) => ({ budgetId: budget.id, subjectId: user })),
        keys
      );
      for (const { user, budget } of applying) {
        const limit = parseUsd(budget.monthlyCost)!;
        const used = uses.get(`${budget.id}|${user}`)!.month.costNano;
        const percent = limit === 0n ? 100 : Number((used * 100n) / limit);
        const best = bars.get(user);
        if (
          best &&
          (best.percent > percent ||
            (best.percent === percent && parseUsd(best.limitUsd)! <= limit))
        )
          continue;
        bars.set(user, {
          monthCostUsd: formatNanoUsd(used),
          limitUsd: formatNanoUsd(limit),
          percent,
          name: budget.name,
        });
      }
      return bars;
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
