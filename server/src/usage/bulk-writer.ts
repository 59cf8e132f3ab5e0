import type { Knex } from 'knex';
import type { PreparedBatch } from './bulk-rows';
import { ROLLUP_SUMS } from './metrics';
import type { UsageTables } from './store';
import { SYSTEM_COLUMNS } from '../db/tables';

const SQLITE_ROWS_PER_STATEMENT = 32;
/** MySQL's bound-parameter limit is 65535; stay well below it. */
const MYSQL_VALUES_PER_STATEMENT = 30_000;

/** The better-sqlite3 connection knex pools (only what the bulk path uses). */
interface SqliteConnection {
  prepare(sql: string): { run(values: unknown[]): unknown };
  transaction(work: () => void): () => void;
}
interface PooledClient {
  acquireConnection(): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection): void;
}

const quoted = (columns: string[], quote = '"') =>
  columns.map((c) => `${quote}${c}${quote}`).join(', ');
const placeholders = (count: number) => `(${new Array(count).fill('?').join(', ')})`;

/**
 * The seed's bulk path: generated demo events are new by construction (no duplicate check), and
 * the query builder costs more than the database for 100 k-row batches, so rows go in prebuilt
 * (usage/bulk-rows.ts) — SQLite through prepared multi-row statements in one native transaction,
 * PostgreSQL as one text array per column through unnest(), MySQL as multi-row INSERTs. Events and
 * their rollups are written in one transaction, as on every other path.
 */
export function createBulkWriter(tables: UsageTables) {
  const { knex, dialect, usage, rollup } = tables;

  /** Summary rows (rollups or daily combinations) a batch adds, with their table and identity. */
  type Summaries = Array<{
    table: string;
    conflict: string[];
    rows: Array<Record<string, unknown>>;
  }>;
  const sqliteValue = (v: unknown) =>
    v instanceof Date ? v.getTime() : typeof v === 'boolean' ? (v ? 1 : 0) : v;

  /** A prepared statement adding one summary row to its stored sums. */
  function sqliteUpsert(
    db: SqliteConnection,
    table: string,
    conflict: string[],
    columns: string[]
  ) {
    const sums = ROLLUP_SUMS.map(rollup.column);
    return db.prepare(
      `INSERT INTO "${table}" (${quoted(columns)}) VALUES ${placeholders(columns.length)} ` +
        `ON CONFLICT (${quoted(conflict)}) DO UPDATE SET ` +
        sums.map((c) => `"${c}" = "${c}" + excluded."${c}"`).join(', ')
    );
  }

  async function writeSqlite(batch: PreparedBatch, columns: string[], summaries: Summaries) {
    const head = `INSERT INTO "${usage.name}" (${quoted(columns)}) VALUES `;
    const tuple = placeholders(columns.length);
    const width = columns.length;
    const client = knex.client as unknown as PooledClient;
    const db = await client.acquireConnection();
    try {
      const many = db.prepare(head + new Array(SQLITE_ROWS_PER_STATEMENT).fill(tuple).join(', '));
      const one = db.prepare(head + tuple);
      const upserts = summaries
        .filter(({ rows }) => rows.length > 0)
        .map(({ table, conflict, rows }) => {
          const rowColumns = Object.keys(rows[0]);
          return { rows, rowColumns, statement: sqliteUpsert(db, table, conflict, rowColumns) };
        });
      const { values } = batch;
      db.transaction(() => {
        const step = SQLITE_ROWS_PER_STATEMENT * width;
        let i = 0;
        for (; i + step <= values.length; i += step) many.run(values.slice(i, i + step));
        for (; i < values.length; i += width) one.run(values.slice(i, i + width));
        for (const { rows, rowColumns, statement } of upserts)
          for (const row of rows) statement.run(rowColumns.map((c) => sqliteValue(row[c])));
      })();
    } finally {
      client.releaseConnection(db);
    }
  }

  let postgresTypes: Map<string, string> | null = null;

  async function writePostgres(batch: PreparedBatch, columns: string[], now: Date) {
    if (!postgresTypes) {
      const rows = await knex('information_schema.columns')
        .select('column_name', 'data_type')
        .where({ table_name: usage.name })
        .andWhereRaw('table_schema = current_schema()');
      postgresTypes = new Map(
        rows.map((r: { column_name: string; data_type: string }) => [r.column_name, r.data_type])
      );
    }
    const types = columns.map((c) => postgresTypes!.get(c) ?? 'text');
    const sql =
      `INSERT INTO "${usage.name}" (${quoted(columns)}) ` +
      `SELECT ${columns.map((_, i) => `c${i}::${types[i]}`).join(', ')} FROM unnest(${columns.map(() => '?::text[]').join(', ')}) AS u(${columns.map((_, i) => `c${i}`).join(', ')})`;
    await knex.transaction(async (trx) => {
      for (const chunk of batch.pgChunks) await trx.raw(sql, chunk);
      await upsertSummaries(trx, batch, now);
    });
  }

  async function writeMysql(batch: PreparedBatch, columns: string[], now: Date) {
    const head = `INSERT INTO \`${usage.name}\` (${quoted(columns, '`')}) VALUES `;
    const tuple = placeholders(columns.length);
    const step = Math.floor(MYSQL_VALUES_PER_STATEMENT / columns.length) * columns.length;
    await knex.transaction(async (trx) => {
      for (let i = 0; i < batch.values.length; i += step) {
        const values = batch.values.slice(i, i + step) as Array<string | number | boolean | null>;
        await trx.raw(
          head + new Array(values.length / columns.length).fill(tuple).join(', '),
          values
        );
      }
      await upsertSummaries(trx, batch, now);
    });
  }

  async function upsertSummaries(trx: Knex.Transaction, batch: PreparedBatch, now: Date) {
    await tables.upsertRollups(
      trx,
      batch.rollups.map((row) => tables.rollupRow(row, now))
    );
    await tables.upsertCube(trx, batch.cube, now);
  }

  return {
    /** Writes a batch built by prepareGenerated: events and their rollups in one transaction. */
    async writePrepared(batch: PreparedBatch): Promise<void> {
      if (batch.events === 0) return;
      const columns = [...SYSTEM_COLUMNS, ...batch.attributes.map(usage.column)];
      const now = new Date();
      if (dialect === 'sqlite')
        return writeSqlite(batch, columns, [
          {
            table: rollup.name,
            conflict: tables.conflictColumns,
            rows: batch.rollups.map((row) => tables.rollupRow(row, now)),
          },
          {
            table: tables.cube.name,
            conflict: tables.cubeConflictColumns,
            rows: batch.cube.map((row) => tables.cubeRow(row, now)),
          },
        ]);
      if (dialect === 'postgres') return writePostgres(batch, columns, now);
      return writeMysql(batch, columns, now);
    },
  };
}
