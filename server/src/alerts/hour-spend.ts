import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import { sumAsText } from '../db/sql';
import { dialectOf, knexOf, tableOf } from '../db/tables';
import { toFemto } from '../pricing/money';

const HOUR_MS = 3_600_000;

/**
 * Exact spend (femto-USD) of raw usage events in each of `starts`' one-hour spans: one indexed range
 * read of `occurred_at` per span (a few hundred rows an hour on a busy site), bounded on both sides.
 */
export async function spendInHours(strapi: Core.Strapi, starts: Date[]): Promise<bigint[]> {
  const usage = tableOf(strapi, UID.usage);
  const col = usage.column;
  const knex = knexOf(strapi);
  const asText = sumAsText(dialectOf(strapi));
  const sums: bigint[] = [];
  // One after the other: each is a short index range, and SQLite has one connection anyway.
  for (const start of starts) {
    const [row] = (await knex(usage.name)
      .select(
        knex.raw(`${asText(`COALESCE(SUM(${col('costNano')}), 0)`)} AS nano`),
        knex.raw(`${asText(`COALESCE(SUM(${col('costRemainderFemto')}), 0)`)} AS femto`)
      )
      .where(col('occurredAt'), '>=', start)
      .andWhere(col('occurredAt'), '<', new Date(start.getTime() + HOUR_MS))) as Array<
      Record<string, string | number | null>
    >;
    sums.push(toFemto(BigInt(row?.nano ?? 0), BigInt(row?.femto ?? 0)));
  }
  return sums;
}
