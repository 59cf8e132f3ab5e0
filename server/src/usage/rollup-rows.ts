import type { UsageEvent } from './event';
import { ROLLUP_SUMS } from './metrics';
import type { RollupRow } from './rollups';

/** The user id rollups of all users are kept under (0 is the system: calls without a user). */
export const EVERYONE = -1;

/** A batch's rollup rows, keyed by (day, user, dimension, member, seeded): each upserted once. */
export type RollupRows = Map<string, RollupRow>;

/** The batch's row for one (day, user, dimension, member, seeded), created at zero the first time. */
export function rollupRow(
  rows: RollupRows,
  event: Pick<UsageEvent, 'day' | 'seeded'>,
  userId: number,
  dimension: string,
  dimensionKey: string
): RollupRow {
  const id = `${event.day}|${userId}|${dimension}|${dimensionKey}|${event.seeded}`;
  let row = rows.get(id);
  if (!row) {
    row = {
      day: event.day,
      userId,
      dimension,
      dimensionKey,
      seeded: event.seeded,
      sums: Object.fromEntries(ROLLUP_SUMS.map((s) => [s, 0n])) as RollupRow['sums'],
    };
    rows.set(id, row);
  }
  return row;
}
