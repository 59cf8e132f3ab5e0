import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Amount } from './amount';
import { createCounterBirths } from './counter-births';
import { counterTable, num, WINDOWS, type CounterKey, type Period } from './counter-table';
import type { BudgetWindow, WindowLimits } from './limits';
import type { PeriodUse } from './use';

export type { CounterKey, Period } from './counter-table';

/** What one counter is asked to take, and the limits it must stay within. */
export interface Reservable {
  /** The counter row (from ensureMany): a row recounted since matches nothing, which the gate detects. */
  rowId: number;
  limits: WindowLimits[];
  amount: Amount;
}

class Refused extends Error {
  constructor(readonly index: number) {
    super('refused');
  }
}

/**
 * Budget counters: each row holds a budget's current day and current month for one subject, and is
 * changed only by single conditional statements. A reservation is one UPDATE that adds the call's
 * worst case and matches no row if any limit would be passed — atomic on SQLite, PostgreSQL and
 * MySQL alike, across processes sharing the database.
 *
 * One truth: a counter is born from the usage rollups (budgets/counter-births.ts), and from then on
 * every call the budget applies to is reserved and settled here, so the counter is the rollups
 * plus the calls in flight. Deleting a budget's rows (`forget`) recounts it from the rollups.
 */
export function createCounters(strapi: Core.Strapi) {
  const table = counterTable(strapi);
  const { knex, columns, current } = table;
  const births = createCounterBirths(strapi, table);

  /** `window + amount <= limit` for every limit set, as SQL on the row's current window. */
  function withinLimits(
    query: Knex.QueryBuilder,
    limits: WindowLimits[],
    amount: Amount,
    period: Period
  ) {
    for (const limit of limits) {
      const cols = columns[limit.window];
      const bounds = [
        [cols.cost, amount.costNano, limit.cost],
        [cols.tokens, amount.tokens, limit.tokens],
        [cols.requests, amount.requests, limit.requests],
      ] as const;
      for (const [column, add, bound] of bounds) {
        if (bound === null) continue;
        query.andWhereRaw('? + ? <= ?', [
          current(limit.window, column, period),
          num(add),
          num(bound),
        ]);
      }
    }
  }

  /** One conditional UPDATE: adds `amount` to the row's current windows, if every limit holds. */
  function reserveStatement(
    db: Knex | Knex.Transaction,
    { rowId, limits, amount }: Reservable,
    period: Period
  ) {
    const changes: Record<string, Knex.Raw | string | number> = {};
    for (const w of WINDOWS) {
      const cols = columns[w];
      changes[cols.cost] = knex.raw('? + ?', [current(w, cols.cost, period), num(amount.costNano)]);
      changes[cols.tokens] = knex.raw('? + ?', [
        current(w, cols.tokens, period),
        num(amount.tokens),
      ]);
      changes[cols.requests] = knex.raw('? + ?', [
        current(w, cols.requests, period),
        num(amount.requests),
      ]);
      changes[cols.alerted] = current(w, cols.alerted, period);
    }
    // Window keys last: MySQL evaluates SET left to right, and the lines above must see the old keys.
    for (const w of WINDOWS) changes[columns[w].key] = period[w];
    const query = db(table.name).where('id', rowId).update(changes);
    withinLimits(query, limits, amount, period);
    return query.then((changed) => Number(changed) === 1);
  }

  /** `column + delta` while the row holds the window the delta was reserved in; else unchanged. */
  const addInWindow = (w: BudgetWindow, column: string, period: Period, delta: bigint) =>
    knex.raw('CASE WHEN ?? = ? THEN ?? + ? ELSE ?? END', [
      columns[w].key,
      period[w],
      column,
      num(delta),
      column,
    ]);

  return {
    /**
     * Adds each entry's amount to its counter, on every counter or on none. Returns the index of the
     * first counter that would pass a limit, or -1. Several counters share one transaction, so a
     * refusal rolls the others back and the check costs one commit.
     */
    async reserveAll(entries: Reservable[], period: Period): Promise<number> {
      if (entries.length === 1) return (await reserveStatement(knex, entries[0], period)) ? -1 : 0;
      try {
        await knex.transaction(async (trx) => {
          for (const [index, entry] of entries.entries())
            if (!(await reserveStatement(trx, entry, period))) throw new Refused(index);
        });
        return -1;
      } catch (error) {
        if (error instanceof Refused) return error.index;
        throw error;
      }
    },

    /**
     * Creates or rolls over counters from the rollups where needed; returns their row ids. A recount
     * replaces a row, so a settlement meant for the old one can never land on the new.
     */
    ensureMany: births.ensureMany,

    /** Whether a counter row is still there (another process may have recounted its budget). */
    async exists(rowId: number) {
      return Boolean(await knex(table.name).where('id', rowId).first('id'));
    },

    /** Drops a budget's counters (its scope or activity changed): they are reborn from the rollups. */
    async forget(budgetId?: number) {
      if (budgetId === undefined) await knex(table.name).del();
      else await knex(table.name).where(table.budgetId, budgetId).del();
      births.forget();
    },

    /** Forgets which counters are known to exist (another process may have recounted them). */
    clearMemo: () => births.forget(),

    /**
     * Moves counters by signed amounts (estimate → actual), only within the windows they were
     * reserved in and only on the row they were reserved on (a recounted budget's new row already
     * started from the rollups).
     */
    async adjustAll(deltas: Array<{ rowId: number; period: Period; delta: Amount }>) {
      if (deltas.length === 0) return;
      await knex.transaction(async (trx) => {
        for (const { rowId, period, delta } of deltas) {
          const changes: Record<string, Knex.Raw> = {};
          for (const w of WINDOWS) {
            changes[columns[w].cost] = addInWindow(w, columns[w].cost, period, delta.costNano);
            changes[columns[w].tokens] = addInWindow(w, columns[w].tokens, period, delta.tokens);
            changes[columns[w].requests] = addInWindow(
              w,
              columns[w].requests,
              period,
              delta.requests
            );
          }
          await trx(table.name).where('id', rowId).update(changes);
        }
      });
    },

    /**
     * Current use of counters, in the order asked, each born from the rollups first if it had not
     * been yet. A counter recounted by another process since this one last looked is reborn.
     */
    async readMany(counters: CounterKey[], period: Period): Promise<PeriodUse[]> {
      if (counters.length === 0) return [];
      const load = async () => {
        await births.ensureMany(counters, period);
        return table.rowsOf(counters.map((counter) => counter.budgetId));
      };
      let rowOf = await load();
      const gone = counters.filter((counter) => !rowOf(counter));
      if (gone.length > 0) {
        for (const counter of gone) births.forget(counter, period);
        rowOf = await load();
      }
      return counters.map((counter) => table.useOf(rowOf(counter), period));
    },

    /** Claims a threshold in the current window: true for exactly one caller, however many race. */
    async claimThreshold(
      counter: CounterKey,
      window: BudgetWindow,
      period: Period,
      percent: number
    ) {
      const cols = columns[window];
      const changed = await knex(table.name)
        .where(table.whereCounter(counter))
        .andWhere(cols.key, period[window])
        .andWhere(cols.alerted, '<', percent)
        .update({ [cols.alerted]: percent });
      return Number(changed) === 1;
    },
  };
}

export type Counters = ReturnType<typeof createCounters>;
