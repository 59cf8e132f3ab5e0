import type { Core } from '@strapi/strapi';
import type { Overview, OverviewRanked } from '../../../shared/contracts/overview';
import { UID } from '../content-types/schemas';
import type { Aggregator, Group } from '../analytics/aggregate';
import { shiftDay, type ResolvedRange } from '../analytics/range';
import { byCostThenRequests, femtoOf, n, usd, ZERO_SUMS } from '../analytics/sums';
import { adminName, type NamedAdmin } from '../utils/admin-user';
import type { Metric } from '../usage/metrics';

const COST: Metric[] = ['costNano', 'costRemainderFemto', 'requests'];
const TOP = 3;

/** The local calendar days the Overview compares, from today's key ("2026-11-21"). */
export function overviewDays(today: string) {
  const monthStart = `${today.slice(0, 8)}01`;
  const lastMonthEnd = shiftDay(monthStart, -1);
  const lastMonthStart = `${lastMonthEnd.slice(0, 8)}01`;
  // Same days elapsed: the 1st through today's day of the month, cut at last month's last day.
  const comparedDays = Math.min(Number(today.slice(8, 10)), Number(lastMonthEnd.slice(8, 10)));
  const lastMonthToDate = `${lastMonthEnd.slice(0, 8)}${String(comparedDays).padStart(2, '0')}`;
  return { monthStart, lastMonthStart, lastMonthEnd, lastMonthToDate, comparedDays };
}

const days = (from: string, to: string, timeZone: string): ResolvedRange => ({
  key: 'month',
  from,
  to,
  bucket: 'day',
  timeZone,
  buckets: [],
});

/** The one group of an ungrouped query (none when there was no row at all). */
const only = (groups: Group[]) => groups[0]?.sums ?? ZERO_SUMS;

/** The most expensive few of one dimension, named; rows of blocked attempts only are left out. */
function top(groups: Group[], key: 'modelId' | 'userId', names: Map<number, string>) {
  return groups
    .filter((g) => Number(g[key]) > 0 && g.sums.requests > 0n)
    .map((g) => ({ id: Number(g[key]), femto: femtoOf(g.sums), requests: n(g.sums.requests), g }))
    .sort(byCostThenRequests)
    .slice(0, TOP)
    .map(({ id, requests, g }): OverviewRanked => ({
      id,
      name: names.get(id) ?? `#${id}`,
      cost: usd(g.sums),
      requests,
    }));
}

/** This month's, today's and last month's spend, and this month's top models and users (rollups). */
export async function spendFigures(
  strapi: Core.Strapi,
  aggregator: Aggregator,
  today: string,
  timeZone: string
) {
  const d = overviewDays(today);
  const month = days(d.monthStart, today, timeZone);
  const sum = (range: ResolvedRange) => aggregator.groupBy(range, [], { metrics: COST });
  const [thisMonth, todays, lastToDate, lastMonth, byModel, byUser] = await Promise.all([
    sum(month),
    sum(days(today, today, timeZone)),
    sum(days(d.lastMonthStart, d.lastMonthToDate, timeZone)),
    sum(days(d.lastMonthStart, d.lastMonthEnd, timeZone)),
    aggregator.groupBy(month, ['modelId'], { metrics: COST }),
    aggregator.groupBy(month, ['userId'], { metrics: COST }),
  ]);
  const ids = (groups: Group[], key: 'modelId' | 'userId') =>
    groups.map((g) => Number(g[key])).filter((id) => id > 0);
  const [models, users] = await Promise.all([
    strapi.db
      .query(UID.model)
      .findMany({ where: { id: { $in: ids(byModel, 'modelId') } }, select: ['id', 'displayName'] }),
    strapi.db.query('admin::user').findMany({
      where: { id: { $in: ids(byUser, 'userId') } },
      select: ['id', 'firstname', 'lastname', 'email'],
    }),
  ]);
  const modelNames = new Map<number, string>(
    models.map((m: { id: number; displayName: string }) => [m.id, m.displayName])
  );
  const userNames = new Map<number, string>(
    users.map((u: NamedAdmin & { id: number }) => [u.id, adminName(u)])
  );
  const spend: Overview['spend'] = {
    thisMonth: usd(only(thisMonth)),
    thisMonthRequests: n(only(thisMonth).requests),
    today: usd(only(todays)),
    lastMonthToDate: usd(only(lastToDate)),
    lastMonth: usd(only(lastMonth)),
    comparedDays: d.comparedDays,
    lastMonthKey: d.lastMonthStart.slice(0, 7),
  };
  return {
    spend,
    topModels: top(byModel, 'modelId', modelNames),
    topUsers: top(byUser, 'userId', userNames),
  };
}
