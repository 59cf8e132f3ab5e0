import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import { sumAsText } from '../db/sql';
import { dialectOf, knexOf, tableOf } from '../db/tables';
import { toFemto } from '../pricing/money';
import { EVERYONE } from '../usage/rollups';
import type { DailySpend } from './method';

/**
 * Exact spend per local day of each rollup user (−1 = everyone) from `from` through `to`: one
 * GROUP BY on the `total` rows of the daily rollups (a few rows per user and day, at any volume).
 * Sums come back as text, so they stay exact.
 */
export const dailySpend = (strapi: Core.Strapi, userIds: number[], from: string, to: string) =>
  spendBy(strapi, userIds, { from, to, by: 'userId', dimension: 'total' });

/** The same per API token: everyone's rows of the `apiToken` dimension, one member per token. */
export const tokenDailySpend = (
  strapi: Core.Strapi,
  tokenIds: number[],
  from: string,
  to: string
) => spendBy(strapi, tokenIds, { from, to, by: 'dimensionKey', dimension: 'apiToken' });

async function spendBy(
  strapi: Core.Strapi,
  ids: number[],
  read: { from: string; to: string; by: 'userId' | 'dimensionKey'; dimension: string }
): Promise<Map<number, DailySpend>> {
  const out = new Map<number, DailySpend>(ids.map((id) => [id, new Map()]));
  if (ids.length === 0) return out;
  const rollups = tableOf(strapi, UID.usageRollup);
  const col = rollups.column;
  const knex = knexOf(strapi);
  const asText = sumAsText(dialectOf(strapi));
  const query = knex(rollups.name)
    .select(
      knex.raw(`${col(read.by)} AS u`),
      knex.raw(`${col('day')} AS d`),
      knex.raw(`${asText(`SUM(${col('costNano')})`)} AS nano`),
      knex.raw(`${asText(`SUM(${col('costRemainderFemto')})`)} AS femto`)
    )
    .where(col('dimension'), read.dimension)
    .andWhere(col('day'), '>=', read.from)
    .andWhere(col('day'), '<=', read.to);
  const members = [...new Set(ids)];
  if (read.by === 'userId') query.whereIn(col('userId'), members);
  else query.andWhere(col('userId'), EVERYONE).whereIn(col('dimensionKey'), members.map(String));
  const rows = (await query.groupBy(col(read.by), col('day'))) as Array<
    Record<string, string | number | null>
  >;
  for (const row of rows)
    out
      .get(Number(row.u))
      ?.set(String(row.d), toFemto(BigInt(row.nano ?? 0), BigInt(row.femto ?? 0)));
  return out;
}

/** Several subjects' spend added day by day (a role's members). */
export function addSpend(series: DailySpend[]): DailySpend {
  const total: DailySpend = new Map();
  for (const spend of series)
    for (const [day, femto] of spend) total.set(day, (total.get(day) ?? 0n) + femto);
  return total;
}
