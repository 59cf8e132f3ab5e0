import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UID } from '../content-types/schemas';
import { knexOf, tableOf } from '../db/tables';
import type { BudgetWindow } from './limits';
import { NO_USE, type PeriodUse, type WindowUse } from './use';

/** One counter row per budget and subject (the user, the API token, or 0 for the whole site). */
export interface CounterKey {
  budgetId: number;
  subjectId: number;
  /** The subject is an API token: the counter is born from the rollups' `apiToken` dimension. */
  apiToken?: boolean;
}

/** The counter of a budget for one subject. */
export const counterKeyOf = (
  budget: { id: number; scope: string },
  subjectId: number
): CounterKey =>
  budget.scope === 'apiToken'
    ? { budgetId: budget.id, subjectId, apiToken: true }
    : { budgetId: budget.id, subjectId };

/** The windows a call or a read falls in, as local calendar keys: { day: '2026-11-22', month: '2026-11' }. */
export type Period = Record<BudgetWindow, string>;

export const WINDOWS: BudgetWindow[] = ['day', 'month'];

export type CounterRow = Record<string, unknown> & { id: number };

// SQLite compares an integer with a bound *text* value as always smaller: bind numbers. Nano-USD
// stays exact as a JS number up to about $9 M, far above any budget the API accepts.
export const num = (value: bigint) => {
  const asNumber = Number(value);
  if (!Number.isSafeInteger(asNumber)) throw new Error(`Budget amount ${value} is out of range`);
  return asNumber;
};

/**
 * The budget-counter table for plain SQL: each row holds one budget's current day and current
 * month for one subject, in five columns per window (key, cost, tokens, requests, alerted).
 */
export function counterTable(strapi: Core.Strapi) {
  const knex = knexOf(strapi);
  const table = tableOf(strapi, UID.budgetCounter);
  const windowColumns = (w: BudgetWindow) => ({
    key: table.column(`${w}Key`),
    cost: table.column(`${w}CostNano`),
    tokens: table.column(`${w}Tokens`),
    requests: table.column(`${w}Requests`),
    alerted: table.column(`${w}Alerted`),
  });
  const columns = { day: windowColumns('day'), month: windowColumns('month') };
  const budgetId = table.column('budgetId');
  const subjectId = table.column('subjectId');

  const whereCounter = (counter: CounterKey) => ({
    [budgetId]: counter.budgetId,
    [subjectId]: counter.subjectId,
  });

  /** A window's value, or 0 when the row still holds an older window. */
  const current = (w: BudgetWindow, column: string, period: Period) =>
    knex.raw('(CASE WHEN ?? = ? THEN ?? ELSE 0 END)', [columns[w].key, period[w], column]);

  /** The row values that start window `w` of `period` at `use`. */
  const windowValues = (w: BudgetWindow, period: Period, use: WindowUse) => ({
    [columns[w].key]: period[w],
    [columns[w].cost]: num(use.costNano),
    [columns[w].tokens]: num(use.tokens),
    [columns[w].requests]: num(use.requests),
    [columns[w].alerted]: 0,
  });

  /** What a row holds for the current period (a window it has not reached yet reads as empty). */
  function useOf(row: CounterRow | undefined, period: Period): PeriodUse {
    const use = (w: BudgetWindow): WindowUse =>
      row && row[columns[w].key] === period[w]
        ? {
            costNano: BigInt(row[columns[w].cost] as number),
            tokens: BigInt(row[columns[w].tokens] as number),
            requests: BigInt(row[columns[w].requests] as number),
            alerted: Number(row[columns[w].alerted]),
          }
        : NO_USE;
    return { day: use('day'), month: use('month') };
  }

  /** Whether a row still holds an older window than `period` (or none yet). */
  const isBehind = (row: CounterRow, w: BudgetWindow, period: Period) =>
    row[columns[w].key] === null || (row[columns[w].key] as string) < period[w];

  /** The rows of these budgets, and a finder for one counter among them. */
  async function rowsOf(budgetIds: number[]) {
    const rows = (await knex(table.name).whereIn(budgetId, [
      ...new Set(budgetIds),
    ])) as CounterRow[];
    return (counter: CounterKey) =>
      rows.find(
        (row) =>
          Number(row[budgetId]) === counter.budgetId && Number(row[subjectId]) === counter.subjectId
      );
  }

  return {
    knex: knex as Knex,
    name: table.name,
    columns,
    budgetId,
    subjectId,
    whereCounter,
    current,
    windowValues,
    useOf,
    isBehind,
    rowsOf,
  };
}

export type CounterTable = ReturnType<typeof counterTable>;
