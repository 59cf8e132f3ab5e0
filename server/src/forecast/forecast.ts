import type { Core } from '@strapi/strapi';
import type { Budget } from '../../../shared/contracts/budgets';
import {
  FORECAST_METHOD,
  FORECAST_TRAILING_DAYS,
  type BudgetRunOut,
  type Forecast,
  type ForecastFigures,
} from '../../../shared/contracts/forecast';
import { windowKeys } from '../budgets/limits';
import { divRound, formatFemtoUsd, formatNanoUsd, parseUsd } from '../pricing/money';
import { EVERYONE } from '../usage/rollups';
import { getService } from '../utils/get-service';
import { monthBounds } from './days';
import { daysRead, project, runOut, type DailySpend, type Projection } from './method';
import { addSpend, dailySpend, tokenDailySpend } from './series';
import { membersOf, namesOf } from './subjects';

const nanoOf = (femto: bigint) => divRound(femto, 1_000_000n);

/** A projection as the API shows it: exact amounts so far, projections to the nano-dollar. */
const figures = (p: Projection): ForecastFigures => ({
  monthSoFar: formatFemtoUsd(p.monthSoFar),
  today: formatFemtoUsd(p.today),
  dailyRate: formatNanoUsd(nanoOf(p.rate)),
  projectedMonthEnd: formatNanoUsd(nanoOf(p.projected)),
});

interface Window {
  window: 'day' | 'month';
  used: bigint;
  limit: bigint;
}

/** The cost windows of a user or site budget as its counter reads them (the Budgets page's truth). */
const counterWindows = (budget: Budget): Window[] =>
  budget.usage
    .filter((u) => u.cost.limit !== null)
    .map((u) => ({
      window: u.window,
      used: parseUsd(u.cost.used)!,
      limit: parseUsd(u.cost.limit)!,
    }));

/** A role budget counts per member; its members' use is read from the same rollups. */
function rollupWindows(budget: Budget, spend: DailySpend, today: string): Window[] {
  const p = project(spend, today);
  const limits: Array<[Window['window'], string | null | undefined, bigint]> = [
    ['day', budget.dailyCost, p.today],
    ['month', budget.monthlyCost, p.monthSoFar],
  ];
  return limits
    .filter(([, limit]) => limit)
    .map(([window, limit, used]) => ({ window, used: nanoOf(used), limit: parseUsd(limit)! }));
}

interface RunOutContext {
  today: string;
  monthEnd: string;
  spendOf: (userId: number) => DailySpend;
  tokenSpendOf: (apiTokenId: number) => DailySpend;
  members: Map<number, number[]>;
  userName: (userId: number) => string;
}

/** Whom a budget's windows count for: the site, a user, an API token (no user), or each member of a role. */
function subjectsOf(budget: Budget, ctx: RunOutContext) {
  const { spendOf, today } = ctx;
  if (budget.scope === 'site')
    return [{ userId: null, series: spendOf(EVERYONE), windows: counterWindows(budget) }];
  if (budget.scope === 'apiToken')
    return [
      {
        userId: null,
        series: ctx.tokenSpendOf(budget.apiTokenId!),
        windows: counterWindows(budget),
      },
    ];
  if (budget.scope === 'user')
    return [
      { userId: budget.userId!, series: spendOf(budget.userId!), windows: counterWindows(budget) },
    ];
  return (ctx.members.get(budget.roleId!) ?? []).map((userId) => ({
    userId,
    series: spendOf(userId),
    windows: rollupWindows(budget, spendOf(userId), today),
  }));
}

/** Each budget's cost windows, each subject it counts for, with the day its limit is reached. */
function budgetRunOuts(budgets: Budget[], ctx: RunOutContext): BudgetRunOut[] {
  const { today, monthEnd } = ctx;
  const runOuts: BudgetRunOut[] = [];
  for (const budget of budgets) {
    const subjects = subjectsOf(budget, ctx);
    for (const { userId, series, windows } of subjects) {
      const p = project(series, today);
      for (const w of windows) {
        const result = runOut({
          used: w.used,
          limit: w.limit,
          rate: nanoOf(p.rate),
          todaySoFar: nanoOf(p.today),
          today,
          windowEnd: w.window === 'day' ? today : monthEnd,
        });
        runOuts.push({
          budgetId: budget.id,
          budgetName: budget.name,
          scope: budget.scope,
          userId,
          userName: userId === null ? null : ctx.userName(userId),
          window: w.window,
          used: formatNanoUsd(w.used),
          limit: formatNanoUsd(w.limit),
          projected: formatNanoUsd(result.projected),
          runsOutOn: result.runsOutOn,
        });
      }
    }
  }
  return runOuts;
}

/** Projected month ends and budget run-outs at `now` (shared/contracts/forecast.ts). */
export async function computeForecast(
  strapi: Core.Strapi,
  now: Date,
  timeZone: string
): Promise<Forecast> {
  const today = windowKeys(now, timeZone).day;
  const { last: monthEnd } = monthBounds(today);
  const budgets = (await getService(strapi, 'budget').list({ active: true })).filter(
    (b) => b.dailyCost || b.monthlyCost
  );
  const userIds = [...new Set(budgets.filter((b) => b.scope === 'user').map((b) => b.userId!))];
  const roleIds = [...new Set(budgets.filter((b) => b.scope === 'role').map((b) => b.roleId!))];
  const members = await membersOf(strapi, roleIds);
  const memberIds = [...new Set([...members.values()].flat())];
  const { from, to } = daysRead(today);
  const spend = await dailySpend(strapi, [EVERYONE, ...userIds, ...memberIds], from, to);
  const spendOf = (userId: number) => spend.get(userId) ?? new Map();
  const tokenIds = budgets.filter((b) => b.scope === 'apiToken').map((b) => b.apiTokenId!);
  const tokenSpend = await tokenDailySpend(strapi, tokenIds, from, to);
  const names = await namesOf(strapi, [...userIds, ...memberIds], roleIds);

  const site = project(spendOf(EVERYONE), today);
  const subject = (id: number, name: string, series: DailySpend) => ({
    id,
    name,
    ...figures(project(series, today)),
  });
  const runOuts = budgetRunOuts(budgets, {
    today,
    monthEnd,
    spendOf,
    tokenSpendOf: (id) => tokenSpend.get(id) ?? new Map(),
    members,
    userName: (id) => names.users.get(id) ?? `#${id}`,
  });
  const siteLimits = budgets
    .filter((b) => b.scope === 'site' && b.monthlyCost)
    .map((b) => parseUsd(b.monthlyCost)!)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    method: FORECAST_METHOD,
    trailingDays: FORECAST_TRAILING_DAYS,
    timeZone,
    today,
    monthEnd,
    daysLeft: site.daysLeft,
    site: figures(site),
    siteMonthlyLimit: siteLimits.length > 0 ? formatNanoUsd(siteLimits[0]) : null,
    users: userIds.map((id) => subject(id, names.users.get(id) ?? `#${id}`, spendOf(id))),
    roles: roleIds.map((id) =>
      subject(id, names.roles.get(id) ?? `#${id}`, addSpend((members.get(id) ?? []).map(spendOf)))
    ),
    budgets: runOuts,
  };
}
