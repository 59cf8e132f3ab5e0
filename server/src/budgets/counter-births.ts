import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UID } from '../content-types/schemas';
import { sumAsText } from '../db/sql';
import { dialectOf, systemValues, tableOf } from '../db/tables';
import { EVERYONE } from '../usage/rollups';
import {
  WINDOWS,
  type CounterKey,
  type CounterRow,
  type CounterTable,
  type Period,
} from './counter-table';
import type { PeriodUse } from './use';

/** The rollups' user id for a counter's subject: 0 is the site, which counts everyone. */
const rollupUser = (subjectId: number) => (subjectId === 0 ? EVERYONE : subjectId);

/** Which rollup figures a counter is born from: a user's (or everyone's) or an API token's. */
const subjectKey = (counter: CounterKey) => `${counter.apiToken ? 't' : 'u'}${counter.subjectId}`;

/** The memo key of a counter in a period. */
const memoKey = (counter: CounterKey, period: Period) =>
  `${counter.budgetId}|${counter.subjectId}|${period.day}|${period.month}`;

/**
 * Counter births: a counter is born from the usage rollups. When its row is created, and whenever
 * one of its windows starts, that window starts at what the rollups hold for the subject (the user,
 * everyone for a site budget, everyone's calls with that token for an API-token budget). Conditional statements only (insert-if-absent, roll-over-if-older),
 * so instances racing here agree, and a counter another instance already moved on is left alone.
 */
export function createCounterBirths(strapi: Core.Strapi, table: CounterTable) {
  const { knex } = table;
  const rollups = tableOf(strapi, UID.usageRollup);
  const asText = sumAsText(dialectOf(strapi));
  const col = rollups.column;
  /** Counters known to hold the current windows (memo key → row id): no query needed. */
  const known = new Map<string, number>();
  /** Births under way, by memo key: a burst of first calls waits on one, instead of each querying. */
  const births = new Map<string, Promise<void>>();

  /**
   * What the rollups hold for each subject in the current day and month: calls that reached a
   * provider (a refused attempt is no request), their input + output tokens and their whole
   * nano-USD cost, exactly as a reservation settles them. Users (and the site, as everyone) are
   * read from the `total` rows; API tokens from everyone's `apiToken` rows, one member per token.
   */
  async function fromRollups(
    counters: CounterKey[],
    period: Period
  ): Promise<Map<string, PeriodUse>> {
    const tokenIds = counters.filter((c) => c.apiToken).map((c) => String(c.subjectId));
    const userIds = counters.filter((c) => !c.apiToken).map((c) => rollupUser(c.subjectId));
    const [byUser, byToken] = await Promise.all([
      userIds.length === 0
        ? new Map()
        : sums('userId', period, (q) =>
            q.where(col('dimension'), 'total').whereIn(col('userId'), [...new Set(userIds)])
          ),
      tokenIds.length === 0
        ? new Map()
        : sums('dimensionKey', period, (q) =>
            q
              .where(col('dimension'), 'apiToken')
              .andWhere(col('userId'), EVERYONE)
              .whereIn(col('dimensionKey'), [...new Set(tokenIds)])
          ),
    ]);
    const big = (value: string | null | undefined) => BigInt(value ?? '0');
    return new Map(
      counters.map((counter) => {
        const row = counter.apiToken
          ? byToken.get(String(counter.subjectId))
          : byUser.get(String(rollupUser(counter.subjectId)));
        const use = (prefix: 'd' | 'm') => ({
          requests: big(row?.[`${prefix}r`]),
          tokens: big(row?.[`${prefix}t`]),
          costNano: big(row?.[`${prefix}c`]),
          alerted: 0,
        });
        return [subjectKey(counter), { day: use('d'), month: use('m') }];
      })
    );
  }

  /** The day and month sums of the rollup rows `where` picks, grouped by `by` (its value as text). */
  async function sums(
    by: string,
    period: Period,
    where: (q: Knex.QueryBuilder) => Knex.QueryBuilder
  ): Promise<Map<string, Record<string, string | null>>> {
    const tokens = `${col('inputTokens')} + ${col('outputTokens')}`;
    // A response-cache hit is a request in the rollups but never reached a provider: no budget request.
    const requests = `${col('requests')} - ${col('cacheHits')}`;
    const inDay = (column: string) =>
      asText(`SUM(CASE WHEN ${col('day')} = ? THEN ${column} ELSE 0 END)`);
    const inMonth = (column: string) => asText(`SUM(${column})`);
    const query = knex(rollups.name)
      .select(
        knex.raw(`${col(by)} AS s`),
        knex.raw(`${inDay(requests)} AS dr`, [period.day]),
        knex.raw(`${inDay(tokens)} AS dt`, [period.day]),
        knex.raw(`${inDay(col('costNano'))} AS dc`, [period.day]),
        knex.raw(`${inMonth(requests)} AS mr`),
        knex.raw(`${inMonth(tokens)} AS mt`),
        knex.raw(`${inMonth(col('costNano'))} AS mc`)
      )
      .where(col('day'), '>=', `${period.month}-01`)
      .andWhere(col('day'), '<=', `${period.month}-31`);
    const rows = (await where(query).groupBy(col(by))) as Array<Record<string, string | null>>;
    return new Map(rows.map((row) => [String(row.s), row]));
  }

  /** Creates or rolls over the counters not known to be current. */
  async function bear(unknown: CounterKey[], period: Period): Promise<void> {
    const budgetIds = unknown.map((counter) => counter.budgetId);
    let rowOf = await table.rowsOf(budgetIds);
    const stale = unknown.filter((counter) => {
      const row = rowOf(counter);
      return !row || WINDOWS.some((w) => table.isBehind(row, w, period));
    });
    if (stale.length > 0) {
      const base = await fromRollups(stale, period);
      for (const counter of stale)
        await startWindows(counter, rowOf(counter), base.get(subjectKey(counter))!, period);
      rowOf = await table.rowsOf(budgetIds);
    }
    if (known.size > 10_000) known.clear();
    for (const counter of unknown) {
      const row = rowOf(counter);
      if (row) known.set(memoKey(counter, period), Number(row.id));
    }
  }

  /** Inserts a counter if absent, or starts each window it holds an older one of. */
  async function startWindows(
    counter: CounterKey,
    row: CounterRow | undefined,
    use: PeriodUse,
    period: Period
  ) {
    if (!row) {
      await knex(table.name)
        .insert({
          ...table.whereCounter(counter),
          ...table.windowValues('day', period, use.day),
          ...table.windowValues('month', period, use.month),
          ...systemValues(new Date()),
        })
        .onConflict([table.budgetId, table.subjectId])
        .ignore();
      return;
    }
    for (const w of WINDOWS) {
      if (!table.isBehind(row, w, period)) continue;
      const key = table.columns[w].key;
      // Only while the row still holds an older window: keys are ISO dates, so text order is time order.
      await knex(table.name)
        .where(table.whereCounter(counter))
        .andWhere((q) => q.whereNull(key).orWhere(key, '<', period[w]))
        .update(table.windowValues(w, period, use[w]));
    }
  }

  /**
   * Makes sure each counter exists and holds the current windows, creating it or starting a window
   * from the rollups where needed; returns their row ids (-1 for one that could not be made).
   */
  async function ensureMany(counters: CounterKey[], period: Period): Promise<number[]> {
    const unknown = counters.filter((counter) => !known.has(memoKey(counter, period)));
    if (unknown.length > 0) {
      const waits = unknown
        .map((counter) => births.get(memoKey(counter, period)))
        .filter((birth): birth is Promise<void> => birth !== undefined);
      const fresh = unknown.filter((counter) => !births.has(memoKey(counter, period)));
      if (fresh.length > 0) {
        const birth = bear(fresh, period).finally(() => {
          for (const counter of fresh) births.delete(memoKey(counter, period));
        });
        for (const counter of fresh) births.set(memoKey(counter, period), birth);
        waits.push(birth);
      }
      await Promise.all(waits);
    }
    return counters.map((counter) => known.get(memoKey(counter, period)) ?? -1);
  }

  return {
    ensureMany,
    /** Forgets one counter (its row is gone), or all of them. */
    forget(counter?: CounterKey, period?: Period) {
      if (counter && period) known.delete(memoKey(counter, period));
      else known.clear();
    },
  };
}
