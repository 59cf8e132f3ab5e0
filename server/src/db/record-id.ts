/**
 * The largest id a record can have on every supported database: Strapi's `id` columns are 32-bit
 * integers on PostgreSQL, and a bigger number there is a query error (a 500), not "no such record".
 */
export const MAX_RECORD_ID = 2_147_483_647;

/** A record id from a route parameter or a caller's reference: a whole number from 1 to MAX_RECORD_ID, else null. */
export function recordId(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,10}$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isInteger(n) && n >= 1 && n <= MAX_RECORD_ID ? n : null;
}

/** Whether a route parameter is written as an id (digits), whether or not such a record could exist. */
export const looksLikeId = (value: unknown): boolean =>
  typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
