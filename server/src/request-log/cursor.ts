import type { LogOrder, LogSort } from '../../../shared/contracts/request-log';

/**
 * Keyset paging: a cursor is the last row's sort value and id, so the next page starts right after
 * it whatever was written since (no OFFSET: page 10 000 costs what page 1 does). It is opaque to
 * clients (base64url of JSON) and checked on the way in: a tampered cursor is a 400, never SQL.
 */
export interface Cursor {
  sort: LogSort;
  order: LogOrder;
  /** time: epoch ms; cost, latency, tokens: a whole number (−1 for "none", see sort.ts). */
  value: number;
  id: number;
}

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.id])).toString(
    'base64url'
  );

const wholeNumber = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= min;

/** The cursor, if it is one this sort and order made; null otherwise. */
export function decodeCursor(text: string, sort: LogSort, order: LogOrder): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null;
  const [s, o, value, id] = parsed as unknown[];
  if (s !== sort || o !== order || !wholeNumber(value, -1) || !wholeNumber(id, 1)) return null;
  return { sort, order, value, id };
}
