import type { Knex } from 'knex';
import type { Dialect } from './tables';

/** SQL that returns an aggregate as text, so bigint sums reach JavaScript exactly. */
export const sumAsText = (dialect: Dialect | string) => (sql: string) =>
  dialect === 'mysql' ? `CAST(${sql} AS CHAR)` : `CAST(${sql} AS TEXT)`;

/**
 * The SET part of an upsert that adds the incoming row's values to the stored ones (`increment`)
 * and takes the incoming value for the rest (`latest`): `ON CONFLICT … DO UPDATE` on SQLite and
 * PostgreSQL, `ON DUPLICATE KEY UPDATE` (VALUES()) on MySQL — for knex's `.onConflict().merge()`.
 */
export function mergeAdding(
  knex: Knex,
  dialect: Dialect,
  table: string,
  columns: { increment: string[]; latest: string[] }
): Record<string, Knex.Raw> {
  const mysql = dialect === 'mysql';
  return Object.fromEntries([
    ...columns.increment.map((name) => [
      name,
      mysql
        ? knex.raw('?? + VALUES(??)', [name, name])
        : knex.raw('??.?? + excluded.??', [table, name, name]),
    ]),
    ...columns.latest.map((name) => [
      name,
      mysql ? knex.raw('VALUES(??)', [name]) : knex.raw('excluded.??', [name]),
    ]),
  ]);
}
