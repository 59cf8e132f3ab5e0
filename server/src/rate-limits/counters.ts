import type { Core } from '@strapi/strapi';
import { UID } from '../content-types/schemas';
import { knexOf, systemValues, tableOf } from '../db/tables';

/** One counter row per rate limit and subject (the user, the API token or the configuration). */
export interface RateCounterKey {
  limitId: number;
  subjectId: number;
}

/** The limits one counter is checked against; null = no limit on that metric. */
export interface PerMinute {
  requests: number | null;
  tokens: number | null;
}

/** Fixed one-minute windows, keyed by the minute's number since the epoch. */
export const minuteOf = (at: Date) => Math.floor(at.getTime() / 60_000);

/** Seconds from `at` to the end of its minute (at least 1: `Retry-After: 0` invites a retry storm). */
export const secondsLeftIn = (minute: number, at: Date) =>
  Math.max(1, Math.ceil(((minute + 1) * 60_000 - at.getTime()) / 1000));

/**
 * Rate-limit counters: each row holds one limit's current minute for one subject and is changed only
 * by single conditional statements, so instances sharing the database never admit more than the
 * limit together. A row rolls over to a new minute in place (no old windows to clean up): every
 * value below reads as 0 while the row still holds an older minute.
 */
export function createRateCounters(strapi: Core.Strapi) {
  const knex = knexOf(strapi);
  const table = tableOf(strapi, UID.rateLimitCounter);
  const col = {
    limitId: table.column('limitId'),
    subjectId: table.column('subjectId'),
    minute: table.column('minute'),
    requests: table.column('requests'),
    tokens: table.column('tokens'),
  };
  const whereKey = (key: RateCounterKey) => ({
    [col.limitId]: key.limitId,
    [col.subjectId]: key.subjectId,
  });
  /**
   * A column's value in `minute`, or 0 while the row holds an older one. A row already in a later
   * minute (an instance whose clock runs ahead) counts as current: a clock behind never resets it.
   */
  const current = (column: string, minute: number) =>
    knex.raw('(CASE WHEN ?? >= ? THEN ?? ELSE 0 END)', [col.minute, minute, column]);

  /** One conditional UPDATE: counts a request in `minute` if both limits still hold. */
  async function take(key: RateCounterKey, limits: PerMinute, minute: number) {
    const query = knex(table.name)
      .where(whereKey(key))
      // Minute last: MySQL evaluates SET left to right, and the lines above must see the old one.
      .update({
        [col.requests]: knex.raw('? + 1', [current(col.requests, minute)]),
        [col.tokens]: current(col.tokens, minute),
        [col.minute]: knex.raw('(CASE WHEN ?? > ? THEN ?? ELSE ? END)', [
          col.minute,
          minute,
          col.minute,
          minute,
        ]),
      });
    if (limits.requests !== null)
      query.andWhereRaw('? + 1 <= ?', [current(col.requests, minute), limits.requests]);
    // Tokens are known only when a call ends: admit while the minute's tokens are below the limit.
    if (limits.tokens !== null)
      query.andWhereRaw('? < ?', [current(col.tokens, minute), limits.tokens]);
    return Number(await query) === 1;
  }

  return {
    /**
     * Counts one request for `key` in `minute`, or refuses (false) when a limit would be passed.
     * The first call of a subject inserts its row (if absent: instances may race) and tries again.
     */
    async admit(key: RateCounterKey, limits: PerMinute, minute: number): Promise<boolean> {
      if (await take(key, limits, minute)) return true;
      // No row changed: the limit is reached, or this subject has no row yet.
      if (await knex(table.name).where(whereKey(key)).first(col.limitId)) return false;
      await knex(table.name)
        .insert({
          ...whereKey(key),
          [col.minute]: minute,
          [col.requests]: 0,
          [col.tokens]: 0,
          ...systemValues(new Date()),
        })
        .onConflict([col.limitId, col.subjectId])
        .ignore();
      return take(key, limits, minute);
    },

    /** What a counter holds in `minute` (to tell which limit refused a call). */
    async read(key: RateCounterKey, minute: number): Promise<{ requests: number; tokens: number }> {
      const row = (await knex(table.name).where(whereKey(key)).first()) as
        Record<string, unknown> | undefined;
      if (!row || Number(row[col.minute]) !== minute) return { requests: 0, tokens: 0 };
      return { requests: Number(row[col.requests]), tokens: Number(row[col.tokens]) };
    },

    /** Gives a request back (a later control refused the call, or the provider failed it). */
    async giveBack(key: RateCounterKey, minute: number) {
      await knex(table.name)
        .where({ ...whereKey(key), [col.minute]: minute })
        .andWhere(col.requests, '>', 0)
        .decrement(col.requests, 1);
    },

    /** Adds a finished call's tokens to the minute it was admitted in (a later minute keeps none). */
    async addTokens(key: RateCounterKey, minute: number, tokens: number) {
      if (tokens <= 0) return;
      await knex(table.name)
        .where({ ...whereKey(key), [col.minute]: minute })
        .increment(col.tokens, tokens);
    },

    /** Drops a limit's counters (removed, or now for another subject), or every counter. */
    async forget(limitId?: number) {
      if (limitId === undefined) await knex(table.name).del();
      else await knex(table.name).where(col.limitId, limitId).del();
    },
  };
}

export type RateCounters = ReturnType<typeof createRateCounters>;
