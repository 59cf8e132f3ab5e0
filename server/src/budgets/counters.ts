import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { UID } from '../../../content-types';
import type { WindowLimits } from './limits';

export interface CounterKey {
  budgetId: number;
  windowKey: string;
  subjectId: number;
}

export interface Amount {
  costNano: bigint;
  tokens: bigint;
}

// SQLite compares an integer with a bound *text* value as always smaller; bind numbers. Nano-USD
// stays exact as a JS number up to about $9 M, far above any budget the API accepts.
const num = (value: bigint) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`Budget amount ${value} is out of range`);
  return n;
};

/**
 * The budget counters table, touched only through single atomic statements: a conditional UPDATE
 * admits a reservation only if it keeps every limit, so concurrent calls — in one process or in
 * several instances sharing a database — can never push a counter past its limit.
 */
export function createCounters(strapi: Core.Strapi) {
  const knex = strapi.db.connection as unknown as Knex;
  const meta = strapi.db.metadata.get(UID.budgetCounter);
  const col = (attribute: string) => (meta.attributes[attribute] as { columnName: string }).columnName;
  const table = meta.tableName;
  const c = {
    budgetId: col('budgetId'),
    windowKey: col('windowKey'),
    subjectId: col('subjectId'),
    costNano: col('costNano'),
    tokens: col('tokens'),
    requests: col('requests'),
    alertedPercent: col('alertedPercent'),
  };
  const ensured = new Set<string>();

  const whereKey = (key: CounterKey) => ({ [c.budgetId]: key.budgetId, [c.windowKey]: key.windowKey, [c.subjectId]: key.subjectId });

  async function ensure(key: CounterKey) {
    const id = `${key.budgetId}|${key.windowKey}|${key.subjectId}`;
    if (ensured.has(id)) return;
    const now = new Date();
    await knex(table)
      .insert({
        ...whereKey(key),
        [c.costNano]: 0,
        [c.tokens]: 0,
        [c.requests]: 0,
        [c.alertedPercent]: 0,
        document_id: randomBytes(12).toString('hex'),
        created_at: now,
        updated_at: now,
        published_at: now,
      })
      .onConflict([c.budgetId, c.windowKey, c.subjectId])
      .ignore();
    if (ensured.size > 10_000) ensured.clear();
    ensured.add(id);
  }

  return {
    /** Adds the amount and one request if every limit still holds; false when one would be passed. */
    async tryReserve(key: CounterKey, amount: Amount, limits: WindowLimits): Promise<boolean> {
      await ensure(key);
      const query = knex(table)
        .where(whereKey(key))
        .update({
          [c.costNano]: knex.raw('?? + ?', [c.costNano, num(amount.costNano)]),
          [c.tokens]: knex.raw('?? + ?', [c.tokens, num(amount.tokens)]),
          [c.requests]: knex.raw('?? + 1', [c.requests]),
        });
      if (limits.cost !== null) query.andWhereRaw('?? + ? <= ?', [c.costNano, num(amount.costNano), num(limits.cost)]);
      if (limits.tokens !== null) query.andWhereRaw('?? + ? <= ?', [c.tokens, num(amount.tokens), num(limits.tokens)]);
      if (limits.requests !== null) query.andWhereRaw('?? + 1 <= ?', [c.requests, num(limits.requests)]);
      const changed = await query;
      return Number(changed) === 1;
    },

    /** Moves a counter by a signed amount (settling an estimate to the actual, or releasing it). */
    async adjust(key: CounterKey, delta: Amount & { requests?: bigint }) {
      await knex(table)
        .where(whereKey(key))
        .update({
          [c.costNano]: knex.raw('?? + ?', [c.costNano, num(delta.costNano)]),
          [c.tokens]: knex.raw('?? + ?', [c.tokens, num(delta.tokens)]),
          [c.requests]: knex.raw('?? + ?', [c.requests, num(delta.requests ?? 0n)]),
        });
    },

    async read(key: CounterKey): Promise<{ costNano: bigint; tokens: bigint; requests: bigint; alertedPercent: number }> {
      const row = await knex(table).where(whereKey(key)).first();
      if (!row) return { costNano: 0n, tokens: 0n, requests: 0n, alertedPercent: 0 };
      return {
        costNano: BigInt(row[c.costNano]),
        tokens: BigInt(row[c.tokens]),
        requests: BigInt(row[c.requests]),
        alertedPercent: Number(row[c.alertedPercent]),
      };
    },

    /** Claims a threshold for this window: true for exactly one caller, however many race for it. */
    async claimThreshold(key: CounterKey, percent: number): Promise<boolean> {
      const changed = await knex(table)
        .where(whereKey(key))
        .andWhere(c.alertedPercent, '<', percent)
        .update({ [c.alertedPercent]: percent });
      return Number(changed) === 1;
    },

    async readMany(budgetIds: number[], windowKeys: string[], subjectId: number) {
      if (budgetIds.length === 0) return [];
      const rows = await knex(table).whereIn(c.budgetId, budgetIds).whereIn(c.windowKey, windowKeys).andWhere(c.subjectId, subjectId);
      return rows.map((row: Record<string, any>) => ({
        budgetId: Number(row[c.budgetId]),
        windowKey: String(row[c.windowKey]),
        costNano: BigInt(row[c.costNano]),
        tokens: BigInt(row[c.tokens]),
        requests: BigInt(row[c.requests]),
      }));
    },
  };
}

export type Counters = ReturnType<typeof createCounters>;
