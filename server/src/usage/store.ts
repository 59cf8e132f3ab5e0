import type { Core } from '@strapi/strapi';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { UID } from '../../../content-types';
import type { UsageEvent } from './event';

/** The dimensions a daily rollup row is keyed by (its unique index); "none" is 0 or '' so the key never holds NULL. */
const ROLLUP_KEY = ['day', 'providerId', 'modelId', 'configurationId', 'taskId', 'userId', 'service', 'source', 'seeded'] as const;
const ROLLUP_SUMS = [
  'requests',
  'failures',
  'blockedRequests',
  'unpricedRequests',
  'streamedRequests',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'units',
  'costNano',
  'latencyMsSum',
] as const;

type RollupSum = (typeof ROLLUP_SUMS)[number];

interface RollupRow {
  key: Record<(typeof ROLLUP_KEY)[number], string | number | boolean>;
  adapter: string | null;
  modelKey: string | null;
  sums: Record<RollupSum, bigint>;
}

const documentId = () => randomBytes(12).toString('hex');
const BLOCKED = 'budget_exceeded';

/** Folds a batch of events into one row per rollup key, so each key is upserted once per batch. */
export function foldIntoRollups(events: UsageEvent[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const event of events) {
    const key = {
      day: event.day,
      providerId: event.providerId ?? 0,
      modelId: event.modelId ?? 0,
      configurationId: event.configurationId ?? 0,
      taskId: event.taskId ?? 0,
      userId: event.userId ?? 0,
      service: event.service,
      source: event.source ?? '',
      seeded: event.seeded,
    };
    const id = `${key.day}|${key.providerId}|${key.modelId}|${key.configurationId}|${key.taskId}|${key.userId}|${key.service}|${key.source}|${key.seeded}`;
    let row = rows.get(id);
    if (!row) {
      row = { key, adapter: event.adapter, modelKey: event.modelKey, sums: Object.fromEntries(ROLLUP_SUMS.map((s) => [s, 0n])) as RollupRow['sums'] };
      rows.set(id, row);
    }
    const s = row.sums;
    // A call a budget refused reached no provider: it is counted as blocked, not as a request.
    if (event.errorCode === BLOCKED) {
      s.blockedRequests += 1n;
      continue;
    }
    s.requests += 1n;
    if (!event.success) s.failures += 1n;
    if (event.success && event.costNano === null) s.unpricedRequests += 1n;
    if (event.streamed) s.streamedRequests += 1n;
    s.inputTokens += BigInt(event.inputTokens);
    s.outputTokens += BigInt(event.outputTokens);
    s.cacheReadTokens += BigInt(event.cacheReadTokens);
    s.cacheWriteTokens += BigInt(event.cacheWriteTokens);
    s.reasoningTokens += BigInt(event.reasoningTokens);
    s.units += BigInt(event.units);
    s.costNano += event.costNano ?? 0n;
    s.latencyMsSum += BigInt(event.latencyMs);
  }
  return [...rows.values()];
}

/**
 * Writes usage events and their daily rollups in one transaction. Idempotent by request id: events
 * already stored are skipped and add nothing to the rollups, so a replayed spool never double counts.
 */
export function createUsageStore(strapi: Core.Strapi) {
  const knex = strapi.db.connection as unknown as Knex;
  const dialect = strapi.db.dialect.client as 'sqlite' | 'postgres' | 'mysql';
  const usageMeta = strapi.db.metadata.get(UID.usage);
  const rollupMeta = strapi.db.metadata.get(UID.usageDaily);
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
    [rollupColumn('adapter'), latest('adapter')],
    [rollupColumn('modelKey'), latest('modelKey')],
    [rollupColumn('updatedAt'), latest('updatedAt')],
  ]);
  const conflictColumns = ROLLUP_KEY.map(rollupColumn);

  function eventRow(event: UsageEvent, now: Date) {
    const row: Record<string, unknown> = {
      document_id: documentId(),
      created_at: now,
      updated_at: now,
      published_at: now,
    };
    for (const [attribute, value] of Object.entries(event)) {
      if (attribute === 'costNano') row[usageColumn(attribute)] = value === null ? null : (value as bigint).toString();
      else if (attribute === 'metadata') row[usageColumn(attribute)] = value === null ? null : JSON.stringify(value);
      else row[usageColumn(attribute)] = value;
    }
    return row;
  }

  function rollupRow(row: RollupRow, now: Date) {
    const out: Record<string, unknown> = {
      document_id: documentId(),
      created_at: now,
      updated_at: now,
      published_at: now,
      [rollupColumn('adapter')]: row.adapter,
      [rollupColumn('modelKey')]: row.modelKey,
    };
    for (const [attribute, value] of Object.entries(row.key)) out[rollupColumn(attribute)] = value;
    for (const [attribute, value] of Object.entries(row.sums)) out[rollupColumn(attribute)] = value.toString();
    return out;
  }

  // Keep statements well under every driver's bound-parameter limit (SQLite: 32766).
  const EVENTS_PER_INSERT = 200;

  /** Inserts events known to be new, and their rollups, inside `trx`. */
  async function insertNew(trx: Knex.Transaction, fresh: UsageEvent[], now: Date) {
    for (let i = 0; i < fresh.length; i += EVENTS_PER_INSERT) {
      await trx(usageTable).insert(fresh.slice(i, i + EVENTS_PER_INSERT).map((e) => eventRow(e, now)));
    }
    const rollups = foldIntoRollups(fresh).map((r) => rollupRow(r, now));
    for (let i = 0; i < rollups.length; i += EVENTS_PER_INSERT) {
      await trx(rollupTable).insert(rollups.slice(i, i + EVENTS_PER_INSERT)).onConflict(conflictColumns).merge(mergeSpec);
    }
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
          const found = await trx(usageTable).select(requestIdColumn).whereIn(requestIdColumn, ids.slice(i, i + 500));
          for (const row of found) existing.add(row[requestIdColumn]);
        }
        const seen = new Set<string>();
        const fresh = events.filter((e) => !existing.has(e.requestId) && !seen.has(e.requestId) && seen.add(e.requestId));
        if (fresh.length > 0) await insertNew(trx, fresh, now);
        return fresh.length;
      });
    },

    /**
     * Bulk path for generated demo events, which are new by construction (no duplicate check). The
     * query builder costs more than the database for 100 k-row batches, so rows go in as prebuilt
     * multi-row INSERTs (SQLite: one prepared statement in a native transaction).
     */
    async writeGenerated(events: UsageEvent[]): Promise<void> {
      if (events.length === 0) return;
      const now = new Date();
      const attributes = Object.keys(events[0]) as Array<keyof UsageEvent>;
      const columns = ['document_id', 'created_at', 'updated_at', 'published_at', ...attributes.map(usageColumn)];
      const documentIds = randomBytes(12 * events.length).toString('hex');
      const rows = events.map((event, i) => {
        const values: unknown[] = [documentIds.slice(i * 24, i * 24 + 24), now, now, now];
        for (const attribute of attributes) {
          const value = event[attribute];
          values.push(attribute === 'costNano' ? (value === null ? null : String(value)) : attribute === 'metadata' ? (value === null ? null : JSON.stringify(value)) : value);
        }
        return values;
      });
      const rollups = foldIntoRollups(events).map((r) => rollupRow(r, now));
      if (dialect === 'sqlite') {
        const db = await (knex.client as any).acquireConnection();
        try {
          const insert = db.prepare(`INSERT INTO "${usageTable}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
          const sqliteValue = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'boolean' ? (v ? 1 : 0) : v);
          const rollupColumns = Object.keys(rollups[0]);
          const sums = ROLLUP_SUMS.map(rollupColumn);
          const upsert = db.prepare(
            `INSERT INTO "${rollupTable}" (${rollupColumns.map((c) => `"${c}"`).join(', ')}) VALUES (${rollupColumns.map(() => '?').join(', ')}) ` +
              `ON CONFLICT (${conflictColumns.map((c) => `"${c}"`).join(', ')}) DO UPDATE SET ` +
              sums.map((c) => `"${c}" = "${c}" + excluded."${c}"`).join(', ')
          );
          // Events and their rollups in one transaction, as on every other path.
          db.transaction(() => {
            for (const row of rows) insert.run(row.map(sqliteValue));
            for (const row of rollups) upsert.run(rollupColumns.map((c) => sqliteValue(row[c])));
          })();
        } finally {
          (knex.client as any).releaseConnection(db);
        }
        return;
      }
      const quote = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
      const head = `INSERT INTO ${quote(usageTable)} (${columns.map(quote).join(', ')}) VALUES `;
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      const perStatement = Math.floor(30_000 / columns.length);
      await knex.transaction(async (trx) => {
        for (let i = 0; i < rows.length; i += perStatement) {
          const chunk = rows.slice(i, i + perStatement);
          await trx.raw(head + chunk.map(() => tuple).join(', '), chunk.flat() as any[]);
        }
        for (let i = 0; i < rollups.length; i += EVENTS_PER_INSERT) {
          await trx(rollupTable).insert(rollups.slice(i, i + EVENTS_PER_INSERT)).onConflict(conflictColumns).merge(mergeSpec);
        }
      });
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
