import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { UID } from '../../../content-types';
import type { BudgetWindow, WindowLimits } from './limits';

/** One counter row per budget and subject (the user, or 0 for the whole site). */
export interface CounterKey {
  budgetId: number;
  subjectId: number;
}

/** The current windows, as local calendar keys: { day: '2026-11-22', month: '2026-11' }. */
export type WindowKeys = Record<BudgetWindow, string>;

/** An amount of budget: signed, so the same shape moves a counter up (reserve) or down (settle, return). */
export interface Amount {
  costNano: bigint;
  tokens: bigint;
  requests: bigint;
}

/** What one counter is asked to take, and the limits it must stay within. */
export interface Reservable {
  key: CounterKey;
  limits: WindowLimits[];
  amount: Amount;
}

export interface WindowUse {
  costNano: bigint;
  tokens: bigint;
  requests: bigint;
  alerted: number;
}

const ZERO: WindowUse = { costNano: 0n, tokens: 0n, requests: 0n, alerted: 0 };
const WINDOWS: BudgetWindow[] = ['day', 'month'];

// SQLite compares an integer with a bound *text* value as always smaller: bind numbers. Nano-USD
// stays exact as a JS number up to about $9 M, far above any budget the API accepts.
const num = (value: bigint) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`Budget amount ${value} is out of range`);
  return n;
};

/**
 * Budget counters: each row holds a budget's current day and current month for one subject, and is
 * changed only by single conditional statements. A reservation is one UPDATE that rolls a window
 * over when its key changed, adds the call's worst case, and matches no row if any limit would be
 * passed — atomic on SQLite, PostgreSQL and MySQL alike, across processes sharing the database.
 */
export function createCounters(strapi: Core.Strapi) {
  const knex = strapi.db.connection as unknown as Knex;
  const meta = strapi.db.metadata.get(UID.budgetCounter);
  const table = meta.tableName;
  const col = (attribute: string) => (meta.attributes[attribute] as { columnName: string }).columnName;
  const cols = (w: BudgetWindow) => ({
    key: col(`${w}Key`),
    cost: col(`${w}CostNano`),
    tokens: col(`${w}Tokens`),
    requests: col(`${w}Requests`),
    alerted: col(`${w}Alerted`),
  });
  const C = { day: cols('day'), month: cols('month') };
  const budgetIdCol = col('budgetId');
  const subjectIdCol = col('subjectId');
  const ensured = new Set<string>();

  const whereKey = (key: CounterKey) => ({ [budgetIdCol]: key.budgetId, [subjectIdCol]: key.subjectId });
  /** A window's value, or 0 when the row still holds an older window. */
  const current = (w: BudgetWindow, column: string, keys: WindowKeys) => knex.raw('(CASE WHEN ?? = ? THEN ?? ELSE 0 END)', [C[w].key, keys[w], column]);

  async function ensure(key: CounterKey) {
    const id = `${key.budgetId}|${key.subjectId}`;
    if (ensured.has(id)) return;
    const now = new Date();
    await knex(table)
      .insert({ ...whereKey(key), document_id: randomBytes(12).toString('hex'), created_at: now, updated_at: now, published_at: now })
      .onConflict([budgetIdCol, subjectIdCol])
      .ignore();
    if (ensured.size > 10_000) ensured.clear();
    ensured.add(id);
  }

  function reserveStatement(db: Knex | Knex.Transaction, { key, limits, amount }: Reservable, keys: WindowKeys) {
    const changes: Record<string, Knex.Raw | string | number> = {};
    for (const w of WINDOWS) {
      const c = C[w];
      changes[c.cost] = knex.raw('? + ?', [current(w, c.cost, keys), num(amount.costNano)]);
      changes[c.tokens] = knex.raw('? + ?', [current(w, c.tokens, keys), num(amount.tokens)]);
      changes[c.requests] = knex.raw('? + ?', [current(w, c.requests, keys), num(amount.requests)]);
      changes[c.alerted] = current(w, c.alerted, keys);
    }
    // Window keys last: MySQL evaluates SET left to right, and the lines above must see the old keys.
    for (const w of WINDOWS) changes[C[w].key] = keys[w];

    const query = db(table).where(whereKey(key)).update(changes);
    for (const l of limits) {
      const c = C[l.window];
      if (l.cost !== null) query.andWhereRaw('? + ? <= ?', [current(l.window, c.cost, keys), num(amount.costNano), num(l.cost)]);
      if (l.tokens !== null) query.andWhereRaw('? + ? <= ?', [current(l.window, c.tokens, keys), num(amount.tokens), num(l.tokens)]);
      if (l.requests !== null) query.andWhereRaw('? + ? <= ?', [current(l.window, c.requests, keys), num(amount.requests), num(l.requests)]);
    }
    return query.then((changed) => Number(changed) === 1);
  }

  class Refused extends Error {
    constructor(readonly index: number) {
      super('refused');
    }
  }

  function rowUse(row: Record<string, any> | undefined, keys: WindowKeys): Record<BudgetWindow, WindowUse> {
    const use = (w: BudgetWindow): WindowUse =>
      row && row[C[w].key] === keys[w]
        ? { costNano: BigInt(row[C[w].cost]), tokens: BigInt(row[C[w].tokens]), requests: BigInt(row[C[w].requests]), alerted: Number(row[C[w].alerted]) }
        : ZERO;
    return { day: use('day'), month: use('month') };
  }

  return {
    /**
     * Adds each entry's amount to its counter, on every counter or on none. Returns the index of the
     * first counter that would pass a limit, or -1. Several counters share one transaction, so a
     * refusal rolls the others back and the check costs one commit.
     */
    async tryReserveAll(entries: Reservable[], keys: WindowKeys): Promise<number> {
      for (const { key } of entries) await ensure(key);
      if (entries.length === 1) return (await reserveStatement(knex, entries[0], keys)) ? -1 : 0;
      try {
        await knex.transaction(async (trx) => {
          for (const [index, entry] of entries.entries()) {
            if (!(await reserveStatement(trx, entry, keys))) throw new Refused(index);
          }
        });
        return -1;
      } catch (error) {
        if (error instanceof Refused) return error.index;
        throw error;
      }
    },

    /** Moves counters by signed amounts (estimate → actual), only within the windows they were reserved in. */
    async adjustAll(deltas: Array<{ key: CounterKey; keys: WindowKeys; delta: Amount }>) {
      if (deltas.length === 0) return;
      await knex.transaction(async (trx) => {
        for (const { key, keys, delta } of deltas) {
          const changes: Record<string, Knex.Raw> = {};
          for (const w of WINDOWS) {
            const c = C[w];
            changes[c.cost] = knex.raw('CASE WHEN ?? = ? THEN ?? + ? ELSE ?? END', [c.key, keys[w], c.cost, num(delta.costNano), c.cost]);
            changes[c.tokens] = knex.raw('CASE WHEN ?? = ? THEN ?? + ? ELSE ?? END', [c.key, keys[w], c.tokens, num(delta.tokens), c.tokens]);
            changes[c.requests] = knex.raw('CASE WHEN ?? = ? THEN ?? + ? ELSE ?? END', [c.key, keys[w], c.requests, num(delta.requests), c.requests]);
          }
          await trx(table).where(whereKey(key)).update(changes);
        }
      });
    },

    async read(key: CounterKey, keys: WindowKeys) {
      return rowUse(await knex(table).where(whereKey(key)).first(), keys);
    },

    async readMany(pairs: CounterKey[], keys: WindowKeys): Promise<Map<string, Record<BudgetWindow, WindowUse>>> {
      const out = new Map<string, Record<BudgetWindow, WindowUse>>();
      if (pairs.length === 0) return out;
      const rows = await knex(table).whereIn(budgetIdCol, [...new Set(pairs.map((p) => p.budgetId))]);
      for (const p of pairs) {
        const row = rows.find((r: Record<string, any>) => Number(r[budgetIdCol]) === p.budgetId && Number(r[subjectIdCol]) === p.subjectId);
        out.set(`${p.budgetId}|${p.subjectId}`, rowUse(row, keys));
      }
      return out;
    },

    /** Claims a threshold in the current window: true for exactly one caller, however many race. */
    async claimThreshold(key: CounterKey, window: BudgetWindow, keys: WindowKeys, percent: number): Promise<boolean> {
      const c = C[window];
      const changed = await knex(table)
        .where(whereKey(key))
        .andWhere(c.key, keys[window])
        .andWhere(c.alerted, '<', percent)
        .update({ [c.alerted]: percent });
      return Number(changed) === 1;
    },
  };
}

export type Counters = ReturnType<typeof createCounters>;
