import type { Dialect } from '../db/tables';
import type { UsageEvent } from './event';
import { foldIntoCube, type CubeRow } from './cube';
import { foldIntoRollups, type RollupRow } from './rollups';

/**
 * Generated events turned into what the database driver takes, ready to bind: everything but the
 * SQL. Pure, so the seed command builds batches in a worker thread while the main thread writes
 * the previous one.
 */
export interface PreparedBatch {
  /** Event attributes in value order, after document_id, created_at, updated_at, published_at. */
  attributes: string[];
  /** Row-major values (SQLite, MySQL): `attributes.length + 4` per event. */
  values: unknown[];
  /** Column-major PostgreSQL text-array literals, one list per chunk of `PG_ROWS_PER_STATEMENT` events. */
  pgChunks: string[][];
  rollups: RollupRow[];
  cube: CubeRow[];
  events: number;
  costNano: bigint;
}

export const PG_ROWS_PER_STATEMENT = 10_000;

/** An event attribute as the usage table stores it: money as exact decimal text, metadata as JSON. */
export function storedValue(attribute: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return String(value);
  if (attribute === 'metadata') return JSON.stringify(value);
  return value;
}

/** A PostgreSQL array literal of text (NULL stays NULL), bound as one parameter. */
function pgTextArray(values: unknown[]): string {
  const items = values.map((v) =>
    v === null || v === undefined
      ? 'NULL'
      : `"${(v instanceof Date ? v.toISOString() : String(v)).replace(/[\\"]/g, '\\$&')}"`
  );
  return `{${items.join(',')}}`;
}

export function prepareGenerated(events: UsageEvent[], dialect: Dialect, now: Date): PreparedBatch {
  const attributes = events.length ? (Object.keys(events[0]) as Array<keyof UsageEvent>) : [];
  const stamp = dialect === 'sqlite' ? now.getTime() : now;
  const values: unknown[] = [];
  let costNano = 0n;
  for (const event of events) {
    if (event.costNano !== null) costNano += event.costNano;
    // Demo request ids are time-ordered, and so are these document ids: both indexes get appends.
    values.push(event.requestId.replaceAll('-', ''), stamp, stamp, stamp);
    for (const attribute of attributes) {
      const value = storedValue(attribute, event[attribute]);
      // better-sqlite3 binds numbers, not Dates or booleans.
      if (dialect === 'sqlite' && value instanceof Date) values.push(value.getTime());
      else if (dialect === 'sqlite' && typeof value === 'boolean') values.push(value ? 1 : 0);
      else values.push(value);
    }
  }

  const pgChunks: string[][] = [];
  if (dialect === 'postgres') {
    const width = attributes.length + 4;
    for (let start = 0; start < events.length; start += PG_ROWS_PER_STATEMENT) {
      const end = Math.min(events.length, start + PG_ROWS_PER_STATEMENT);
      const columns: unknown[][] = Array.from({ length: width }, () => []);
      for (let row = start; row < end; row += 1)
        for (let c = 0; c < width; c += 1) columns[c].push(values[row * width + c]);
      pgChunks.push(columns.map(pgTextArray));
    }
    values.length = 0;
  }
  return {
    attributes,
    values,
    pgChunks,
    rollups: foldIntoRollups(events),
    cube: foldIntoCube(events),
    events: events.length,
    costNano,
  };
}
