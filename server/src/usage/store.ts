import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UID } from '../content-types/schemas';
import { mergeAdding } from '../db/sql';
import { dialectOf, knexOf, systemValues, tableOf } from '../db/tables';
import { createBulkWriter } from './bulk-writer';
import { prepareGenerated, storedValue } from './bulk-rows';
import type { UsageEvent } from './event';
import { ROLLUP_SUMS } from './metrics';
import { foldIntoCube, type CubeRow } from './cube';
import { foldIntoRollups, type RollupRow } from './rollups';

// Keep statements well under every driver's bound-parameter limit (SQLite: 32766).
const ROWS_PER_INSERT = 200;

/** The usage and rollup tables, and how a rollup row is upserted into the second (store, bulk writer). */
export function usageTables(strapi: Core.Strapi) {
  const knex = knexOf(strapi);
  const dialect = dialectOf(strapi);
  const usage = tableOf(strapi, UID.usage);
  const rollup = tableOf(strapi, UID.usageRollup);
  /** A rollup's identity: one row per (dimension, user, day, member, seeded). */
  const conflictColumns = ['dimension', 'userId', 'day', 'dimensionKey', 'seeded'].map(
    rollup.column
  );
  const mergeSpec = mergeAdding(knex, dialect, rollup.name, {
    increment: ROLLUP_SUMS.map(rollup.column),
    latest: [rollup.column('updatedAt')],
  });

  function rollupRow(row: RollupRow, now: Date): Record<string, unknown> {
    const out: Record<string, unknown> = {
      ...systemValues(now),
      [rollup.column('day')]: row.day,
      [rollup.column('userId')]: row.userId,
      [rollup.column('dimension')]: row.dimension,
      [rollup.column('dimensionKey')]: row.dimensionKey,
      [rollup.column('seeded')]: row.seeded,
    };
    for (const [attribute, value] of Object.entries(row.sums))
      out[rollup.column(attribute)] = value.toString();
    return out;
  }

  /** Adds rollup rows to the stored ones inside `trx` (a row not there yet is inserted). */
  async function upsertRollups(trx: Knex.Transaction, rows: Array<Record<string, unknown>>) {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await trx(rollup.name)
        .insert(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflict(conflictColumns)
        .merge(mergeSpec);
    }
  }

  const cube = tableOf(strapi, UID.usageCube);
  /**
   * A combination's identity: one row per (combination, day, seeded). Not led by the day, so that
   * a filtered read narrows by its filter's index (column, day) rather than scanning every
   * combination of the period.
   */
  const cubeConflictColumns = ['combo', 'day', 'seeded'].map(cube.column);
  const cubeMerge = mergeAdding(knex, dialect, cube.name, {
    increment: ROLLUP_SUMS.map(cube.column),
    latest: [cube.column('updatedAt')],
  });

  function cubeRow(row: CubeRow, now: Date): Record<string, unknown> {
    const out: Record<string, unknown> = {
      ...systemValues(now),
      [cube.column('day')]: row.day,
      [cube.column('seeded')]: row.seeded,
      [cube.column('combo')]: row.combo,
    };
    for (const [attribute, value] of Object.entries(row.members))
      out[cube.column(attribute)] = value;
    for (const [attribute, value] of Object.entries(row.sums))
      out[cube.column(attribute)] = value.toString();
    return out;
  }

  /** Adds a batch's daily combinations to the stored ones inside `trx`. */
  async function upsertCube(trx: Knex.Transaction, rows: CubeRow[], now: Date) {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await trx(cube.name)
        .insert(rows.slice(i, i + ROWS_PER_INSERT).map((row) => cubeRow(row, now)))
        .onConflict(cubeConflictColumns)
        .merge(cubeMerge);
    }
  }

  return {
    knex,
    dialect,
    usage,
    rollup,
    cube,
    conflictColumns,
    cubeConflictColumns,
    rollupRow,
    cubeRow,
    upsertRollups,
    upsertCube,
  };
}

export type UsageTables = ReturnType<typeof usageTables>;

/**
 * Writes usage events and their daily rollups in one transaction. Idempotent by request id: events
 * already stored are skipped and add nothing to the rollups, so a replayed spool never double counts.
 */
export function createUsageStore(strapi: Core.Strapi) {
  const tables = usageTables(strapi);
  const { knex, dialect, usage, rollup } = tables;
  const requestIdColumn = usage.column('requestId');
  const bulk = createBulkWriter(tables);

  function eventRow(event: UsageEvent, now: Date) {
    const row: Record<string, unknown> = systemValues(now);
    for (const [attribute, value] of Object.entries(event))
      row[usage.column(attribute)] = storedValue(attribute, value);
    return row;
  }

  /** Inserts events known to be new, and their rollups, inside `trx`. */
  async function insertNew(trx: Knex.Transaction, fresh: UsageEvent[], now: Date) {
    for (let i = 0; i < fresh.length; i += ROWS_PER_INSERT) {
      await trx(usage.name).insert(
        fresh.slice(i, i + ROWS_PER_INSERT).map((event) => eventRow(event, now))
      );
    }
    await tables.upsertRollups(
      trx,
      foldIntoRollups(fresh).map((row) => tables.rollupRow(row, now))
    );
    await tables.upsertCube(trx, foldIntoCube(fresh), now);
  }

  /** The request ids among `ids` that are stored already. */
  async function storedIds(trx: Knex.Transaction, ids: string[]): Promise<Set<string>> {
    const existing = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const found = await trx(usage.name)
        .select(requestIdColumn)
        .whereIn(requestIdColumn, ids.slice(i, i + 500));
      for (const row of found) existing.add(row[requestIdColumn]);
    }
    return existing;
  }

  return {
    /** Stores the events not yet stored; returns how many were new. */
    async writeBatch(events: UsageEvent[]): Promise<number> {
      if (events.length === 0) return 0;
      const now = new Date();
      return knex.transaction(async (trx) => {
        const existing = await storedIds(
          trx,
          events.map((event) => event.requestId)
        );
        const seen = new Set<string>();
        const fresh = events.filter(
          (e) => !existing.has(e.requestId) && !seen.has(e.requestId) && seen.add(e.requestId)
        );
        if (fresh.length > 0) await insertNew(trx, fresh, now);
        return fresh.length;
      });
    },

    /** Bulk path for generated demo events, which are new by construction (usage/bulk-writer.ts). */
    writeGenerated: (events: UsageEvent[]) =>
      bulk.writePrepared(prepareGenerated(events, dialect, new Date())),
    writePrepared: bulk.writePrepared,
    dialect,

    /**
     * Deletes raw events that occurred before `cutoff`, `batchSize` at a time (ids first, then a
     * delete by id: portable, and no statement holds long locks). Rollups are not touched.
     */
    async pruneBefore(cutoff: Date, batchSize: number): Promise<number> {
      const occurredAt = usage.column('occurredAt');
      let deleted = 0;
      for (;;) {
        const ids = (
          await knex(usage.name)
            .select('id')
            .where(occurredAt, '<', cutoff)
            .orderBy('id')
            .limit(batchSize)
        ).map((row: { id: number }) => row.id);
        if (ids.length === 0) return deleted;
        deleted += Number(await knex(usage.name).whereIn('id', ids).del());
      }
    },

    /** Removes demo usage (events and rollups marked seeded); real usage is never touched. */
    async deleteSeeded(): Promise<number> {
      const deleted = await knex(usage.name).where(usage.column('seeded'), true).del();
      await knex(rollup.name).where(rollup.column('seeded'), true).del();
      await knex(tables.cube.name).where(tables.cube.column('seeded'), true).del();
      return Number(deleted);
    },
    tables: { usage: usage.name, rollup: rollup.name },
    column: { usage: usage.column, rollup: rollup.column },
  };
}

export type UsageStore = ReturnType<typeof createUsageStore>;
