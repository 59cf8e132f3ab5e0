import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { UID } from '../../../content-types';
import { sumAsText } from '../analytics/aggregate';
import { EVERYONE } from '../usage/rollups';
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
  /** The counter row (from ensureMany): a row recounted since matches nothing, which the gate detects. */
  rowId: number;
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
 * changed only by single conditional statements. A reservation is one UPDATE that adds the call's
 * worst case and matches no row if any limit would be passed — atomic on SQLite, PostgreSQL and
 * MySQL alike, across processes sharing the database.
 *
 * One truth: a counter is born from the usage rollups. When a counter row is created, and whenever
 * one of its windows starts, that window starts at what the rollups already hold for the subject
 * (the user, or everyone for a site budget) — usage from before the budget existed, while it was
 * inactive, or before the user joined its role, and demo usage. From then on every call the budget
 * applies to is reserved and settled here, so the counter is the rollups plus the calls in flight.
 * Deleting a budget's rows (`forget`) recounts it from the rollups.
 */
export function createCounters(strapi: Core.Strapi) {
  const knex = strapi.db.connection as unknown as Knex;
  const meta = strapi.db.metadata.get(UID.budgetCounter);
  const table = meta.tableName;
  const col = (attribute: string) =>
    (meta.attributes[attribute] as { columnName: string }).columnName;
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
  /** Counters known to exist with the current windows (`budget|subject|day|month` → row id): no query needed. */
  const ensured = new Map<string, number>();

  const rollups = strapi.db.metadata.get(UID.usageRollup);
  const rcol = (attribute: string) =>
    (rollups.attributes[attribute] as { columnName: string }).columnName;
  const asText = sumAsText(strapi.db.dialect.client);

  const whereKey = (key: CounterKey) => ({
    [budgetIdCol]: key.budgetId,
    [subjectIdCol]: key.subjectId,
  });
  /** A window's value, or 0 when the row still holds an older window. */
  const current = (w: BudgetWindow, column: string, keys: WindowKeys) =>
    knex.raw('(CASE WHEN ?? = ? THEN ?? ELSE 0 END)', [C[w].key, keys[w], column]);
  const memoId = (key: CounterKey, keys: WindowKeys) =>
    `${key.budgetId}|${key.subjectId}|${keys.day}|${keys.month}`;
  /** The rollups' user id for a counter's subject: 0 is the site, which counts everyone. */
  const rollupUser = (subjectId: number) => (subjectId === 0 ? EVERYONE : subjectId);

  /**
   * What the rollups hold for each subject in the current day and month: calls that reached a
   * provider (a refused attempt is no request), their input + output tokens and their whole
   * nano-USD cost, exactly as a reservation settles them.
   */
  async function fromRollups(
    subjectIds: number[],
    keys: WindowKeys
  ): Promise<Map<number, Record<BudgetWindow, WindowUse>>> {
    const day = rcol('day');
    const inDay = (column: string) => asText(`SUM(CASE WHEN ${day} = ? THEN ${column} ELSE 0 END)`);
    const rows = await knex(rollups.tableName)
      .select(
        knex.raw(`${rcol('userId')} AS u`),
        knex.raw(`${inDay(rcol('requests'))} AS dr`, [keys.day]),
        knex.raw(`${inDay(`${rcol('inputTokens')} + ${rcol('outputTokens')}`)} AS dt`, [keys.day]),
        knex.raw(`${inDay(rcol('costNano'))} AS dc`, [keys.day]),
        knex.raw(`${asText(`SUM(${rcol('requests')})`)} AS mr`),
        knex.raw(`${asText(`SUM(${rcol('inputTokens')} + ${rcol('outputTokens')})`)} AS mt`),
        knex.raw(`${asText(`SUM(${rcol('costNano')})`)} AS mc`)
      )
      .where(rcol('dimension'), 'total')
      .whereIn(rcol('userId'), [...new Set(subjectIds.map(rollupUser))])
      .andWhere(day, '>=', `${keys.month}-01`)
      .andWhere(day, '<=', `${keys.month}-31`)
      .groupBy(rcol('userId'));
    const byUser = new Map<number, Record<string, string | null>>(
      rows.map((row: Record<string, any>) => [Number(row.u), row])
    );
    const big = (value: string | null | undefined) => BigInt(value ?? '0');
    return new Map(
      subjectIds.map((subjectId) => {
        const row = byUser.get(rollupUser(subjectId));
        return [
          subjectId,
          {
            day: {
              requests: big(row?.dr),
              tokens: big(row?.dt),
              costNano: big(row?.dc),
              alerted: 0,
            },
            month: {
              requests: big(row?.mr),
              tokens: big(row?.mt),
              costNano: big(row?.mc),
              alerted: 0,
            },
          },
        ];
      })
    );
  }

  const windowValues = (w: BudgetWindow, keys: WindowKeys, use: WindowUse) => ({
    [C[w].key]: keys[w],
    [C[w].cost]: num(use.costNano),
    [C[w].tokens]: num(use.tokens),
    [C[w].requests]: num(use.requests),
    [C[w].alerted]: 0,
  });

  /** Births under way, by memo id: a burst of first calls waits on one, instead of each querying. */
  const births = new Map<string, Promise<void>>();

  /**
   * Makes sure each counter exists and holds the current windows, creating it or starting a window
   * from the rollups where needed. Conditional statements only (insert-if-absent, roll-over-if-older),
   * so instances racing here agree, and a counter another instance already moved on is left alone.
   */
  async function ensureMany(pairs: CounterKey[], keys: WindowKeys): Promise<number[]> {
    const unknown = pairs.filter((key) => !ensured.has(memoId(key, keys)));
    if (unknown.length > 0) {
      const waits = unknown
        .map((key) => births.get(memoId(key, keys)))
        .filter((p): p is Promise<void> => p !== undefined);
      const fresh = unknown.filter((key) => !births.has(memoId(key, keys)));
      if (fresh.length > 0) {
        const birth = bear(fresh, keys).finally(() => {
          for (const key of fresh) births.delete(memoId(key, keys));
        });
        for (const key of fresh) births.set(memoId(key, keys), birth);
        waits.push(birth);
      }
      await Promise.all(waits);
    }
    return pairs.map((key) => ensured.get(memoId(key, keys)) ?? -1);
  }

  /** Creates or rolls over the counters not known to be current (see ensureMany). */
  async function bear(unknown: CounterKey[], keys: WindowKeys): Promise<void> {
    const budgetIds = [...new Set(unknown.map((p) => p.budgetId))];
    let rows = await knex(table).whereIn(budgetIdCol, budgetIds);
    const rowOf = (key: CounterKey) =>
      rows.find(
        (r: Record<string, any>) =>
          Number(r[budgetIdCol]) === key.budgetId && Number(r[subjectIdCol]) === key.subjectId
      );
    const behind = (row: Record<string, any>, w: BudgetWindow) =>
      row[C[w].key] === null || row[C[w].key] < keys[w];
    const stale = unknown.filter((key) => {
      const row = rowOf(key);
      return !row || behind(row, 'day') || behind(row, 'month');
    });
    if (stale.length > 0) {
      const base = await fromRollups(
        stale.map((k) => k.subjectId),
        keys
      );
      const now = new Date();
      for (const key of stale) {
        const use = base.get(key.subjectId)!;
        const row = rowOf(key);
        if (!row) {
          await knex(table)
            .insert({
              ...whereKey(key),
              ...windowValues('day', keys, use.day),
              ...windowValues('month', keys, use.month),
              document_id: randomBytes(12).toString('hex'),
              created_at: now,
              updated_at: now,
              published_at: now,
            })
            .onConflict([budgetIdCol, subjectIdCol])
            .ignore();
          continue;
        }
        for (const w of WINDOWS) {
          if (!behind(row, w)) continue;
          // Only while the row still holds an older window: keys are ISO dates, so text order is time order.
          await knex(table)
            .where(whereKey(key))
            .andWhere((q) => q.whereNull(C[w].key).orWhere(C[w].key, '<', keys[w]))
            .update(windowValues(w, keys, use[w]));
        }
      }
      rows = await knex(table).whereIn(budgetIdCol, budgetIds);
    }
    if (ensured.size > 10_000) ensured.clear();
    for (const key of unknown) {
      const row = rowOf(key);
      if (row) ensured.set(memoId(key, keys), Number(row.id));
    }
  }

  function reserveStatement(
    db: Knex | Knex.Transaction,
    { rowId, limits, amount }: Reservable,
    keys: WindowKeys
  ) {
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

    const query = db(table).where('id', rowId).update(changes);
    for (const l of limits) {
      const c = C[l.window];
      if (l.cost !== null)
        query.andWhereRaw('? + ? <= ?', [
          current(l.window, c.cost, keys),
          num(amount.costNano),
          num(l.cost),
        ]);
      if (l.tokens !== null)
        query.andWhereRaw('? + ? <= ?', [
          current(l.window, c.tokens, keys),
          num(amount.tokens),
          num(l.tokens),
        ]);
      if (l.requests !== null)
        query.andWhereRaw('? + ? <= ?', [
          current(l.window, c.requests, keys),
          num(amount.requests),
          num(l.requests),
        ]);
    }
    return query.then((changed) => Number(changed) === 1);
  }

  class Refused extends Error {
    constructor(readonly index: number) {
      super('refused');
    }
  }

  function rowUse(
    row: Record<string, any> | undefined,
    keys: WindowKeys
  ): Record<BudgetWindow, WindowUse> {
    const use = (w: BudgetWindow): WindowUse =>
      row && row[C[w].key] === keys[w]
        ? {
            costNano: BigInt(row[C[w].cost]),
            tokens: BigInt(row[C[w].tokens]),
            requests: BigInt(row[C[w].requests]),
            alerted: Number(row[C[w].alerted]),
          }
        : ZERO;
    return { day: use('day'), month: use('month') };
  }

  /** One attempt at reserving every entry (see tryReserveAll). */
  async function reserveOnce(entries: Reservable[], keys: WindowKeys): Promise<number> {
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
  }

  return {
    /**
     * Adds each entry's amount to its counter, on every counter or on none. Returns the index of the
     * first counter that would pass a limit, or -1. Several counters share one transaction, so a
     * refusal rolls the others back and the check costs one commit.
     */
    async tryReserveAll(entries: Reservable[], keys: WindowKeys): Promise<number> {
      return reserveOnce(entries, keys);
    },

    /**
     * Creates or rolls over counters from the rollups where needed (see above); returns their row
     * ids. A recount replaces a row, so a settlement meant for the old one can never land on the new.
     */
    ensureMany,

    /** Whether a counter row is still there (another process may have recounted its budget). */
    async exists(rowId: number) {
      return Boolean(await knex(table).where('id', rowId).first('id'));
    },

    /** Drops a budget's counters (its scope or activity changed): they are reborn from the rollups. */
    async forget(budgetId?: number) {
      if (budgetId === undefined) await knex(table).del();
      else await knex(table).where(budgetIdCol, budgetId).del();
      ensured.clear();
    },

    /** Forgets which counters are known to exist (another process may have recounted them). */
    clearMemo: () => ensured.clear(),

    /**
     * Moves counters by signed amounts (estimate → actual), only within the windows they were
     * reserved in and only on the row they were reserved on (a recounted budget's new row already
     * started from the rollups).
     */
    async adjustAll(deltas: Array<{ rowId: number; keys: WindowKeys; delta: Amount }>) {
      if (deltas.length === 0) return;
      await knex.transaction(async (trx) => {
        for (const { rowId, keys, delta } of deltas) {
          const changes: Record<string, Knex.Raw> = {};
          for (const w of WINDOWS) {
            const c = C[w];
            changes[c.cost] = knex.raw('CASE WHEN ?? = ? THEN ?? + ? ELSE ?? END', [
              c.key,
              keys[w],
              c.cost,
              num(delta.costNano),
              c.cost,
            ]);
            changes[c.tokens] = knex.raw('CASE WHEN ?? = ? THEN ?? + ? ELSE ?? END', [
              c.key,
              keys[w],
              c.tokens,
              num(delta.tokens),
              c.tokens,
            ]);
            changes[c.requests] = knex.raw('CASE WHEN ?? = ? THEN ?? + ? ELSE ?? END', [
              c.key,
              keys[w],
              c.requests,
              num(delta.requests),
              c.requests,
            ]);
          }
          await trx(table).where('id', rowId).update(changes);
        }
      });
    },

    async read(key: CounterKey, keys: WindowKeys) {
      return (await this.readMany([key], keys)).get(`${key.budgetId}|${key.subjectId}`)!;
    },

    /** Current use of counters, each born from the rollups first if it had not been yet. */
    async readMany(
      pairs: CounterKey[],
      keys: WindowKeys
    ): Promise<Map<string, Record<BudgetWindow, WindowUse>>> {
      const out = new Map<string, Record<BudgetWindow, WindowUse>>();
      if (pairs.length === 0) return out;
      const load = async () => {
        await ensureMany(pairs, keys);
        return knex(table).whereIn(budgetIdCol, [...new Set(pairs.map((p) => p.budgetId))]);
      };
      const rowOf = (rows: Array<Record<string, any>>, p: CounterKey) =>
        rows.find(
          (r) => Number(r[budgetIdCol]) === p.budgetId && Number(r[subjectIdCol]) === p.subjectId
        );
      let rows = await load();
      const gone = pairs.filter((p) => !rowOf(rows, p));
      if (gone.length > 0) {
        // Recounted by another process since this one last looked: bring them back from the rollups.
        for (const p of gone) ensured.delete(memoId(p, keys));
        rows = await load();
      }
      for (const p of pairs) out.set(`${p.budgetId}|${p.subjectId}`, rowUse(rowOf(rows, p), keys));
      return out;
    },

    /** Claims a threshold in the current window: true for exactly one caller, however many race. */
    async claimThreshold(
      key: CounterKey,
      window: BudgetWindow,
      keys: WindowKeys,
      percent: number
    ): Promise<boolean> {
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
