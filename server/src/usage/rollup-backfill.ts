import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { UID } from '../content-types/schemas';
import type { UsageEvent } from './event';
import { foldIntoCube } from './cube';
import { foldIntoRollups } from './rollups';
import { usageTables, type UsageTables } from './store';

/**
 * Issue 18 added summaries: the apiToken, errorCode and tag rollup dimensions, and the daily
 * combinations (usage/cube.ts) filtered views read. Usage written before the upgrade has none of
 * them, so a filtered view or those breakdowns would miss it. Each backfill rebuilds exactly its
 * rows from the raw events still kept (events pruned by retention are gone: their days cannot be
 * filtered, and show only in unfiltered figures).
 *
 * Which events: those stored before this code first started, i.e. ids up to the highest id seen
 * then (recorded before the usage writer starts: every later event is written with the new rows).
 * Each page's rows and its progress are committed in one transaction, so a restart resumes where it
 * stopped and a page is never counted twice.
 */
const PAGE = 2_000;

/** What one backfill adds for a page of events, inside the page's transaction. */
type Rebuild = (
  tables: UsageTables,
  trx: Knex.Transaction,
  events: UsageEvent[],
  now: Date
) => Promise<void>;

/** The rollup rows the pre-upgrade writer did not write. */
const isNewRow = (dimension: string) => ['apiToken', 'errorCode', 'tag'].includes(dimension);

/** Each backfill: its progress key in the core store, and what it rebuilds. */
export const BACKFILLS: Record<string, Rebuild> = {
  'plugin_llm_rollup-backfill-18': (tables, trx, events, now) =>
    tables.upsertRollups(
      trx,
      foldIntoRollups(events)
        .filter((row) => isNewRow(row.dimension))
        .map((row) => tables.rollupRow(row, now))
    ),
  'plugin_llm_cube-backfill-18': (tables, trx, events, now) =>
    tables.upsertCube(trx, foldIntoCube(events), now),
};

interface Progress {
  /** The highest event id written without the new rows. */
  cutoff: number;
  /** Events up to this id are done. */
  done: number;
}

export function createRollupBackfill(strapi: Core.Strapi, KEY: string, rebuild: Rebuild) {
  const tables = usageTables(strapi);
  const { knex, usage } = tables;
  const store = () => strapi.db.metadata.get('strapi::core-store').tableName;

  async function read(db: Knex | Knex.Transaction = knex): Promise<Progress | null> {
    const row = await db(store()).where({ key: KEY }).first('value');
    return row ? (JSON.parse(row.value) as Progress) : null;
  }
  async function write(trx: Knex.Transaction, progress: Progress, exists: boolean) {
    const value = JSON.stringify(progress);
    if (exists) await trx(store()).where({ key: KEY }).update({ value });
    else
      await trx(store()).insert({ key: KEY, value, type: 'object', environment: null, tag: null });
  }

  /** Events of a page as the writer folded them (attribute names; money back to bigint). */
  async function page(after: number, cutoff: number): Promise<Array<UsageEvent & { id: number }>> {
    const rows = (await strapi.db.query(UID.usage).findMany({
      where: { id: { $gt: after, $lte: cutoff } },
      orderBy: { id: 'asc' },
      limit: PAGE,
    })) as Array<Record<string, unknown> & { id: number }>;
    const big = (v: unknown) => (v === null || v === undefined ? null : BigInt(String(v)));
    return rows.map((row) => ({
      ...(row as unknown as UsageEvent & { id: number }),
      costNano: big(row.costNano),
      cacheSavingsNano: big(row.cacheSavingsNano) ?? 0n,
      metadata:
        typeof row.metadata === 'string' ? JSON.parse(row.metadata) : (row.metadata as never),
      success: Boolean(row.success),
      streamed: Boolean(row.streamed),
      seeded: Boolean(row.seeded),
      cacheHit: Boolean(row.cacheHit),
      savedNano: big(row.savedNano) ?? 0n,
    }));
  }

  return {
    /**
     * Records, once, which events predate the new rows. Must run before the usage writer starts.
     * A site with no usage yet has nothing to rebuild.
     */
    async mark() {
      if (await read()) return;
      const max = Number((await knex(usage.name).max({ m: usage.column('id') }))[0]?.m ?? 0);
      await knex.transaction((trx) => write(trx, { cutoff: max, done: 0 }, false));
    },

    /** Rebuilds the new rows page by page; returns how many events it folded. */
    async run(): Promise<number> {
      let progress = await read();
      let folded = 0;
      while (progress && progress.done < progress.cutoff) {
        const events = await page(progress.done, progress.cutoff);
        const next: Progress = {
          cutoff: progress.cutoff,
          done: events.length ? events[events.length - 1].id : progress.cutoff,
        };
        const now = new Date();
        await knex.transaction(async (trx) => {
          // Another instance may have done this page meanwhile: re-read under the transaction.
          const current = await read(trx);
          if (!current || current.done !== progress!.done) return;
          await rebuild(tables, trx, events, now);
          await write(trx, next, true);
        });
        folded += events.length;
        progress = await read();
      }
      return folded;
    },
  };
}
