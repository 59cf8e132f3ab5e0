import type { Core } from '@strapi/strapi';
import type { DigestRanked, WeeklyDigest } from '../../../shared/contracts/alerts';
import { UID } from '../content-types/schemas';
import { sumAsText } from '../db/sql';
import { dialectOf, knexOf, tableOf } from '../db/tables';
import { addDays } from '../forecast/days';
import { divRound, formatFemtoUsd, toFemto } from '../pricing/money';
import { localHourStart } from '../time/day-key';
import { EVERYONE } from '../usage/rollups';
import { adminName, type NamedAdmin } from '../utils/admin-user';
import { alertsBetween } from './log';

const TOP = 5;

interface Group {
  key: string;
  femto: bigint;
  requests: bigint;
}

/** Sums of the rollups' cost and requests over local days, grouped by `by`, for one dimension. */
async function sums(
  strapi: Core.Strapi,
  where: { dimension: string; from: string; to: string; everyone: boolean },
  by: 'dimensionKey' | 'userId' | null
): Promise<Group[]> {
  const rollups = tableOf(strapi, UID.usageRollup);
  const col = rollups.column;
  const knex = knexOf(strapi);
  const asText = sumAsText(dialectOf(strapi));
  const query = knex(rollups.name)
    .select(
      knex.raw(`${by ? col(by) : "''"} AS k`),
      knex.raw(`${asText(`SUM(${col('costNano')})`)} AS nano`),
      knex.raw(`${asText(`SUM(${col('costRemainderFemto')})`)} AS femto`),
      knex.raw(`${asText(`SUM(${col('requests')})`)} AS requests`)
    )
    .where(col('dimension'), where.dimension)
    .andWhere(col('userId'), where.everyone ? '=' : '>=', where.everyone ? EVERYONE : 0)
    .andWhere(col('day'), '>=', where.from)
    .andWhere(col('day'), '<=', where.to);
  if (by) query.groupBy(col(by));
  const rows = (await query) as Array<Record<string, string | number | null>>;
  return rows.map((r) => ({
    key: String(r.k),
    femto: toFemto(BigInt(r.nano ?? 0), BigInt(r.femto ?? 0)),
    requests: BigInt(r.requests ?? 0),
  }));
}

/** The most expensive few, then most requests; "none" (id 0 model, or no row) left out for models. */
const ranked = (groups: Group[], names: Map<number, string>, keepZero: boolean): DigestRanked[] =>
  groups
    .filter((g) => (keepZero || Number(g.key) > 0) && (g.femto !== 0n || g.requests > 0n))
    .sort((a, b) =>
      b.femto > a.femto ? 1 : b.femto < a.femto ? -1 : Number(b.requests - a.requests)
    )
    .slice(0, TOP)
    .map((g) => ({
      id: Number(g.key),
      name: names.get(Number(g.key)) ?? (Number(g.key) === 0 ? 'System' : `#${g.key}`),
      cost: formatFemtoUsd(g.femto),
      requests: Number(g.requests),
    }));

/** The figures of the week `from`–`to` (local days, inclusive), every amount exact. */
export async function digestFigures(
  strapi: Core.Strapi,
  from: string,
  to: string,
  timeZone: string
): Promise<WeeklyDigest> {
  const everyone = { dimension: 'total', everyone: true };
  const [[week], [previous], models, users] = await Promise.all([
    sums(strapi, { ...everyone, from, to }, null),
    sums(strapi, { ...everyone, from: addDays(from, -7), to: addDays(to, -7) }, null),
    sums(strapi, { dimension: 'model', from, to, everyone: true }, 'dimensionKey'),
    sums(strapi, { dimension: 'total', from, to, everyone: false }, 'userId'),
  ]);
  const spend = week?.femto ?? 0n;
  const before = previous?.femto ?? 0n;
  const [modelRows, userRows] = await Promise.all([
    strapi.db.query(UID.model).findMany({
      where: { id: { $in: models.map((m) => Number(m.key)) } },
      select: ['id', 'displayName'],
    }) as Promise<Array<{ id: number; displayName: string }>>,
    strapi.db.query('admin::user').findMany({
      where: { id: { $in: users.map((u) => Number(u.key)) } },
      select: ['id', 'firstname', 'lastname', 'email'],
    }) as Promise<Array<NamedAdmin & { id: number }>>,
  ]);
  const since = localHourStart(from, 0, timeZone);
  const until = localHourStart(addDays(to, 1), 0, timeZone);
  return {
    timeZone,
    from,
    to,
    spend: formatFemtoUsd(spend),
    requests: Number(week?.requests ?? 0n),
    previousSpend: formatFemtoUsd(before),
    change: formatFemtoUsd(spend - before),
    changePercent: before === 0n ? null : Number(divRound((spend - before) * 1000n, before)) / 10,
    topModels: ranked(models, new Map(modelRows.map((m) => [m.id, m.displayName])), false),
    topUsers: ranked(users, new Map(userRows.map((u) => [u.id, adminName(u)])), true),
    alerts: await alertsBetween(strapi, since, until, ['spend.spike', 'budget.threshold']),
  };
}
