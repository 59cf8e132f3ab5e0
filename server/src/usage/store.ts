import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { UID } from '../../../content-types';
import type { UsageEvent } from './event';
import { prepareGenerated, storedValue, type PreparedBatch } from './bulk-rows';
import { foldIntoRollups, ROLLUP_SUMS, type RollupRow } from './rollups';

const documentId = () => randomBytes(12).toString('hex');

/**
 * Writes usage events and their daily rollups in one transaction. Idempotent by request id: events
 * already stored are skipped and add nothing to the rollups, so a replayed spool never double counts.
 */
export function createUsageStore(strapi: Core.Strapi) {
  const knex = strapi.db.connection as unknown as Knex;
  const dialect = strapi.db.dialect.client as 'sqlite' | 'postgres' | 'mysql';
  const usageMeta = strapi.db.metadata.get(UID.usage);
  const rollupMeta = strapi.db.metadata.get(UID.usageRollup);
  const column = (meta: typeof usageMeta, attribute: string): string => {
    const attr = meta.attributes[attribute] as { columnName?: string } | undefined;
    if (!attr?.columnName) throw new Error(`No column for ${meta.uid}.${attribute}`);
    return attr.columnName;
  };
  const columnCache = new Map<string, string>();
  const cached = (meta: typeof usageMeta, attribute: string) => {
    const key = `${meta.uid}.${attribute}`;
    let name = columnCache.get(key);
    if (name === undefined) {
      name = column(meta, attribute);
      columnCache.set(key, name);
    }
    return name;
  };
  const usageColumn = (attribute: string) => cached(usageMeta, attribute);
  const rollupColumn = (attribute: string) => cached(rollupMeta, attribute);

  const usageTable = usageMeta.tableName;
  const rollupTable = rollupMeta.tableName;
  const requestIdColumn = usageColumn('requestId');

  const increment = (attribute: string) => {
    const name = rollupColumn(attribute);
    return dialect === 'mysql'
      ? knex.raw('?? + VALUES(??)', [name, name])
      : knex.raw('??.?? + excluded.??', [rollupTable, name, name]);
  };
  const latest = (attribute: string) => {
    const name = rollupColumn(attribute);
    return dialect === 'mysql' ? knex.raw('VALUES(??)', [name]) : knex.raw('excluded.??', [name]);
  };
  const mergeSpec = Object.fromEntries([
    ...ROLLUP_SUMS.map((sum) => [rollupColumn(sum), increment(sum)]),
    [rollupColumn('updatedAt'), latest('updatedAt')],
  ]);
  const conflictColumns = ['dimension', 'userId', 'day', 'dimensionKey', 'seeded'].map(
    rollupColumn
  );

  function eventRow(event: UsageEvent, now: Date) {
    const row: Record<string, unknown> = {
      document_id: documentId(),
      created_at: now,
      updated_at: now,
      published_at: now,
    };
    for (const [attribute, value] of Object.entries(event))
      row[usageColumn(attribute)] = storedValue(attribute, value);
    return row;
  }

  function rollupRow(row: RollupRow, now: Date) {
    const out: Record<string, unknown> = {
      document_id: documentId(),
      created_at: now,
      updated_at: now,
      published_at: now,
      [rollupColumn('day')]: row.day,
      [rollupColumn('userId')]: row.userId,
      [rollupColumn('dimension')]: row.dimension,
      [rollupColumn('dimensionKey')]: row.dimensionKey,
      [rollupColumn('seeded')]: row.seeded,
    };
    for (const [attribute, value] of Object.entries(row.sums))
      out[rollupColumn(attribute)] = value.toString();
    return out;
  }

  // Keep statements well under every driver's bound-parameter limit (SQLite: 32766).
  const EVENTS_PER_INSERT = 200;

  /** Inserts events known to be new, and their rollups, inside `trx`. */
  async function insertNew(trx: Knex.Transaction, fresh: UsageEvent[], now: Date) {
    for (let i = 0; i < fresh.length; i += EVENTS_PER_INSERT) {
      await trx(usageTable).insert(
        fresh.slice(i, i + EVENTS_PER_INSERT).map((e) => eventRow(e, now))
      );
    }
    await upsertRollups(
      trx,
      foldIntoRollups(fresh).map((r) => rollupRow(r, now))
    );
  }

  async function upsertRollups(trx: Knex.Transaction, rollups: Array<Record<string, unknown>>) {
    for (let i = 0; i < rollups.length; i += EVENTS_PER_INSERT) {
      await trx(rollupTable)
        .insert(rollups.slice(i, i + EVENTS_PER_INSERT))
        .onConflict(conflictColumns)
        .merge(mergeSpec);
    }
  }

  const SQLITE_ROWS_PER_STATEMENT = 32;

  async function writePreparedSqlite(
    batch: PreparedBatch,
    columns: string[],
    rollups: Array<Record<string, unknown>>
  ) {
    const sqliteValue = (v: unknown) =>
      v instanceof Date ? v.getTime() : typeof v === 'boolean' ? (v ? 1 : 0) : v;
    const head = `INSERT INTO "${usageTable}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const width = columns.length;
    const db = await (knex.client as any).acquireConnection();
    try {
      const many = db.prepare(
        head + Array.from({ length: SQLITE_ROWS_PER_STATEMENT }, () => tuple).join(', ')
      );
      const one = db.prepare(head + tuple);
      const rollupColumns = rollups.length ? Object.keys(rollups[0]) : [];
      const sums = ROLLUP_SUMS.map(rollupColumn);
      const upsert = rollups.length
        ? db.prepare(
            `INSERT INTO "${rollupTable}" (${rollupColumns.map((c) => `"${c}"`).join(', ')}) VALUES (${rollupColumns.map(() => '?').join(', ')}) ` +
              `ON CONFLICT (${conflictColumns.map((c) => `"${c}"`).join(', ')}) DO UPDATE SET ` +
              sums.map((c) => `"${c}" = "${c}" + excluded."${c}"`).join(', ')
          )
        : null;
      const { values } = batch;
      // Events and their rollups in one transaction, as on every other path.
      db.transaction(() => {
        const step = SQLITE_ROWS_PER_STATEMENT * width;
        let i = 0;
        for (; i + step <= values.length; i += step) many.run(values.slice(i, i + step));
        for (; i < values.length; i += width) one.run(values.slice(i, i + width));
        for (const row of rollups) upsert!.run(rollupColumns.map((c) => sqliteValue(row[c])));
      })();
    } finally {
      (knex.client as any).releaseConnection(db);
    }
  }

  let postgresTypes: Map<string, string> | null = null;

  async function writePreparedPostgres(
    batch: PreparedBatch,
    columns: string[],
    rollups: Array<Record<string, unknown>>
  ) {
    if (!postgresTypes) {
      const rows = await knex('information_schema.columns')
        .select('column_name', 'data_type')
        .where({ table_name: usageTable })
        .andWhereRaw('table_schema = current_schema()');
      postgresTypes = new Map(
        rows.map((r: { column_name: string; data_type: string }) => [r.column_name, r.data_type])
      );
    }
    const types = columns.map((c) => postgresTypes!.get(c) ?? 'text');
    const sql =
      `INSERT INTO "${usageTable}" (${columns.map((c) => `"${c}"`).join(', ')}) ` +
      `SELECT ${columns.map((_, i) => `c${i}::${types[i]}`).join(', ')} FROM unnest(${columns.map(() => '?::text[]').join(', ')}) AS u(${columns.map((_, i) => `c${i}`).join(', ')})`;
    await knex.transaction(async (trx) => {
      for (const chunk of batch.pgChunks) await trx.raw(sql, chunk);
      await upsertRollups(trx, rollups);
    });
  }

  async function writePreparedMysql(
    batch: PreparedBatch,
    columns: string[],
    rollups: Array<Record<string, unknown>>
  ) {
    const head = `INSERT INTO \`${usageTable}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES `;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const perStatement = Math.floor(30_000 / columns.length);
    const step = perStatement * columns.length;
    await knex.transaction(async (trx) => {
      for (let i = 0; i < batch.values.length; i += step) {
        const values = batch.values.slice(i, i + step);
        await trx.raw(
          head + new Array(values.length / columns.length).fill(tuple).join(', '),
          values as any[]
        );
      }
      await upsertRollups(trx, rollups);
    });
  }

  /** Writes a batch built by prepareGenerated: events and their rollups in one transaction. */
  async function writePrepared(batch: PreparedBatch): Promise<void> {
    if (batch.events === 0) return;
    const columns = [
      'document_id',
      'created_at',
      'updated_at',
      'published_at',
      ...batch.attributes.map(usageColumn),
    ];
    const now = new Date();
    const rollups = batch.rollups.map((r) => rollupRow(r, now));
    if (dialect === 'sqlite') return writePreparedSqlite(batch, columns, rollups);
    if (dialect === 'postgres') return writePreparedPostgres(batch, columns, rollups);
    return writePreparedMysql(batch, columns, rollups);
  }

  return {
    /** Stores the events not yet stored; returns how many were new. */
    async writeBatch(events: UsageEvent[]): Promise<number> {
      if (events.length === 0) return 0;
      const now = new Date();
      return knex.transaction(async (trx) => {
        const ids = events.map((e) => e.requestId);
        const existing = new Set<string>();
        for (let i = 0; i < ids.length; i += 500) {
          const found = await trx(usageTable)
            .select(requestIdColumn)
            .whereIn(requestIdColumn, ids.slice(i, i + 500));
          for (const row of found) existing.add(row[requestIdColumn]);
        }
        const seen = new Set<string>();
        const fresh = events.filter(
          (e) => !existing.has(e.requestId) && !seen.has(e.requestId) && seen.add(e.requestId)
        );
        if (fresh.length > 0) await insertNew(trx, fresh, now);
        return fresh.length;
      });
    },

    /**
     * Bulk path for generated demo events, which are new by construction (no duplicate check). The
     * query builder costs more than the database for 100 k-row batches, so rows go in prebuilt
     * (usage/bulk-rows.ts): SQLite through prepared multi-row statements in one native transaction,
     * PostgreSQL as one text array per column through unnest(), MySQL as multi-row INSERTs.
     */
    writeGenerated: (events: UsageEvent[]) =>
      writePrepared(prepareGenerated(events, dialect, new Date())),
    writePrepared,
    dialect,

    /**
     * Deletes raw events that occurred before `cutoff`, `batchSize` at a time (ids first, then a
     * delete by id: portable, and no statement holds long locks). Rollups are not touched.
     */
    async pruneBefore(cutoff: Date, batchSize: number): Promise<number> {
      const occurredAt = usageColumn('occurredAt');
      let deleted = 0;
      for (;;) {
        const ids = (
          await knex(usageTable)
            .select('id')
            .where(occurredAt, '<', cutoff)
            .orderBy('id')
            .limit(batchSize)
        ).map((row: { id: number }) => row.id);
        if (ids.length === 0) return deleted;
        deleted += Number(await knex(usageTable).whereIn('id', ids).del());
      }
    },

    /** Removes demo usage (events and rollups marked seeded); real usage is never touched. */
    async deleteSeeded(): Promise<number> {
      const deleted = await knex(usageTable).where(usageColumn('seeded'), true).del();
      await knex(rollupTable).where(rollupColumn('seeded'), true).del();
      return Number(deleted);
    },
    tables: { usage: usageTable, rollup: rollupTable },
    column: { usage: usageColumn, rollup: rollupColumn },
  };
}

export type UsageStore = ReturnType<typeof createUsageStore>;
