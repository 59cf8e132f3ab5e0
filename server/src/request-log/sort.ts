import type { Knex } from 'knex';
import type { LogOrder, LogSort } from '../../../shared/contracts/request-log';
import type { Table } from '../db/tables';
import type { Cursor } from './cursor';

type Row = Record<string, unknown>;

/**
 * What each sort orders by, as SQL, and the same value read from a row (for the next cursor).
 * Time is the indexed column itself. Cost, latency and tokens are expressions (no index serves
 * them: a full scan and sort of the period's rows) with "none" as −1, so unpriced calls and calls
 * without a latency come last in descending order and keyset comparisons never meet a NULL.
 */
export function sortKey(usage: Table, sort: LogSort) {
  const col = usage.column;
  switch (sort) {
    case 'time':
      return {
        sql: '??',
        bindings: [col('occurredAt')],
        toBinding: (value: number): unknown => new Date(value),
        valueOf: (row: Row) => new Date(row[col('occurredAt')] as string).getTime(),
      };
    case 'cost':
      return numeric(`COALESCE(??, -1)`, [col('costNano')], (row) => row[col('costNano')] ?? -1);
    case 'latency':
      return numeric(`COALESCE(??, -1)`, [col('latencyMs')], (row) => row[col('latencyMs')] ?? -1);
    case 'tokens':
      return numeric(
        `(COALESCE(??, 0) + COALESCE(??, 0))`,
        [col('inputTokens'), col('outputTokens')],
        (row) => Number(row[col('inputTokens')] ?? 0) + Number(row[col('outputTokens')] ?? 0)
      );
  }
}

const numeric = (sql: string, bindings: string[], read: (row: Row) => unknown) => ({
  sql,
  bindings,
  toBinding: (value: number): unknown => value,
  valueOf: (row: Row) => Number(read(row)),
});

/**
 * ORDER BY the sort key then id (ids break ties, so the order is total and pages never overlap),
 * and, after a cursor, only the rows past it. `key <= v AND (key < v OR id < i)` rather than the
 * OR alone: the first part is a range every database can scan an index for.
 */
export function applySort(
  qb: Knex.QueryBuilder,
  knex: Knex,
  usage: Table,
  sort: LogSort,
  order: LogOrder,
  cursor: Cursor | null
) {
  const key = sortKey(usage, sort);
  const id = usage.column('id');
  if (cursor) {
    const value = key.toBinding(cursor.value);
    const [outer, inner] = order === 'desc' ? ['<=', '<'] : ['>=', '>'];
    qb.whereRaw(`${key.sql} ${outer} ?`, [...key.bindings, value]).andWhere((past) =>
      past.whereRaw(`${key.sql} ${inner} ?`, [...key.bindings, value]).orWhere(id, inner, cursor.id)
    );
  }
  qb.orderByRaw(`${key.sql} ${order}, ?? ${order}`, [...key.bindings, id]);
  return key;
}
